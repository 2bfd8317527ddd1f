// The protocol's messages: round trips, and fuzzing of every parser. A parser may only ever throw
// ProtocolError; through the adapter, whatever a child prints becomes an observation or an AdapterFailure.
import fc from 'fast-check';
import { PassThrough } from 'stream';
import { ACK, FIN, PSH, RST, SYN, Segment } from '../../models/segment';
import { STATES } from '../../models/state';
import { ConcreteInput } from '../../models/input';
import { CallError, Observation, Signal } from '../../models/observation';
import { AdapterFailure } from '../types';
import { encodePacket, toHex } from '../packet/ipv4-tcp';
import { createStreamAdapter } from './adapter';
import {
  IUT,
  ProtocolError,
  RequestError,
  TESTER,
  encodeHello,
  encodeReply,
  encodeRequest,
  parseHello,
  parseReply,
  parseRequest,
} from './protocol';

const hexString = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')) });
const byteString = (max: number) =>
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: max });

const segmentArb: fc.Arbitrary<Segment> = fc
  .record({
    seq: fc.nat({ max: 0xffffffff }),
    ack: fc.nat({ max: 0xffffffff }),
    ctl: fc.subarray([FIN, SYN, RST, PSH, ACK]).map((b) => b.reduce((x, y) => x | y, 0)),
    wnd: fc.nat({ max: 0xffff }),
    data: byteString(12),
    mss: fc.option(fc.nat({ max: 0xffff }), { nil: undefined }),
  })
  .map(({ mss, ...s }) => (mss === undefined ? s : { ...s, mss }));

const inputArb: fc.Arbitrary<ConcreteInput> = fc.oneof(
  segmentArb.map((segment) => ({ kind: 'segment' as const, segment })),
  fc.nat({ max: 300000 }).map((ms) => ({ kind: 'wait' as const, ms })),
  fc.constantFrom<ConcreteInput>(
    { kind: 'call', call: 'open', mode: 'passive' },
    { kind: 'call', call: 'open', mode: 'active' },
    { kind: 'call', call: 'receive' },
    { kind: 'call', call: 'close' },
    { kind: 'call', call: 'close', mode: 'halfDuplex' },
    { kind: 'call', call: 'abort' },
  ),
  byteString(20).map((data) => ({ kind: 'call' as const, call: 'send' as const, data })),
);

const ERRORS: CallError[] = [
  'connection does not exist',
  'connection already exists',
  'connection closing',
  'connection reset',
  'connection refused',
];
const SIGNALS: Signal[] = [
  'connection reset',
  'connection refused',
  'connection closing',
  'connection aborted due to user timeout',
];

const observationArb = (withResult: boolean): fc.Arbitrary<Observation> =>
  fc
    .record({
      segments: fc.array(segmentArb, { maxLength: 3 }),
      result: withResult
        ? fc.oneof(
            fc.constant({ ok: true as const }),
            byteString(10).map((data) => ({ ok: true as const, data })),
            fc.constantFrom(...ERRORS).map((error) => ({ ok: false as const, error })),
          )
        : fc.constant(undefined),
      signals: fc.option(fc.subarray(SIGNALS), { nil: undefined }),
      state: fc.constantFrom(...STATES),
    })
    .map(({ result, signals, ...o }) => {
      const obs: Observation = { ...o };
      if (result) obs.result = result;
      if (signals) obs.signals = signals;
      return obs;
    });

describe('round trips', () => {
  test('every input survives encodeRequest -> parseRequest', () => {
    fc.assert(
      fc.property(fc.nat(), inputArb, (id, input) => {
        expect(parseRequest(encodeRequest({ id, op: 'input', input }))).toEqual({ id, op: 'input', input });
      }),
    );
    expect(parseRequest(encodeRequest({ id: 1, op: 'reset', profile: 'rfc793', seed: -5 }))).toEqual({
      id: 1,
      op: 'reset',
      profile: 'rfc793',
      seed: -5,
    });
    expect(parseRequest(encodeRequest({ id: 2, op: 'state' }))).toEqual({ id: 2, op: 'state' });
  });

  test('every observation survives encodeReply -> parseReply', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.boolean().chain((r) => fc.tuple(fc.constant(r), observationArb(r))),
        (id, [isCall, obs]) => {
          expect(parseReply(encodeReply(id, obs), id, { result: isCall, state: true })).toEqual({
            id,
            observation: obs,
          });
        },
      ),
    );
  });

  test('hello round trip', () => {
    const caps = {
      calls: ['send' as const],
      segments: true,
      state: false,
      signals: true,
      clock: 'real' as const,
      features: ['backlog'],
    };
    expect(parseHello(encodeHello('x', caps))).toEqual({ version: 1, iut: 'x', capabilities: caps });
  });

  test('the request lines are the ones PROTOCOL.md shows', () => {
    expect(encodeRequest({ id: 3, op: 'input', input: { kind: 'call', call: 'open', mode: 'passive' } })).toBe(
      '{"id":3,"op":"call","call":"open","mode":"passive"}',
    );
    expect(encodeRequest({ id: 5, op: 'input', input: { kind: 'call', call: 'send', data: 'hello' } })).toBe(
      '{"id":5,"op":"call","call":"send","data":"68656c6c6f"}',
    );
    expect(encodeRequest({ id: 7, op: 'input', input: { kind: 'call', call: 'close' } })).toBe(
      '{"id":7,"op":"call","call":"close"}',
    );
    expect(encodeRequest({ id: 10, op: 'input', input: { kind: 'wait', ms: 250 } })).toBe(
      '{"id":10,"op":"wait","ms":250}',
    );
    expect(encodeRequest({ id: 1, op: 'reset', profile: 'rfc9293', seed: 1234 })).toBe(
      '{"id":1,"op":"reset","profile":"rfc9293","seed":1234}',
    );
  });
});

