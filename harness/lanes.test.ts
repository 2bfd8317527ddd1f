// Issue 14, acceptance 1: a check's result does not depend on how many lanes run it. Run i gets the same inputs
// whatever ran before or beside it (harness/plan.ts), and where several runs diverge the lowest is reported. The
// same on worker threads, a long check: lanes.long.test.ts (`npm run test:long`).
import { findAdapter } from '../adapters/registry';
import { Adapter } from '../adapters/types';
import { rfc9293 } from '../models/profiles/rfc9293';
import { CheckOptions, runCheck } from './check';
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

describe('the number of lanes does not change the verdict, the runs, the coverage or the counterexample', () => {
  test.each([
    ['simulator', 'passiveRstCloses', 1],
    ['simulator', 'closeUnreadSendsFin', 3],
    ['simulator', undefined, 1],
    ['model', undefined, 2],
  ])('%s (seeded bug %s), seed %d: 1 lane and 7 lanes', async (name, mutant, seed) => {
    const o = { profile: rfc9293, runs: 300, seed };
    const one = await withLanes(name, 1, o, mutant);
    const seven = await withLanes(name, 7, o, mutant);
    expect(seven.lanes).toBe(7);
    expect(withoutTimings(seven)).toEqual(withoutTimings(one));
    // Not vacuous: a seeded bug is found, and the counterexample is the shrunk one.
    if (mutant) expect(one.divergences).toHaveLength(1);
    else expect(one.runs).toBe(300);
  });

  test('several lanes diverge: the lowest run is the one reported, as on one lane', async () => {
    // With a bug found within a few runs, seven lanes start runs beyond the first divergence before it is
    // known; those are left out, and the figures stop at the same run.
    const o = { profile: rfc9293, runs: 300, seed: 4 };
    const one = await withLanes('simulator', 1, o, 'synNotCounted');
    const seven = await withLanes('simulator', 7, o, 'synNotCounted');
    expect(one.divergences[0].path).toBe(seven.divergences[0].path);
    expect(seven.runs).toBe(one.runs);
    expect(seven.events).toBe(one.events);
  });
});
