// The messages of the process protocol (PROTOCOL.md): encoding and strict, total parsing of each line.
// Both sides use this file: the harness (process adapter) parses hellos and replies, `serve` parses requests.
// Parsers never throw anything but ProtocolError, whatever the line holds; callers turn it into their error.
import { Capabilities } from '../types';
import { CallName, ConcreteInput } from '../../models/input';
import { CALL_ERRORS, CallError, CallResult, Observation, SIGNALS, Signal } from '../../models/observation';
import { Segment } from '../../models/segment';
import { State, parseState, stateName } from '../../models/state';
import {
  Endpoint,
  PacketError,
  decodePacket,
  encodePacket,
  formatEndpoint,
  fromHex,
  isNotTcp,
  sameEndpoint,
  toHex,
} from '../packet/ipv4-tcp';

export const PROTOCOL_VERSION = 1;

/** The fixed addresses of PROTOCOL.md (RFC 5737 documentation range). */
export const TESTER: Endpoint = { addr: '192.0.2.1', port: 40001 };
export const IUT: Endpoint = { addr: '192.0.2.2', port: 5001 };

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

const CALL_NAMES: readonly CallName[] = [
  'open.passive',
  'open.active',
  'send',
  'receive',
  'close',
  'close.halfDuplex',
  'abort',
];

