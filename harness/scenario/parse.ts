// Reading a scenario file (.tcs, docs/scenarios.md). Every mistake is reported as "FILE:LINE: what is wrong".
import { AckBase, Input, PeerSegment, SeqBase } from '../../models/input';
import { CALL_ERRORS, CallError, SIGNALS, Signal } from '../../models/observation';
import { ACK, FIN, PSH, RST, SYN } from '../../models/segment';
import { parseState } from '../../models/state';
import { DEFAULT_PEER_ISS, DEFAULT_SEED, Scenario, ScenarioStep, SegmentPattern, ResultPattern } from './scenario';
import { LineError, unquote, words } from './tokens';

export class BadScenario extends Error {}

const FLAG_BITS: Record<string, number> = { S: SYN, F: FIN, R: RST, P: PSH, '.': ACK };

/** packetdrill's flag letters: S F R P and "." for ACK; "-" for none. */
export function parseFlags(word: string | undefined): number {
  if (word === undefined) throw new LineError('a segment needs its flags (S, F, R, P, "." for ACK, "-" for none)');
  if (word === '-') return 0;
  let ctl = 0;
  for (const c of word) {
    const bit = FLAG_BITS[c];
    if (bit === undefined)
      throw new LineError(`flag "${c}" in "${word}" is not one the model covers (S, F, R, P, "." for ACK)`);
    if (ctl & bit) throw new LineError(`flag "${c}" appears twice in "${word}"`);
    ctl |= bit;
  }
  return ctl;
}

const INT = /^[+-]?\d+$/;

function integer(text: string, what: string): number {
  if (!INT.test(text)) throw new LineError(`${what} must be an integer, not "${text}"`);
  const n = Number(text);
  if (n < -0x80000000 || n > 0xffffffff) throw new LineError(`${what} ${text} is outside -2^31..2^32-1`);
  return n;
}

function bounded(text: string | undefined, what: string, lo: number, hi: number): number {
  if (text === undefined) throw new LineError(`${what} needs a value`);
  const n = integer(text, what);
  if (n < lo || n > hi) throw new LineError(`${what} must be ${lo}..${hi}, not ${n}`);
  return n;
}

/** A number relative to `numeric`, or a named point of the IUT's sequence space plus or minus an offset. */
function term<B extends string>(text: string, numeric: B, names: Record<string, B>, what: string) {
  const m = /^([a-z.]+)([+-]\d+)?$/.exec(text);
  if (m && names[m[1]] !== undefined) return { from: names[m[1]], delta: m[2] ? Number(m[2]) : 0 };
  if (INT.test(text)) return { from: numeric, delta: integer(text, what) };
  throw new LineError(`${what} "${text}" is neither a number nor one of ${Object.keys(names).join(', ')} (±n)`);
}

const SEQ_NAMES: Record<string, SeqBase> = { 'rcv.nxt': 'rcvNxt', 'wnd.edge': 'rcvWndEdge' };
const ACK_NAMES: Record<string, AckBase> = { 'snd.nxt': 'sndNxt', 'snd.una': 'sndUna', iss: 'iss' };

