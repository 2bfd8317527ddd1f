// Issue 4, acceptance 2: the strict rfc9293 profile finds the kernel's departures with a short counterexample.
// Acceptance 1 and 5 (the `linux` profile describes this kernel: no divergence in 2000 runs; repeating a seed
// repeats the verdict) and issue 14's acceptance 1 (lanes side by side give the result of one) are long checks:
// profile.long.test.ts (`npm run test:long`). Skips (printing why) when not root.
import { findProfile } from '../../models/profiles';
import { Profile } from '../../models/profile';
import { runCheck } from '../../harness/check';
import { LinuxAdapter, createLinuxAdapter } from './adapter';
import { describeLinux } from './gate';

jest.setTimeout(600_000);

const profile = (name: string): Profile => {
  const p = findProfile(name);
  if (!p) throw new Error(`no profile ${name}`);
  return p;
};

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

  test('rfc9293: the kernel departs from it, shown by a counterexample of a few inputs', async () => {
    const r = await runCheck({ adapter: a, lanes, profile: profile('rfc9293'), runs: 300, seed: 1 });
    expect(r.divergences).toHaveLength(1);
    expect(r.divergences[0].inputs.length).toBeLessThanOrEqual(4);
    expect(r.divergences[0].unrepeatable).toBeUndefined();
  });
});
