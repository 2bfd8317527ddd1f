// Issue 13, acceptance 1: the gvisor profile describes gVisor's netstack (every departure a cited override,
// choice or bug), and its bugs sit in known-bugs.json beside the adapter, each written up among the profile's
// bug overrides. The checks against gVisor itself (a check against the profile with that baseline gates; the
// strict rfc9293 profile finds gVisor departing) are long: profile.long.test.ts (`npm run test:long`).
import * as fs from 'fs';
import * as path from 'path';
import { GVISOR_BUGS } from '../../models/profiles/gvisor-bugs';
import { gvisor } from '../../models/profiles/gvisor';
import { BaselineEntry, parseBaseline } from '../../harness/baseline';

const KNOWN_BUGS = path.join(__dirname, 'known-bugs.json');

describe('known-bugs.json holds bugs only, each written up among the profile bug overrides', () => {
  const entries: BaselineEntry[] = parseBaseline(JSON.parse(fs.readFileSync(KNOWN_BUGS, 'utf8')), KNOWN_BUGS);
  const evidence = [...GVISOR_BUGS, ...gvisor.overrides.filter((o) => o.kind === 'bug')]
    .map((o) => `${o.evidence ?? ''} ${o.what}`)
    .join('\n');

  const divergences = entries.flatMap((e) => (e.kind === 'divergence' ? [e] : []));
  test.each(divergences.map((e) => [`${e.rule} in ${e.stateBefore}`, e] as const))(
    '%s is a bug override’s evidence',
    (_name, e) => {
      expect(e.citation).toMatch(/^bug \(models\/profiles\/gvisor-bugs\.ts\)/);
      const inState = new RegExp(`${e.rule.replace(/\./g, '\\.')}[^;]* in [^;]*${e.stateBefore}`);
      expect(evidence).toMatch(inState);
    },
  );

  test('the crash is the panic of ABORT in the SYN-RECEIVED of a simultaneous open', () => {
    const crashes = entries.filter((e) => e.kind === 'crash');
    expect(crashes.map((e) => e.inputs.length)).toEqual([3]);
    expect(evidence).toMatch(/ABORT in the SYN-RECEIVED of a simultaneous open crashes gVisor/);
  });
});