function seqRange(word: string | undefined): { start: string; end: string; len: number } {
  const m = word === undefined ? null : /^([^:]+):([^(]+)\((\d+)\)$/.exec(word);
  if (!m) throw new LineError(`sequence numbers must be written start:end(length), e.g. 0:0(0), not "${word ?? ''}"`);
  return { start: m[1], end: m[2], len: Number(m[3]) };
}

/** Keyword arguments after the sequence range: ack N, win N, data "..." and an option list. */
function keywords(ws: string[], i: number, onOption: (o: string) => void): Map<string, string> {
  const kv = new Map<string, string>();
  for (; i < ws.length; i++) {
    const w = ws[i];
    if (w.startsWith('<')) {
      onOption(w);
      continue;
    }
    if (w !== 'ack' && w !== 'win' && w !== 'data') throw new LineError(`unexpected "${w}" in a segment`);
    if (kv.has(w)) throw new LineError(`"${w}" appears twice`);
    if (ws[i + 1] === undefined) throw new LineError(`"${w}" needs a value`);
    kv.set(w, ws[++i]);
  }
  return kv;
}

/** `< FLAGS start:end(len) [ack A] [win W] [<mss M>] [data "..."]`: a segment the tester sends. */
export function parseInbound(ws: string[]): PeerSegment {
  const ctl = parseFlags(ws[1]);
  const r = seqRange(ws[2]);
  let mss: number | undefined;
  const kv = keywords(ws, 3, (o) => {
    const m = /^<mss (\d+)>$/.exec(o);
    if (!m) throw new LineError(`option list ${o}: only <mss N> can be sent (the model covers no other option)`);
    mss = bounded(m[1], 'mss', 1, 65535);
  });
  const seq = term(r.start, 'peerIss', SEQ_NAMES, 'SEQ');
  const end = term(r.end, 'peerIss', SEQ_NAMES, 'the end of the sequence range');
  if (end.from !== seq.from || end.delta !== seq.delta + r.len)
    throw new LineError(`${ws[2]}: the end must be the start plus the length (${r.len})`);
  const seg: PeerSegment = { ctl, seq };
  const ack = kv.get('ack');
  if (ctl & ACK) {
    if (ack === undefined) throw new LineError('a segment with ACK (".") needs "ack N"');
    seg.ack = term(ack, 'iss', ACK_NAMES, 'ACK');
  } else if (ack !== undefined) throw new LineError('"ack" is given but the flags have no ACK (".")');
  const win = kv.get('win');
  if (win !== undefined) seg.wnd = bounded(win, 'win', 0, 65535);
  if (mss !== undefined) seg.mss = mss;
  const data = kv.get('data');
  if (data !== undefined) {
    seg.data = unquote(data, 'data');
    if (seg.data.length !== r.len)
      throw new LineError(`data has ${seg.data.length} octets but the range says ${r.len}`);
  } else if (r.len > 0) seg.data = 'x'.repeat(r.len);
  return seg;
}

/** `> FLAGS start:end(len) [ack A] ...` or `> *`: a segment the IUT is expected to send. */
export function parseOutbound(ws: string[]): SegmentPattern {
  const ctl = parseFlags(ws[1]) & ~PSH;
  let seq: number | '*' = '*';
  let len: number | '*' = '*';
  if (ws[2] !== '*') {
    const r = seqRange(ws[2]);
    if (r.start === '*' && r.end === '*') len = r.len;
    else {
      seq = integer(r.start, 'SEQ');
      len = r.len;
      if (integer(r.end, 'the end of the sequence range') !== seq + r.len)
        throw new LineError(`${ws[2]}: the end must be the start plus the length (${r.len})`);
    }
  }
  // Windows and options are the IUT's choice: accepted, never compared.
  const kv = keywords(ws, 3, () => {});
  const p: SegmentPattern = { ctl, seq, len };
  const ack = kv.get('ack');
  if (ack !== undefined) {
    if (!(ctl & ACK)) throw new LineError('"ack" is given but the flags have no ACK (".")');
    p.ack = ack === '*' ? '*' : integer(ack, 'ACK');
  }
  const win = kv.get('win');
  if (win !== undefined && win !== '*') bounded(win, 'win', 0, 65535);
  const data = kv.get('data');
  if (data !== undefined) {
    p.data = unquote(data, 'data');
    if (len !== '*' && p.data.length !== len)
      throw new LineError(`data has ${p.data.length} octets but the range says ${len}`);
  }
  return p;
}

function errorWords(word: string | undefined): CallError {
  const e = unquote(word, 'an error');
  if (!CALL_ERRORS.includes(e as CallError))
    throw new LineError(`"${e}" is not one of RFC 9293's error answers: ${CALL_ERRORS.join(', ')}`);
  return e as CallError;
}

/** `= ok`, `= ok "data"` (what RECEIVE returned), `= "connection reset"` (an error, in RFC 9293's words). */
function parseResult(ws: string[]): ResultPattern {
  if (ws[0] === 'ok') {
    if (ws.length > 2) throw new LineError(`unexpected "${ws[2]}" after the result`);
    return ws[1] === undefined ? { ok: true } : { ok: true, data: unquote(ws[1], 'the data RECEIVE returns') };
  }
  if (ws.length !== 1) throw new LineError('a result is "ok", ok "data" or an error in quotes');
  return { ok: false, error: errorWords(ws[0]) };
}

/** OPEN passive|active, SEND "text", RECEIVE, CLOSE [half-duplex], ABORT. */
export function parseCall(ws: string[]): Input {
  const name = ws[0].toUpperCase();
  const arg = ws[1];
  const none = (n: number) => {
    if (ws.length > n) throw new LineError(`unexpected "${ws[n]}" after ${name}`);
  };
  switch (name) {
    case 'OPEN':
      if (arg !== 'passive' && arg !== 'active') throw new LineError('OPEN is "OPEN passive" or "OPEN active"');
      none(2);
      return { kind: 'call', call: 'open', mode: arg };
    case 'SEND':
      none(2);
      return { kind: 'call', call: 'send', data: unquote(arg, 'the text of SEND') };
    case 'RECEIVE':
      none(1);
      return { kind: 'call', call: 'receive' };
    case 'CLOSE':
      if (arg === undefined) return { kind: 'call', call: 'close' };
      if (arg !== 'half-duplex') throw new LineError('CLOSE is "CLOSE" or "CLOSE half-duplex"');
      none(2);
      return { kind: 'call', call: 'close', mode: 'halfDuplex' };
    case 'ABORT':
      none(1);
      return { kind: 'call', call: 'abort' };
  }
  throw new LineError(`unknown line "${ws[0]}"`);
}

/** "+0.25": a wait of 250 ms before the rest of the line (packetdrill's relative times, in seconds). */
function waitBefore(w: string): number {
  const m = /^\+(\d*\.?\d*)$/.exec(w);
  if (!m || m[1] === '' || m[1] === '.') throw new LineError(`"${w}" is not a relative time like +0.2`);
  return Math.round(Number(m[1]) * 1000);
}

export function parseScenario(text: string, file: string): Scenario {
  const sc: Scenario = { file, peerIss: DEFAULT_PEER_ISS, seed: DEFAULT_SEED, steps: [] };
  const lines = text.split('\n');
  let last: ScenarioStep | undefined;
  const add = (line: number, input: Input) => {
    last = { line, input, expect: {}, lines: {} };
    sc.steps.push(last);
  };
  for (let n = 1; n <= lines.length; n++) {
    try {
      let ws = words(lines[n - 1]);
      if (ws.length === 0) continue;
      const header = ['scenario', 'profile', 'peer-iss', 'seed'].includes(ws[0]);
      if (header) {
        if (sc.steps.length) throw new LineError(`"${ws[0]}" belongs before the first step`);
        if (ws.length !== 2) throw new LineError(`"${ws[0]}" takes one value`);
        if (ws[0] === 'scenario') sc.title = unquote(ws[1], 'the title');
        else if (ws[0] === 'profile') sc.profile = ws[1];
        else if (ws[0] === 'peer-iss') sc.peerIss = bounded(ws[1], 'peer-iss', 0, 0xffffffff);
        else sc.seed = bounded(ws[1], 'seed', -2147483647, 2147483647);
        continue;
      }
      if (ws[0].startsWith('+')) {
        const ms = waitBefore(ws[0]);
        if (ms > 0) add(n, { kind: 'wait', ms });
        ws = ws.slice(1);
        if (ws[0] === 'wait') ws = ws.slice(1);
        if (ws.length === 0) {
          if (ms === 0) throw new LineError('"+0" alone does nothing');
          continue;
        }
      } else if (/^\d/.test(ws[0]))
        throw new LineError(`times in a scenario are relative: write +${ws[0]}, a wait before the line`);
      const kind = ws[0];
      if (kind === '<') add(n, { kind: 'segment', segment: parseInbound(ws) });
      else if (kind === '>' || kind === 'state' || kind === 'signal' || kind === 'signals') {
        if (!last) throw new LineError(`"${kind}" expects what a step does, but no step comes before it`);
        const e = last.expect;
        if (kind === '>') {
          if (ws[1] === 'none') {
            if (ws.length > 2) throw new LineError(`unexpected "${ws[2]}" after "> none"`);
            if (e.segments?.length) throw new LineError('"> none" after a segment was expected');
            e.segments = [];
          } else {
            if (e.segments && e.segments.length === 0) throw new LineError('a segment after "> none"');
            (e.segments ??= []).push(parseOutbound(ws));
          }
          last.lines.segments ??= n;
        } else if (kind === 'state') {
          const st = ws.length === 2 ? parseState(ws[1]) : undefined;
          if (!st) throw new LineError(`"state" needs one of the RFC's state names, e.g. SYN-RECEIVED`);
          if (e.state) throw new LineError('a second "state" for the same step');
          e.state = st;
          last.lines.state = n;
        } else if (kind === 'signals') {
          if (ws[1] !== 'none' || ws.length > 2) throw new LineError('"signals" is only "signals none"');
          e.signals = [];
          last.lines.signals = n;
        } else {
          if (ws.length !== 2) throw new LineError('"signal" takes one signal in quotes');
          const s = unquote(ws[1], 'the signal') as Signal;
          if (!SIGNALS.includes(s)) throw new LineError(`"${s}" is not a signal: ${SIGNALS.join(', ')}`);
          (e.signals ??= []).push(s);
          last.lines.signals ??= n;
        }
      } else {
        const eq = ws.indexOf('=');
        add(n, parseCall(eq < 0 ? ws : ws.slice(0, eq)));
        if (eq >= 0) {
          last!.expect.result = parseResult(ws.slice(eq + 1));
          last!.lines.result = n;
        }
      }
    } catch (e) {
      if (e instanceof LineError) throw new BadScenario(`${file}:${n}: ${e.message}`);
      throw e;
    }
  }
  if (sc.steps.length === 0) throw new BadScenario(`${file}: no steps`);
  return sc;
}
