// Issue 13, acceptance 1: the gvisor profile describes gVisor's netstack (every departure a cited override,
// choice or bug), and its bugs sit in known-bugs.json beside the adapter, each written up among the profile's
// bug overrides. The checks against gVisor itself (a check against the profile with that baseline gates; the
// strict rfc9293 profile finds gVisor departing) are long: profile.long.test.ts (`npm run test:long`).
import { GVISOR_BUGS } from '../../models/profiles/gvisor-bugs';
import { gvisor } from '../../models/profiles/gvisor';
import { eachDivergenceIsABug, knownBugs } from '../../harness/__fixtures__/profile-gate';

const BUGS = [...GVISOR_BUGS, ...gvisor.overrides.filter((o) => o.kind === 'bug')];

describe('known-bugs.json holds bugs only, each written up among the profile bug overrides', () => {
  eachDivergenceIsABug('gvisor', BUGS, /^bug \(models\/profiles\/gvisor-bugs\.ts\)/);

  test('the crash is the panic of ABORT in the SYN-RECEIVED of a simultaneous open', () => {
    const { entries, evidence } = knownBugs('gvisor', BUGS);
    const crashes = entries.filter((e) => e.kind === 'crash');
    expect(crashes.map((e) => e.inputs.length)).toEqual([3]);
    expect(evidence).toMatch(/ABORT in the SYN-RECEIVED of a simultaneous open crashes gVisor/);
  });
});