describe('strictness, with messages that say what was expected', () => {
  const rst = toHex(
    encodePacket({ src: IUT, dst: TESTER, segment: { seq: 0, ack: 101, ctl: RST | ACK, wnd: 0, data: '' } }),
  );
  const at =
    (line: string, result = false) =>
    () =>
      parseReply(line, 4, { result, state: true });

  test('replies', () => {
    expect(at('{"id":5,"packets":[]}')).toThrow('reply with id 5, expected id 4');
    expect(at('{"packets":[]}')).toThrow('reply with id missing, expected id 4');
    expect(at('{"id":4}')).toThrow('"packets" must be an array');
    expect(at('{"id":4,"packets":["abc"],"state":"CLOSED"}')).toThrow('not an even-length hex string');
    expect(at('{"id":4,"packets":[],"state":"CLOSED"}', true)).toThrow('reply 4 to a call has no "result"');
    expect(at('{"id":4,"packets":[],"state":"CLOSED","result":{"ok":true}}')).toThrow(
      'carries a "result" but the request was not a call',
    );
    expect(at('{"id":4,"packets":[],"state":"CLOSED","result":{"ok":false,"error":"EPIPE"}}', true)).toThrow(
      'unknown call error "EPIPE"',
    );
    expect(at('{"id":4,"packets":[]}')).toThrow('has no "state", yet the hello announced capabilities.state');
    expect(at('{"id":4,"packets":[],"state":"HALF-OPEN"}')).toThrow('unknown state "HALF-OPEN"');
    expect(at('{"id":4,"packets":[],"state":"CLOSED","signals":["bye"]}')).toThrow('unknown signal "bye"');
    expect(at('[1,2]')).toThrow('expected a JSON object');
    // A packet from the tester's address is the IUT echoing our own packet back: refused.
    const echoed = toHex(
      encodePacket({ src: TESTER, dst: IUT, segment: { seq: 0, ack: 0, ctl: SYN, wnd: 0, data: '' } }),
    );
    expect(at(`{"id":4,"packets":["${echoed}"],"state":"CLOSED"}`)).toThrow(
      'packet from 192.0.2.1:40001 to 192.0.2.2:5001; expected 192.0.2.2:5001 to 192.0.2.1:40001',
    );
    expect(
      parseReply(`{"id":4,"packets":["${rst}"],"state":"LISTEN","extra":true}`, 4, { result: false, state: true }),
    ).toEqual({
      id: 4,
      observation: { segments: [{ seq: 0, ack: 101, ctl: RST | ACK, wnd: 0, data: '' }], state: 'Listen' },
    });
    expect(parseReply('{"id":4,"error":"tcp_write: ERR_MEM"}', 4, { result: true, state: true })).toEqual({
      id: 4,
      error: 'tcp_write: ERR_MEM',
    });
  });

  test('hellos', () => {
    expect(() => parseHello('{"tcpconform":2,"iut":"x","capabilities":{}}')).toThrow(
      'protocol version 2, this harness speaks version 1',
    );
    expect(() => parseHello('{"id":1,"packets":[]}')).toThrow('expected a hello line');
    expect(() => parseHello('{"tcpconform":1,"iut":"x","capabilities":{"calls":["connect"]}}')).toThrow(
      'unknown call "connect"',
    );
    expect(() =>
      parseHello(
        '{"tcpconform":1,"iut":"x","capabilities":{"calls":[],"segments":true,"state":true,"signals":true,"clock":"wall"}}',
      ),
    ).toThrow('capabilities.clock must be "virtual" or "real"');
  });

  test('requests: an identified request gives a RequestError carrying its id', () => {
    const err = (() => {
      try {
        parseRequest('{"id":9,"op":"call","call":"listen"}');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).id).toBe(9);
    expect((err as Error).message).toBe('unknown call "listen"');
    expect(() => parseRequest('{"op":"state"}')).toThrow('request without an integer "id"');
  });
});

describe('fuzzing the parsers: only ProtocolError, whatever the line', () => {
  const onlyProtocolErrors = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      if (!(e instanceof ProtocolError)) throw e;
    }
  };
  // Lines near valid ones find more paths than random text: mutate JSON values inside real messages.
  const nearReply = fc
    .record({
      id: fc.oneof(fc.constant(4), fc.jsonValue()),
      packets: fc.oneof(
        fc.array(
          fc.oneof(
            hexString,
            fc.jsonValue(),
            fc.constant(
              toHex(encodePacket({ src: IUT, dst: TESTER, segment: { seq: 1, ack: 2, ctl: ACK, wnd: 3, data: 'x' } })),
            ),
          ),
        ),
        fc.jsonValue(),
      ),
      result: fc.oneof(
        fc.constant(undefined),
        fc.jsonValue(),
        fc.record({ ok: fc.jsonValue(), data: fc.jsonValue(), error: fc.jsonValue() }),
      ),
      state: fc.oneof(fc.constantFrom('CLOSED', 'LISTEN', 'syn-sent'), fc.jsonValue()),
      signals: fc.oneof(fc.constant(undefined), fc.jsonValue()),
      error: fc.oneof(fc.constant(undefined), fc.constant(undefined), fc.jsonValue()),
    })
    .map((o) => JSON.stringify(o));
  const anyLine = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json(), nearReply);

  test('parseReply', () => {
    fc.assert(
      fc.property(anyLine, fc.boolean(), fc.boolean(), (line, result, state) =>
        onlyProtocolErrors(() => parseReply(line, 4, { result, state })),
      ),
      { numRuns: 3000 },
    );
  });

  test('parseHello', () => {
    const nearHello = fc
      .record({
        tcpconform: fc.oneof(fc.constant(1), fc.jsonValue()),
        iut: fc.jsonValue(),
        capabilities: fc.oneof(
          fc.jsonValue(),
          fc.record({
            calls: fc.jsonValue(),
            segments: fc.jsonValue(),
            state: fc.jsonValue(),
            signals: fc.jsonValue(),
            clock: fc.jsonValue(),
            features: fc.jsonValue(),
          }),
        ),
      })
      .map((o) => JSON.stringify(o));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), nearHello), (line) => onlyProtocolErrors(() => parseHello(line))),
      { numRuns: 2000 },
    );
  });

  test('parseRequest', () => {
    const nearRequest = fc
      .record({
        id: fc.oneof(fc.nat(), fc.jsonValue()),
        op: fc.constantFrom('reset', 'segment', 'call', 'wait', 'state', 'x'),
        call: fc.jsonValue(),
        mode: fc.jsonValue(),
        data: fc.oneof(hexString, fc.jsonValue()),
        packet: fc.oneof(hexString, fc.jsonValue()),
        ms: fc.jsonValue(),
        seed: fc.jsonValue(),
        profile: fc.jsonValue(),
      })
      .map((o) => JSON.stringify(o));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), nearRequest), (line) =>
        onlyProtocolErrors(() => parseRequest(line)),
      ),
      { numRuns: 2000 },
    );
  });

  test('through the adapter: any reply line is an observation or an AdapterFailure, and the call never hangs', async () => {
    const HELLO = encodeHello('fuzz', {
      calls: ['receive'],
      segments: true,
      state: true,
      signals: true,
      clock: 'virtual',
    });
    await fc.assert(
      fc.asyncProperty(fc.array(anyLine, { minLength: 1, maxLength: 3 }), fc.boolean(), async (lines, isCall) => {
        const fromIut = new PassThrough();
        const toIut = new PassThrough();
        fromIut.write(HELLO + '\n');
        const adapter = await createStreamAdapter(fromIut, toIut, { requestTimeoutMs: 200 });
        // The reply may arrive in pieces, with embedded newlines: all the same to the line reader.
        const pending = adapter.apply(isCall ? { kind: 'call', call: 'receive' } : { kind: 'wait', ms: 1 });
        for (const l of lines) fromIut.write(l.replace(/\n/g, ' ') + '\n');
        try {
          await pending;
        } catch (e) {
          expect(e).toBeInstanceOf(AdapterFailure);
        }
        await adapter.dispose();
      }),
      { numRuns: 300 },
    );
  });
});
