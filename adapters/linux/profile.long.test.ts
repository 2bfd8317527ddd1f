// Issue 4, acceptance 1 and 5, the long checks (`npm run test:long`): the `linux` profile describes the kernel
// this suite runs on (no divergence in 2000 runs), and repeating a seed repeats the verdict; and issue 14,
// acceptance 1: lanes side by side give the result of one. Acceptance 2 (rfc9293 finds the kernel's departures)
// is in profile.test.ts. Skips (printing why) when not root.
import { findProfile } from '../../models/profiles';
import { Profile } from '../../models/profile';
import { CheckResult, runCheck } from '../../harness/check';
import { concreteFromJson } from '../../harness/counterexample';
import { counterexampleLines, recordedTrace } from '../../harness/report/notation';
import { LinuxAdapter, createLinuxAdapter } from './adapter';
import { describeLinux } from './gate';
import { withoutTimings } from '../../harness/__fixtures__/same-check';

jest.setTimeout(600_000);

const profile = (name: string): Profile => {
  const p = findProfile(name);
  if (!p) throw new Error(`no profile ${name}`);
  return p;
};

/** A failed check's counterexamples as the CLI prints them, for the test's message. */
const shown = (r: CheckResult): string =>
  r.divergences
    .map((cx) =>
      counterexampleLines(cx, recordedTrace(cx.trace ?? []), concreteFromJson(cx.sent!), '(in a test)').join('\n'),
    )
    .join('\n');

/** What a check concluded: conformant, or the rule of its counterexample and the inputs that show it. */
const verdict = (r: CheckResult): string =>
  r.divergences.length
    ? r.divergences.map((d) => `${d.divergence.rule} after ${JSON.stringify(d.inputs)}`).join('; ')
    : 'conformant';

/** Lanes of the check beside the first adapter (--jobs): the kernel's timers are waited for side by side. */
const LANES = 32;

describeLinux('peer')('linux profile against the kernel', () => {
  let a: LinuxAdapter;
  let lanes: LinuxAdapter[] = [];
  beforeAll(async () => {
    a = await createLinuxAdapter();
    lanes = Array.from({ length: LANES - 1 }, () => a.lane());
  });
  afterAll(async () => {
    for (const l of lanes) await l.dispose();
    await a?.dispose();
  });

  // As the issue states it: 2000 runs, seed 1 (about 3 minutes on one lane, most of it waiting for the kernel's
  // timers; a few seconds on 32).
  // With the input grid (check --grid), as issue 12 asks: at least 95% of its reachable cells.
  test('linux: no divergence in 2000 runs of seed 1 with the input grid, all 11 states and 95% of its cells', async () => {
    const gate = () => runCheck({ adapter: a, lanes, profile: profile('linux'), runs: 2000, seed: 1, grid: true });
    let r = await gate();
    // A divergence the same run did not repeat is timing on a loaded machine (a SYN sent again twice within one
    // short wait, seen while other long tests ran beside it): printed, and the whole check made once more, which
    // must then pass. A departure repeats, and fails the test either way.
    if (r.divergences.length === 1 && r.divergences[0].unrepeatable) {
      process.stderr.write(`linux gate: a divergence that did not repeat, so the check once more:\n${shown(r)}\n`);
      r = await gate();
    }
    if (r.divergences.length) throw new Error(`diverged:\n${shown(r)}`);
    expect(r.runs).toBe(2000);
    expect(r.coverage.states.covered).toBe(11);
    expect(r.coverage.rules.missing).toEqual([]);
    expect(r.coverage.grid!.covered / r.coverage.grid!.reachable).toBeGreaterThanOrEqual(0.95);
  });

  test('ten repetitions of one seed give one verdict, under linux and under rfc9293', async () => {
    for (const [name, runs] of [
      ['linux', 100],
      ['rfc9293', 300],
    ] as const) {
      const verdicts = new Set<string>();
      for (let i = 0; i < 10; i++)
        verdicts.add(verdict(await runCheck({ adapter: a, lanes, profile: profile(name), runs, seed: 7 })));
      expect([name, [...verdicts]]).toEqual([name, [expect.any(String)]]);
      if (name === 'linux') expect([...verdicts]).toEqual(['conformant']);
      else expect([...verdicts][0]).not.toBe('conformant');
    }
  });

  test('one lane and 32 lanes: the same runs, events, coverage and counterexample', async () => {
    for (const [name, runs, seed] of [
      ['linux', 150, 3],
      ['rfc9293', 300, 2],
    ] as const) {
      const one = await runCheck({ adapter: a, profile: profile(name), runs, seed });
      const many = await runCheck({ adapter: a, lanes, profile: profile(name), runs, seed });
      expect(many.lanes).toBe(LANES);
      expect([name, withoutTimings(many)]).toEqual([name, withoutTimings(one)]);
    }
  });
});
