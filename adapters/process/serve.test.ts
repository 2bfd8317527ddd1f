// `serve` speaks the protocol for an in-process adapter; the process adapter on the other end must then be
// indistinguishable from the in-process adapter: same capabilities, same observation for every input.
import * as path from 'path';
import fc from 'fast-check';
import { PassThrough, Readable, Writable } from 'stream';
import { ACK, FIN, RST, SYN, Segment, segLen } from '../../models/segment';
import { ConcreteInput } from '../../models/input';
import { Observation } from '../../models/observation';
import { Adapter } from '../types';
import { findAdapter } from '../registry';
import { ProcessAdapter, createProcessAdapter, createStreamAdapter } from './adapter';
import { serve } from './serve';

const SERVE_CHILD = path.join(__dirname, '__fixtures__', 'serve-registry.js');
const PROFILE = 'rfc9293';

const inProcess = async (): Promise<Adapter> => findAdapter('model')!.create({ profile: PROFILE });

/** The model served over an in-memory stream pair, and a process adapter on the other end. */
async function servedInMemory(): Promise<{ adapter: ProcessAdapter; served: Promise<void> }> {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  const served = serve(await inProcess(), toServer, fromServer);
  const adapter = await createStreamAdapter(fromServer, toServer);
  return { adapter, served };
}

type Step = (history: Observation[]) => ConcreteInput;

/** The IUT's last sequence number sent so far, +1: what an ACK of everything it sent carries. */
function iutNext(history: Observation[]): number {
  let next = 0;
  for (const o of history) for (const s of o.segments) next = (s.seq + segLen(s)) >>> 0;
  return next;
}
const seg = (s: Partial<Segment> & { ctl: number; seq: number }): ConcreteInput => ({
  kind: 'segment',
  segment: { ack: 0, wnd: 8192, data: '', ...s },
});
const call =
  (c: Record<string, unknown>): Step =>
  () =>
    ({ kind: 'call', ...c }) as ConcreteInput;
const peer =
  (ctl: number, seq: number, data = '', extra: Partial<Segment> = {}): Step =>
  (h) =>
    seg({ ctl, seq, ack: iutNext(h), data, ...extra });

/** A fixed list of runs covering every kind of input, call result, signal and most states. */
const SCRIPTS: Step[][] = [
  // Passive open, data both ways, the peer closes first, then the IUT.
  [
    call({ call: 'open', mode: 'passive' }),
    () => seg({ ctl: SYN, seq: 1000, mss: 1460 }),
    peer(ACK, 1001),
    call({ call: 'send', data: 'hi' }),
    peer(ACK | 0x08, 1001, 'hello'),
    call({ call: 'receive' }),
    peer(ACK | FIN, 1006),
    call({ call: 'receive' }),
    call({ call: 'close' }),
    peer(ACK, 1007),
    () => ({ kind: 'wait', ms: 1000 }),
  ],
  // Active open, the IUT closes first: FIN-WAIT-1, -2, TIME-WAIT, 2MSL.
  [
    call({ call: 'open', mode: 'active' }),
    (h) => seg({ ctl: SYN | ACK, seq: 5000, ack: iutNext(h), mss: 536 }),
    call({ call: 'close' }),
    peer(ACK, 5001),
    peer(ACK | FIN, 5001),
    () => ({ kind: 'wait', ms: 240000 }),
    call({ call: 'send', data: 'late' }),
  ],
  // Refused, reset, abort, half-duplex close, unacceptable segments, retransmission timeouts.
  [
    () => seg({ ctl: SYN, seq: 7 }),
    call({ call: 'open', mode: 'active' }),
    (h) => seg({ ctl: RST | ACK, seq: 0, ack: iutNext(h) }),
    call({ call: 'receive' }),
    call({ call: 'open', mode: 'active' }),
    () => ({ kind: 'wait', ms: 3000 }),
    (h) => seg({ ctl: SYN | ACK, seq: 90, ack: iutNext(h) }),
    peer(ACK, 500000),
    peer(ACK, 91, 'xyz'),
    call({ call: 'close', mode: 'halfDuplex' }),
    call({ call: 'open', mode: 'passive' }),
    call({ call: 'abort' }),
    call({ call: 'open', mode: 'passive' }),
    call({ call: 'open', mode: 'passive' }),
    call({ call: 'abort' }),
  ],
];

async function runScript(adapter: Adapter, script: Step[], seed: number): Promise<Observation[]> {
  await adapter.reset({ profile: PROFILE, seed });
  const history: Observation[] = [];
  for (const step of script) history.push(await adapter.apply(step(history)));
  return history;
}

