// The process adapter against fake children that misbehave in every way PROTOCOL.md forbids: each must end in
// an AdapterFailure with a clear first line, within a bounded time, and leave no process behind.
import * as path from 'path';
import { PassThrough } from 'stream';
import { AdapterFailure } from '../types';
import { SYN } from '../../models/segment';
import { createProcessAdapter, createStreamAdapter } from './adapter';
import { encodeHello } from './protocol';

const FAKE = path.join(__dirname, '__fixtures__', 'fake-iut.js');
const cmd = (mode: string) => `node ${JSON.stringify(FAKE)} ${mode}`;
const setup = { profile: 'rfc9293', seed: 1 };
const syn = { kind: 'segment' as const, segment: { seq: 100, ack: 0, ctl: SYN, wnd: 8192, data: '' } };

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilDead(pid: number, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return !alive(pid);
}

/** Runs reset then one segment; returns the failure, how long it took, and whether the child is gone. */
async function failureOf(mode: string): Promise<{ error: AdapterFailure; ms: number; dead: boolean }> {
  const start = Date.now();
  const adapter = await createProcessAdapter({ cmd: cmd(mode), requestTimeoutMs: 1000 });
  try {
    await adapter.reset(setup);
    await adapter.apply(syn);
  } catch (e) {
    const ms = Date.now() - start;
    expect(e).toBeInstanceOf(AdapterFailure);
    await adapter.dispose();
    return { error: e as AdapterFailure, ms, dead: await waitUntilDead(adapter.pid) };
  }
  await adapter.dispose();
  throw new Error(`mode ${mode}: expected an AdapterFailure, the requests succeeded`);
}

const firstLine = (e: Error) => e.message.split('\n')[0];

describe('a well-behaved child', () => {
  test('hello, reset, a segment, a call and state all work; dispose ends the child', async () => {
    const adapter = await createProcessAdapter({ cmd: cmd('good') });
    expect(adapter.name).toBe('fake (good)');
    expect(adapter.synchronous).toBe(false);
    expect(adapter.capabilities).toEqual({
      calls: ['open.passive', 'receive'],
      segments: true,
      state: true,
      signals: false,
      clock: 'virtual',
    });
    await adapter.reset(setup);
    expect(await adapter.apply(syn)).toEqual({ segments: [], state: 'Closed' });
    expect(await adapter.apply({ kind: 'call', call: 'receive' })).toEqual({
      segments: [],
      state: 'Closed',
      result: { ok: false, error: 'connection does not exist' },
    });
    expect(await adapter.state()).toEqual({ segments: [], state: 'Closed' });
    await adapter.dispose();
    expect(await waitUntilDead(adapter.pid)).toBe(true);
    await expect(adapter.apply(syn)).rejects.toThrow(/used after dispose/);
  });
});

test('request ids count from 1 in every run: a message naming a request does not depend on earlier runs', async () => {
  const fromIut = new PassThrough();
  const toIut = new PassThrough();
  const ids: number[] = [];
  toIut.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      const { id } = JSON.parse(line) as { id: number };
      ids.push(id);
      fromIut.write(JSON.stringify({ id, packets: [], state: 'CLOSED' }) + '\n');
    }
  });
  fromIut.write(encodeHello('ids', { calls: [], segments: true, state: true, signals: false, clock: 'virtual' }));
  fromIut.write('\n');
  const stream = await createStreamAdapter(fromIut, toIut);
  for (let run = 0; run < 2; run++) {
    await stream.reset(setup);
    await stream.apply(syn);
    await stream.state();
  }
  await stream.reset(setup);
  expect(ids).toEqual([1, 2, 3, 1, 2, 3, 1]);
  await stream.dispose();
});

