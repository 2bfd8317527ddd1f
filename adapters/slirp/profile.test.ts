// Issue 13, acceptance 2: the slirp profile describes libslirp 4.7.0 (every departure a cited override, choice or
// bug), and its bugs sit in known-bugs.json beside the adapter, each citing and written up among the profile's bug
// overrides. The checks against libslirp itself (a check against the profile with that baseline gates; the strict
// rfc9293 profile finds slirp departing) are long: profile.long.test.ts (`npm run test:long`).
import { SLIRP_BUGS } from '../../models/profiles/slirp-bugs';
import { slirp } from '../../models/profiles/slirp';
import { eachDivergenceIsABug, knownBugs } from '../../harness/__fixtures__/profile-gate';

const BUGS = [...SLIRP_BUGS, ...slirp.overrides.filter((o) => o.kind === 'bug')];

describe('known-bugs.json holds bugs only, each written up among the profile bug overrides', () => {
  eachDivergenceIsABug('slirp', BUGS, /^bug \(models\/profiles\/slirp-bugs\.ts\): /);

  test('each divergence’s citation names one of the bugs the model does not follow', () => {
    const { entries } = knownBugs('slirp', BUGS);
    const named = SLIRP_BUGS.map((o) => o.what);
    for (const e of entries)
      if (e.kind === 'divergence') expect(named).toContain(e.citation!.replace(/^bug \([^)]*\): /, ''));
  });

  test('the crash is the reassembly loop’s, in at most 5 inputs', () => {
    const { entries, evidence } = knownBugs('slirp', BUGS);
    const crashes = entries.filter((e) => e.kind === 'crash');
    expect(crashes).toHaveLength(1);
    expect(crashes[0].inputs.length).toBeLessThanOrEqual(5);
    expect(evidence).toMatch(/slirp crashes \(SIGBUS or SIGSEGV\)/);
  });
});