/** Shortens a line for an error message: the offending text, never a screenful. */
export function excerpt(line: string, max = 120): string {
  const s = JSON.stringify(line.length > max ? line.slice(0, max) + '...' : line);
  return s;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

function parseObject(line: string, what: string): Obj {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    throw new ProtocolError(`expected a JSON ${what}, got ${excerpt(line)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new ProtocolError(`expected a JSON object (${what}), got ${excerpt(line)}`);
  }
  return v as Obj;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, k: string): Json | undefined => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

function hexField(v: Json | undefined, what: string): Buffer {
  if (typeof v !== 'string')
    throw new ProtocolError(`${what} must be a hex string, got ${excerpt(JSON.stringify(v) ?? 'nothing')}`);
  try {
    return fromHex(v);
  } catch (e) {
    throw new ProtocolError(`${what}: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------- hello

export interface Hello {
  version: number;
  iut: string;
  capabilities: Capabilities;
}

export function encodeHello(iut: string, capabilities: Capabilities): string {
  return JSON.stringify({ tcpconform: PROTOCOL_VERSION, iut, capabilities });
}

export function parseHello(line: string): Hello {
  const o = parseObject(line, 'hello line ({"tcpconform":1,...})');
  const version = own(o, 'tcpconform');
  if (version === undefined)
    throw new ProtocolError(`expected a hello line with "tcpconform":${PROTOCOL_VERSION}, got ${excerpt(line)}`);
  if (version !== PROTOCOL_VERSION) {
    throw new ProtocolError(
      `the child speaks protocol version ${JSON.stringify(version)}, this harness speaks version ${PROTOCOL_VERSION}`,
    );
  }
  const iut = own(o, 'iut');
  if (typeof iut !== 'string' || iut === '')
    throw new ProtocolError('hello: "iut" must be a non-empty string naming the implementation');
  const c = own(o, 'capabilities');
  if (!isObj(c))
    throw new ProtocolError('hello: "capabilities" must be an object (see adapters/types.ts Capabilities)');
  const calls = own(c, 'calls');
  if (!Array.isArray(calls)) throw new ProtocolError('hello: capabilities.calls must be an array of call names');
  for (const name of calls) {
    if (typeof name !== 'string' || !CALL_NAMES.includes(name as CallName)) {
      throw new ProtocolError(
        `hello: unknown call ${JSON.stringify(name)} in capabilities.calls (known: ${CALL_NAMES.join(', ')})`,
      );
    }
  }
  for (const flag of ['segments', 'state', 'signals'] as const) {
    if (typeof own(c, flag) !== 'boolean') throw new ProtocolError(`hello: capabilities.${flag} must be true or false`);
  }
  const clock = own(c, 'clock');
  if (clock !== 'virtual' && clock !== 'real')
    throw new ProtocolError('hello: capabilities.clock must be "virtual" or "real"');
  const features = own(c, 'features');
  if (features !== undefined && (!Array.isArray(features) || features.some((f) => typeof f !== 'string'))) {
    throw new ProtocolError('hello: capabilities.features must be an array of strings');
  }
  const capabilities: Capabilities = {
    calls: calls as CallName[],
    segments: c.segments as boolean,
    state: c.state as boolean,
    signals: c.signals as boolean,
    clock,
  };
  if (features !== undefined) capabilities.features = features as string[];
  return { version, iut, capabilities };
}

// ---------------------------------------------------------------------------------------------- requests

export type Request =
  | { id: number; op: 'reset'; profile: string; seed: number }
  | { id: number; op: 'input'; input: ConcreteInput }
  | { id: number; op: 'state' };

/** One request line. Segments become packets from the tester to the IUT; call data becomes hex. */
export function encodeRequest(req: Request): string {
  switch (req.op) {
    case 'reset':
      return JSON.stringify({ id: req.id, op: 'reset', profile: req.profile, seed: req.seed });
    case 'state':
      return JSON.stringify({ id: req.id, op: 'state' });
    case 'input': {
      const input = req.input;
      switch (input.kind) {
        case 'segment':
          return JSON.stringify({
            id: req.id,
            op: 'segment',
            packet: toHex(encodePacket({ src: TESTER, dst: IUT, segment: input.segment })),
          });
        case 'wait':
          return JSON.stringify({ id: req.id, op: 'wait', ms: input.ms });
        case 'call': {
          const msg: Obj = { id: req.id, op: 'call', call: input.call };
          if (input.call === 'open') msg.mode = input.mode;
          if (input.call === 'close' && input.mode) msg.mode = input.mode;
          if (input.call === 'send') msg.data = Buffer.from(input.data, 'latin1').toString('hex');
          return JSON.stringify(msg);
        }
      }
    }
  }
}

/** A short description of a request for messages: "request 3 (call send)". */
export function describeRequest(req: Request): string {
  if (req.op !== 'input') return `request ${req.id} (${req.op})`;
  const i = req.input;
  const what =
    i.kind === 'call'
      ? `call ${i.call}${'mode' in i && i.mode ? ' ' + i.mode : ''}`
      : i.kind === 'wait'
        ? `wait ${i.ms} ms`
        : 'segment';
  return `request ${req.id} (${what})`;
}

/** Reads a packet sent to `to` from `from`; anything else is a ProtocolError. */
export function packetToSegment(bytes: Uint8Array, from: Endpoint, to: Endpoint): Segment | undefined {
  let parsed;
  try {
    parsed = decodePacket(bytes);
  } catch (e) {
    if (isNotTcp(e)) return undefined; // PROTOCOL.md: packets that are not IPv4 carrying TCP are ignored
    if (e instanceof PacketError) throw new ProtocolError(`bad packet ${excerpt(toHex(bytes), 60)}: ${e.message}`);
    throw e;
  }
  if (!sameEndpoint(parsed.src, from) || !sameEndpoint(parsed.dst, to)) {
    throw new ProtocolError(
      `packet from ${formatEndpoint(parsed.src)} to ${formatEndpoint(parsed.dst)}; expected ${formatEndpoint(from)} to ${formatEndpoint(to)} (PROTOCOL.md "Addresses")`,
    );
  }
  return parsed.segment;
}

/** The serving side: one request line. Throws ProtocolError (with the id when it could be read). */
export function parseRequest(line: string): Request {
  const o = parseObject(line, 'request');
  const id = own(o, 'id');
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new ProtocolError('request without an integer "id"');
  const fail = (msg: string): never => {
    throw new RequestError(id, msg);
  };
  const op = own(o, 'op');
  switch (op) {
    case 'reset': {
      const profile = own(o, 'profile');
      const seed = own(o, 'seed');
      if (typeof profile !== 'string') fail('reset: "profile" must be a string');
      if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) fail('reset: "seed" must be an integer');
      return { id, op: 'reset', profile: profile as string, seed: seed as number };
    }
    case 'state':
      return { id, op: 'state' };
    case 'wait': {
      const ms = own(o, 'ms');
      if (typeof ms !== 'number' || !(ms >= 0) || !Number.isFinite(ms))
        fail('wait: "ms" must be a non-negative number');
      return { id, op: 'input', input: { kind: 'wait', ms: ms as number } };
    }
    case 'segment': {
      let segment: Segment | undefined;
      try {
        segment = packetToSegment(hexField(own(o, 'packet'), 'segment: "packet"'), TESTER, IUT);
      } catch (e) {
        fail((e as Error).message);
      }
      if (!segment) fail('segment: the packet is not IPv4 carrying TCP');
      return { id, op: 'input', input: { kind: 'segment', segment: segment as Segment } };
    }
    case 'call': {
      const call = own(o, 'call');
      const mode = own(o, 'mode');
      switch (call) {
        case 'open':
          if (mode !== 'passive' && mode !== 'active') fail('call open: "mode" must be "passive" or "active"');
          return { id, op: 'input', input: { kind: 'call', call: 'open', mode: mode as 'passive' | 'active' } };
        case 'send': {
          let data = '';
          try {
            data = hexField(own(o, 'data'), 'call send: "data"').toString('latin1');
          } catch (e) {
            fail((e as Error).message);
          }
          return { id, op: 'input', input: { kind: 'call', call: 'send', data } };
        }
        case 'receive':
          return { id, op: 'input', input: { kind: 'call', call: 'receive' } };
        case 'close':
          if (mode !== undefined && mode !== 'halfDuplex') fail('call close: "mode" must be absent or "halfDuplex"');
          return {
            id,
            op: 'input',
            input: mode ? { kind: 'call', call: 'close', mode: 'halfDuplex' } : { kind: 'call', call: 'close' },
          };
        case 'abort':
          return { id, op: 'input', input: { kind: 'call', call: 'abort' } };
        default:
          return fail(`unknown call ${JSON.stringify(call)}`);
      }
    }
    default:
      return fail(
        `unknown op ${JSON.stringify(op)} (version ${PROTOCOL_VERSION} knows reset, segment, call, wait, state)`,
      );
  }
}

/** A request that could be identified but not understood: the server answers it with an error reply. */
export class RequestError extends ProtocolError {
  constructor(
    readonly id: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

// ---------------------------------------------------------------------------------------------- replies

/** The serving side: an observation as a reply line. The IUT's segments become packets to the tester. */
export function encodeReply(id: number, obs: Observation): string {
  const msg: Obj = {
    id,
    packets: obs.segments.map((segment) => toHex(encodePacket({ src: IUT, dst: TESTER, segment }))),
  };
  if (obs.result) {
    msg.result = obs.result.ok
      ? obs.result.data !== undefined
        ? { ok: true, data: Buffer.from(obs.result.data, 'latin1').toString('hex') }
        : { ok: true }
      : { ok: false, error: obs.result.error };
  }
  if (obs.signals) msg.signals = [...obs.signals];
  if (obs.state) msg.state = stateName(obs.state);
  return JSON.stringify(msg);
}

export function encodeErrorReply(id: number | null, message: string): string {
  return JSON.stringify({ id, error: message.split('\n')[0] });
}

export type Reply = { id: number; observation: Observation } | { id: number; error: string };

/**
 * The harness side: one reply line, checked against the request it answers. `expectResult` is true for calls
 * (a result is then required, and forbidden otherwise); `expectState` when the IUT announced state reporting.
 */
export function parseReply(line: string, expectedId: number, expect: { result: boolean; state: boolean }): Reply {
  const o = parseObject(line, `reply to request ${expectedId}`);
  const id = own(o, 'id');
  if (id !== expectedId) {
    throw new ProtocolError(
      `reply with id ${JSON.stringify(id) ?? 'missing'}, expected id ${expectedId}: ${excerpt(line)}`,
    );
  }
  const error = own(o, 'error');
  if (error !== undefined) {
    return { id: expectedId, error: typeof error === 'string' ? error : JSON.stringify(error) };
  }
  const packets = own(o, 'packets');
  if (!Array.isArray(packets))
    throw new ProtocolError(`reply ${expectedId}: "packets" must be an array of hex strings`);
  const segments: Segment[] = [];
  packets.forEach((p, i) => {
    const seg = packetToSegment(hexField(p, `reply ${expectedId}: packets[${i}]`), IUT, TESTER);
    if (seg) segments.push(seg);
  });
  const observation: Observation = { segments };

  const result = own(o, 'result');
  if (expect.result) {
    if (result === undefined) throw new ProtocolError(`reply ${expectedId} to a call has no "result"`);
    observation.result = parseResult(result, expectedId);
  } else if (result !== undefined) {
    throw new ProtocolError(`reply ${expectedId} carries a "result" but the request was not a call`);
  }

  const signals = own(o, 'signals');
  if (signals !== undefined) {
    if (!Array.isArray(signals)) throw new ProtocolError(`reply ${expectedId}: "signals" must be an array`);
    for (const s of signals) {
      if (typeof s !== 'string' || !SIGNALS.includes(s as Signal)) {
        throw new ProtocolError(
          `reply ${expectedId}: unknown signal ${JSON.stringify(s)} (known: ${SIGNALS.join(', ')})`,
        );
      }
    }
    observation.signals = signals as Signal[];
  }

  const state = own(o, 'state');
  if (state !== undefined) {
    const parsed: State | undefined = typeof state === 'string' ? parseState(state) : undefined;
    if (!parsed)
      throw new ProtocolError(
        `reply ${expectedId}: unknown state ${JSON.stringify(state)} (expected e.g. "SYN-RECEIVED")`,
      );
    observation.state = parsed;
  } else if (expect.state) {
    throw new ProtocolError(`reply ${expectedId} has no "state", yet the hello announced capabilities.state`);
  }
  return { id: expectedId, observation };
}

function parseResult(r: Json, id: number): CallResult {
  if (!isObj(r) || typeof own(r, 'ok') !== 'boolean')
    throw new ProtocolError(`reply ${id}: "result" must be {"ok":true|false,...}`);
  if (r.ok) {
    const data = own(r, 'data');
    return data === undefined
      ? { ok: true }
      : { ok: true, data: hexField(data, `reply ${id}: result.data`).toString('latin1') };
  }
  const error = own(r, 'error');
  if (typeof error !== 'string' || !CALL_ERRORS.includes(error as CallError)) {
    throw new ProtocolError(
      `reply ${id}: unknown call error ${JSON.stringify(error)} (known: ${CALL_ERRORS.join(', ')})`,
    );
  }
  return { ok: false, error: error as CallError };
}