describe('serve + process adapter = the in-process adapter', () => {
  test('the hello carries the adapter name and its capabilities unchanged', async () => {
    const direct = await inProcess();
    const { adapter, served } = await servedInMemory();
    expect(adapter.name).toBe(direct.name);
    expect(adapter.capabilities).toEqual(direct.capabilities);
    expect(adapter.synchronous).toBe(false);
    await adapter.dispose();
    await served; // input ended: serve returns
  });

  test('in memory: the fixed scripts give identical observations', async () => {
    const { adapter, served } = await servedInMemory();
    for (const [i, script] of SCRIPTS.entries()) {
      const expected = await runScript(await inProcess(), script, 10 + i);
      expect(await runScript(adapter, script, 10 + i)).toEqual(expected);
      // The scripts are not vacuous: segments, results, signals and several states all appear.
      expect(expected.some((o) => o.segments.length > 0)).toBe(true);
    }
    await adapter.dispose();
    await served;
  });

  test('in memory: random input sequences give identical observations', async () => {
    const { adapter, served } = await servedInMemory();
    const direct = await inProcess();
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      fc.constantFrom<Step>(
        call({ call: 'open', mode: 'passive' }),
        call({ call: 'open', mode: 'active' }),
        call({ call: 'receive' }),
        call({ call: 'close' }),
        call({ call: 'close', mode: 'halfDuplex' }),
        call({ call: 'abort' }),
        call({ call: 'send', data: 'ab' }),
      ),
      fc.nat({ max: 300000 }).map((ms): Step => () => ({ kind: 'wait', ms })),
      fc
        .record({
          ctl: fc.constantFrom(SYN, SYN | ACK, ACK, ACK | FIN, RST, RST | ACK, ACK | 0x08),
          seq: fc.constantFrom(1000, 1001, 1002, 999, 70000),
          data: fc.constantFrom('', 'q'),
        })
        .map((r): Step => peer(r.ctl, r.seq, r.data)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 12 }), fc.integer(), async (script, seed) => {
        expect(await runScript(adapter, script, seed)).toEqual(await runScript(direct, script, seed));
      }),
      { numRuns: 150 },
    );
    await adapter.dispose();
    await served;
  });

  test('through a real child process (serve over stdin/stdout): the fixed scripts give identical observations', async () => {
    const adapter = await createProcessAdapter({ cmd: `node ${JSON.stringify(SERVE_CHILD)} model ${PROFILE}` });
    try {
      expect(adapter.name).toBe('model');
      for (const [i, script] of SCRIPTS.entries()) {
        expect(await runScript(adapter, script, 20 + i)).toEqual(await runScript(await inProcess(), script, 20 + i));
      }
    } finally {
      await adapter.dispose();
    }
  });
});

describe('serve answers what it cannot do with an error reply, and keeps serving', () => {
  async function exchange(lines: string[], adapter?: Adapter): Promise<string[]> {
    const input = Readable.from(lines.map((l) => l + '\n'));
    const chunks: string[] = [];
    const output = new Writable({
      write(chunk, _enc, cb) {
        chunks.push(chunk.toString());
        cb();
      },
    });
    await serve(adapter ?? (await inProcess()), input, output);
    return chunks
      .join('')
      .split('\n')
      .filter((l) => l !== '');
  }

  test('bad requests, then a good one', async () => {
    const out = await exchange([
      'not json',
      '{"id":1,"op":"dance"}',
      '',
      '{"id":2,"op":"segment","packet":"00"}',
      '{"id":3,"op":"reset","profile":"rfc9293","seed":1}',
      '{"id":4,"op":"state"}',
    ]);
    expect(JSON.parse(out[0]).tcpconform).toBe(1);
    expect(out.slice(1)).toEqual([
      '{"id":null,"error":"expected a JSON request, got \\"not json\\""}',
      '{"id":1,"error":"unknown op \\"dance\\" (version 1 knows reset, segment, call, wait, state)"}',
      '{"id":2,"error":"segment: the packet is not IPv4 carrying TCP"}',
      '{"id":3,"packets":[],"state":"CLOSED"}',
      '{"id":4,"packets":[],"state":"CLOSED"}',
    ]);
  });

  test('an adapter that throws: the error becomes the reply, on one line', async () => {
    const broken: Adapter = {
      name: 'broken',
      capabilities: { calls: ['receive'], segments: true, state: false, signals: false, clock: 'virtual' },
      synchronous: true,
      reset() {},
      apply() {
        throw new Error('tcp_input: unexpected pbuf chain\n  at somewhere');
      },
      dispose() {},
    };
    const out = await exchange(['{"id":1,"op":"call","call":"receive"}'], broken);
    expect(out[1]).toBe('{"id":1,"error":"Error: tcp_input: unexpected pbuf chain"}');
  });
});
