// Issue 14, acceptance 2: the parts of a check (--shard i/n), merged, are the whole check: its runs, events,
// coverage and first divergence. And parts that do not make up one check are refused, saying why.
import { findAdapter } from '../adapters/registry';
import { rfc9293 } from '../models/profiles/rfc9293';
import { CheckResult, runCheck, shardRange } from './check';
import { MergeError, PartJson, mergeParts } from './merge';
import { withoutTimings } from './__fixtures__/same-check';

async function check(runs: number, seed: number, mutant?: string, shard?: { index: number; count: number }) {
  const adapter = await findAdapter('simulator')!.create({ profile: 'rfc9293', mutant });
  return runCheck({
    adapter,
    profile: rfc9293,
    runs,
    seed,
    ...(mutant ? { mutant } : {}),
    ...(shard ? { shard } : {}),
  });
}

/** As `check --json` prints it. */
const asPart = (r: CheckResult): PartJson => JSON.parse(JSON.stringify({ verdict: 'x', ...r }));

async function parts(runs: number, seed: number, n: number, mutant?: string) {
  const out: { file: string; json: PartJson }[] = [];
  for (let i = 1; i <= n; i++)
    out.push({ file: `part${i}.json`, json: asPart(await check(runs, seed, mutant, { index: i, count: n })) });
  return out;
}

describe('shards merged are the whole check', () => {
  test('the parts hold contiguous runs that together are all of them', () => {
    const ranges = [1, 2, 3].map((index) => shardRange(1000, { index, count: 3 }));
    expect(ranges).toEqual([
      { from: 0, to: 333 },
      { from: 333, to: 666 },
      { from: 666, to: 1000 },
    ]);
  });

  test('a conformant IUT: 3 parts merged have the runs, events and coverage of the whole check', async () => {
    const whole = await check(600, 5);
    const merged = mergeParts(await parts(600, 5, 3), rfc9293);
    expect(merged.runs).toBe(600);
    expect(withoutTimings(merged)).toEqual(withoutTimings(JSON.parse(JSON.stringify(whole))));
    expect(merged.shards.map((s) => s.counted)).toEqual([true, true, true]);
  });

  test('a divergence in the second part: the merge stops there, as the whole check did', async () => {
    // closeUnreadSendsFin under seed 1 shows in a run of the middle third (asserted first): with 3 parts of 200
    // runs it falls in the second part, and the third finds nothing because it is clean there.
    const whole = await check(200, 1, 'closeUnreadSendsFin');
    expect(whole.divergences).toHaveLength(1);
    expect(whole.runs).toBeGreaterThanOrEqual(67);
    expect(whole.runs).toBeLessThan(133);
    const ps = await parts(200, 1, 3, 'closeUnreadSendsFin');
    expect(ps[2].json.divergences).toHaveLength(0);
    const merged = mergeParts(ps, rfc9293);
    expect(withoutTimings(merged)).toEqual(withoutTimings(JSON.parse(JSON.stringify(whole))));
    expect(merged.shards.map((s) => s.counted)).toEqual([true, true, false]);
  });

  test('the order of the files does not matter', async () => {
    const ps = await parts(90, 2, 3);
    expect(withoutTimings(mergeParts([ps[2], ps[0], ps[1]], rfc9293))).toEqual(withoutTimings(mergeParts(ps, rfc9293)));
  });
});

describe('parts that are not one check are refused with one line', () => {
  let ps: { file: string; json: PartJson }[];
  beforeAll(async () => {
    ps = await parts(60, 3, 3);
  });
  const refused = (xs: { file: string; json: PartJson }[]) => {
    try {
      mergeParts(xs, rfc9293);
    } catch (e) {
      expect(e).toBeInstanceOf(MergeError);
      return (e as Error).message;
    }
    throw new Error('merged');
  };
  test('a missing part', () => expect(refused([ps[0], ps[2]])).toBe('parts 2 of 3 are missing'));
  test('a part given twice', () =>
    expect(refused([ps[0], ps[1], { ...ps[1], file: 'again.json' }, ps[2]])).toBe(
      'again.json and part2.json are both part 2 of 3',
    ));
  test('a part of another seed', () => {
    const other = { file: 'other.json', json: { ...ps[1].json, seed: 4 } };
    expect(refused([ps[0], other, ps[2]])).toBe('other.json: seed 4 is not that of part1.json (3)');
  });
  test('a report made without --shard', () => {
    const { shard: _s, ...plain } = ps[1].json;
    void _s;
    expect(refused([ps[0], { file: 'plain.json', json: plain as PartJson }, ps[2]])).toMatch(/^plain.json: not a part/);
  });
  test('a part that ended without a verdict', () => {
    const failed = {
      file: 'f.json',
      json: { verdict: 'adapter-failure', error: 'the child exited' } as unknown as PartJson,
    };
    expect(refused([ps[0], failed, ps[2]])).toBe('f.json: that part ended without a verdict: the child exited');
  });
});
