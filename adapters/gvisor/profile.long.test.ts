// Issue 13, acceptance 1, the long checks (`npm run test:long`): the strict rfc9293 profile finds gVisor departing;
// a check against the gvisor profile finds a bug without the baseline, and with known-bugs.json passes, meeting
// known bugs only. Short checks (300 runs); the 2000-run figures of seeds 1-5 are in adapters/gvisor/NOTES.md.
// Skips, saying what to install, without Go and the package. That known-bugs.json holds bugs only is checked
// in profile.test.ts.
import * as path from 'path';
import { findProfile } from '../../models/profiles';
import { Profile } from '../../models/profile';
import { runCheck, CheckResult, CheckOptions } from '../../harness/check';
import { loadBaseline } from '../../harness/baseline';
import { findAdapter } from '../registry';
import { Adapter } from '../types';
import { describeGvisor } from './gate';

jest.setTimeout(300_000);

const KNOWN_BUGS = path.join(__dirname, 'known-bugs.json');

async function check(profileName: string, more: Partial<CheckOptions> = {}): Promise<CheckResult> {
  const profile = findProfile(profileName) as Profile;
  const adapter = (await findAdapter('gvisor')!.create({ profile: profileName })) as Adapter & {
    dispose?: () => Promise<void>;
  };
  try {
    return await runCheck({ adapter, profile, runs: 300, seed: 1, ...more });
  } finally {
    await adapter.dispose?.();
  }
}

describeGvisor('the gvisor profile against gVisor 20221219', () => {
  test('rfc9293 finds gVisor departing from RFC 9293', async () => {
    const r = await check('rfc9293');
    expect(r.divergences.length).toBeGreaterThanOrEqual(1);
  });

  test('without the baseline the profile still finds a bug, shrunk to at most 5 inputs', async () => {
    const r = await check('gvisor');
    expect(r.divergences).toHaveLength(1);
    expect(r.divergences[0].inputs.length).toBeLessThanOrEqual(5);
  });

  test('with known-bugs.json a check against the profile passes, meeting known bugs only', async () => {
    const b = loadBaseline(KNOWN_BUGS, false);
    const r = await check('gvisor', { known: b.matches });
    expect(r.divergences).toEqual([]);
    expect(r.runs).toBe(300);
    expect(r.known?.length).toBeGreaterThan(0);
  });
});
