// Issue 14, acceptance 1, the long checks (`npm run test:long`): on worker threads too, a check's result does not
// depend on how many lanes run it. Lanes on one thread are in lanes.test.ts.
import { findAdapter } from '../adapters/registry';
import { Adapter } from '../adapters/types';
import { rfc9293 } from '../models/profiles/rfc9293';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CheckOptions, Finding, isCrash, runCheck } from './check';
import { loadProfileFile } from './profile-file';
import { WorkerPool } from './workers/pool';
import { withoutTimings } from './__fixtures__/same-check';

async function adapters(name: string, n: number, mutant?: string): Promise<Adapter[]> {
  const out: Adapter[] = [];
  for (let i = 0; i < n; i++) out.push(await findAdapter(name)!.create({ profile: 'rfc9293', mutant }));
  return out;
}

async function withLanes(name: string, n: number, o: Omit<CheckOptions, 'adapter'>, mutant?: string) {
  const [adapter, ...lanes] = await adapters(name, n, mutant);
  return runCheck({ ...o, adapter, lanes, ...(mutant ? { mutant } : {}) });
}

// Issue 14 for in-process adapters: their lanes are worker threads (harness/workers), each making the runs it is
// handed with its own adapter, and this thread folding them in order. The result is the one of this thread alone.
describe('on worker threads, a check has the result it has on one thread', () => {
  let pool: WorkerPool;
  beforeAll(async () => {
    pool = await WorkerPool.open(3);
  }, 60000);
  afterAll(() => pool.close());

  async function onWorkers(name: string, o: Omit<CheckOptions, 'adapter'>, mutant?: string) {
    const [adapter] = await adapters(name, 1, mutant);
    return runCheck({ ...o, adapter, workers: pool, ...(mutant ? { mutant } : {}) });
  }

  test.each([
    ['simulator', 'passiveRstCloses', 1],
    ['simulator', 'closeUnreadSendsFin', 3],
    ['simulator', undefined, 1],
    ['model', undefined, 2],
  ])('%s (seeded bug %s), seed %d: this thread and three workers', async (name, mutant, seed) => {
    const o = { profile: rfc9293, runs: 300, seed };
    const one = await withLanes(name, 1, o, mutant);
    const three = await onWorkers(name, o, mutant);
    expect(three.lanes).toBe(3);
    expect(withoutTimings(three)).toEqual(withoutTimings(one));
    if (mutant) expect(one.divergences).toHaveLength(1);
    else expect(one.runs).toBe(300);
  });

  test('the lowest run that diverges is the one reported, and the figures stop there', async () => {
    const o = { profile: rfc9293, runs: 300, seed: 4 };
    const one = await withLanes('simulator', 1, o, 'synNotCounted');
    const three = await onWorkers('simulator', o, 'synNotCounted');
    expect(withoutTimings(three)).toEqual(withoutTimings(one));
  });

  test('with a baseline, runs that meet a known divergence pass, on the workers as on one thread', async () => {
    // Every divergence of this seeded bug is known: the check goes through all its runs, and each worker goes
    // on past the divergences in its batches.
    const known = (f: Finding) => (isCrash(f) ? null : `known:${f.divergence.rule}`);
    const o = { profile: rfc9293, runs: 300, seed: 3, known };
    const one = await withLanes('simulator', 1, o, 'closeUnreadSendsFin');
    const three = await onWorkers('simulator', o, 'closeUnreadSendsFin');
    expect(one.known!.reduce((n, k) => n + k.runs, 0)).toBeGreaterThan(1);
    expect(one.runs).toBe(300);
    expect(withoutTimings(three)).toEqual(withoutTimings(one));
  });

  test.each([
    ['simulator', 'closeUnreadSendsFin', 9],
    ['model', undefined, 9],
  ])('part 2 of 3 of a check (--shard): %s (seeded bug %s) seed %d', async (name, mutant, seed) => {
    const o = { profile: rfc9293, runs: 300, seed, shard: { index: 2, count: 3 } };
    const one = await withLanes(name, 1, o, mutant);
    const three = await onWorkers(name, o, mutant);
    expect(three.shard).toEqual(one.shard); // the coverage counts merge joins, the run that ended the part
    expect(withoutTimings(three)).toEqual(withoutTimings(one));
  });

  test('a profile from a file reaches the workers: they load it from the same file', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-workers-')), 'my-profile.js');
    fs.copyFileSync(path.join(__dirname, '..', 'docs', 'examples', 'my-profile.js'), file);
    const profile = loadProfileFile(file);
    const [adapter] = await adapters('model', 1);
    const o = { profile, runs: 200, seed: 5 };
    const one = await runCheck({ ...o, adapter });
    const three = await runCheck({ ...o, adapter, workers: pool });
    expect(one.profile).toBe('my-stack');
    expect(withoutTimings(three)).toEqual(withoutTimings(one));
  });

  test("a profile the workers cannot make again is refused, and a worker's failure fails the check", async () => {
    const [adapter] = await adapters('model', 1);
    const custom = { ...rfc9293, params: { ...rfc9293.params } }; // the same name, another object
    await expect(runCheck({ profile: custom, runs: 10, seed: 1, adapter, workers: pool })).rejects.toThrow(
      /worker threads need a built-in profile or one from a file/,
    );
    const stranger = { ...adapter, name: 'no-such-adapter' };
    await expect(runCheck({ profile: rfc9293, runs: 10, seed: 1, adapter: stranger, workers: pool })).rejects.toThrow(
      /no adapter "no-such-adapter"/,
    );
    // The pool is still good for the next check.
    const after = await runCheck({ profile: rfc9293, runs: 50, seed: 1, adapter, workers: pool });
    expect(after.runs).toBe(50);
  });
});