describe('a misbehaving child gives a clear AdapterFailure, quickly, and is gone afterwards', () => {
  test('crashes mid-run: the exit code and its stderr tail', async () => {
    const { error, ms, dead } = await failureOf('crash');
    expect(firstLine(error)).toMatch(
      /the child exited with code 134 \(while waiting for the reply to request 2 \(segment\)\)/,
    );
    expect(error.message).toContain('assertion "pcb->state != LISTEN" failed in tcp_input');
    // Quickly: the crash is noticed when the child exits, not after a request timeout (bound generous for a busy
    // machine).
    expect(ms).toBeLessThan(8000);
    expect(dead).toBe(true);
  });

  test('hangs: the request timeout, then the child is killed', async () => {
    const { error, ms, dead } = await failureOf('hang');
    expect(firstLine(error)).toMatch(
      /no answer within 1000 ms \(while waiting for the reply to request 2 \(segment\)\)/,
    );
    expect(error.message).toContain('fake-iut: request 2 segment');
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThan(9000);
    expect(dead).toBe(true);
  });

  test('prints a malformed line', async () => {
    const { error, dead } = await failureOf('garbage');
    expect(firstLine(error)).toMatch(/expected a JSON reply to request 2, got "Segmentation fault\? no/);
    expect(dead).toBe(true);
  });

  test('answers with the wrong id', async () => {
    const { error, dead } = await failureOf('wrong-id');
    expect(firstLine(error)).toMatch(/reply with id 3, expected id 2/);
    expect(dead).toBe(true);
  });

  test('sends a packet with a bad checksum', async () => {
    const { error, dead } = await failureOf('bad-packet');
    expect(firstLine(error)).toMatch(/bad packet .*bad TCP checksum/);
    expect(dead).toBe(true);
  });

  test('speaks another protocol version: refused at the hello', async () => {
    const start = Date.now();
    await expect(createProcessAdapter({ cmd: cmd('version') })).rejects.toThrow(
      /the child speaks protocol version 99, this harness speaks version 1 \(while waiting for the hello line\)/,
    );
    expect(Date.now() - start).toBeLessThan(3000);
  });

  test('never says hello: the hello timeout', async () => {
    const start = Date.now();
    await expect(createProcessAdapter({ cmd: cmd('silent'), helloTimeoutMs: 800 })).rejects.toThrow(
      /no answer within 800 ms \(while waiting for the hello line\)/,
    );
    expect(Date.now() - start).toBeLessThan(3000);
  });

  test('exits before the hello: the code and the reason it gave on stderr', async () => {
    const err = await createProcessAdapter({ cmd: cmd('exit-early') }).catch((e) => e);
    expect(err).toBeInstanceOf(AdapterFailure);
    expect(firstLine(err)).toMatch(/the child exited with code 3 \(while waiting for the hello line\)/);
    expect(err.message).toContain('cannot open /dev/tun0: permission denied');
  });

  test('a command that does not exist', async () => {
    const err = await createProcessAdapter({ cmd: 'no-such-command-tcpconform-xyz' }).catch((e) => e);
    expect(err).toBeInstanceOf(AdapterFailure);
    expect(firstLine(err)).toMatch(/the child exited with code 127/);
    expect(err.message).toMatch(/not found/);
  });

  test('prints a line nobody asked for', async () => {
    const adapter = await createProcessAdapter({ cmd: cmd('unsolicited') });
    await new Promise((r) => setTimeout(r, 200));
    await expect(adapter.reset(setup)).rejects.toThrow(/unexpected line with no request outstanding: "\{\\"id\\":42/);
    await adapter.dispose();
    expect(await waitUntilDead(adapter.pid)).toBe(true);
  });

  test('ignores end of input and SIGTERM: dispose still kills it, in bounded time', async () => {
    const adapter = await createProcessAdapter({ cmd: cmd('ignore-eof') });
    await adapter.reset(setup);
    const start = Date.now();
    await adapter.dispose();
    expect(Date.now() - start).toBeLessThan(3000);
    expect(await waitUntilDead(adapter.pid)).toBe(true);
  });

  test('after a failure every later request fails at once with the same message', async () => {
    const adapter = await createProcessAdapter({ cmd: cmd('garbage') });
    await adapter.reset(setup);
    const first = await adapter.apply(syn).catch((e) => e);
    const second = await adapter.apply(syn).catch((e) => e);
    expect(first).toBeInstanceOf(AdapterFailure);
    expect(second).toBe(first);
    await adapter.dispose();
    // At once: the adapter does not ask the IUT again (so it never waits for an answer). Over a stream pair every
    // request it makes is a write to the IUT's input: after the failure, none.
    const fromIut = new PassThrough();
    const toIut = new PassThrough();
    const writes = jest.spyOn(toIut, 'write');
    fromIut.write(encodeHello('garbage', { calls: [], segments: true, state: true, signals: false, clock: 'virtual' }));
    fromIut.write('\n');
    const stream = await createStreamAdapter(fromIut, toIut, { requestTimeoutMs: 60000 });
    const pending = stream.apply(syn).catch((e) => e);
    expect(writes).toHaveBeenCalledTimes(1); // the request the garbage answers
    fromIut.write('Segmentation fault? no: just a debug printf on stdout\n');
    const failed = await pending;
    expect(failed).toBeInstanceOf(AdapterFailure);
    expect(await stream.apply(syn).catch((e) => e)).toBe(failed);
    expect(await stream.reset(setup).catch((e) => e)).toBe(failed);
    expect(writes).toHaveBeenCalledTimes(1);
    await stream.dispose();
  });
});
