// What issue 13 asks of a stack's profile and its known bugs, for the tests of each stack (gvisor, slirp): the
// baseline beside the adapter holds bugs only, each written up among the profile's bug overrides; the strict
// rfc9293 profile finds the stack departing; the profile finds a bug without the baseline, shrunk to at most 5
// inputs, and with it passes, meeting known bugs only. Short checks (300 runs).
import * as fs from 'fs';
import * as path from 'path';
import { findProfile } from '../../models/profiles';
import { Override, Profile } from '../../models/profile';
import { runCheck, CheckResult, CheckOptions } from '../check';
import { BaselineEntry, loadBaseline, parseBaseline } from '../baseline';
import { findAdapter } from '../../adapters/registry';
import { Adapter } from '../../adapters/types';

/** The known-bugs file beside an adapter. */
export const knownBugsOf = (adapter: string): string =>
  path.join(__dirname, '..', '..', 'adapters', adapter, 'known-bugs.json');

/** One short check of the adapter against a profile, in a fresh adapter. */
export async function checkOf(
  name: string,
  profileName: string,
  more: Partial<CheckOptions> = {},
): Promise<CheckResult> {
  const profile = findProfile(profileName) as Profile;
  const adapter = (await findAdapter(name)!.create({ profile: profileName })) as Adapter & {
    dispose?: () => Promise<void>;
  };
  try {
    return await runCheck({ adapter, profile, runs: 300, seed: 1, ...more });
  } finally {
    await adapter.dispose?.();
  }
}

/** The entries of the adapter's known-bugs file, and the text of the profile's bug overrides they must be
 *  written up in (what and evidence). */
export function knownBugs(adapter: string, bugs: readonly Override[]): { entries: BaselineEntry[]; evidence: string } {
  const file = knownBugsOf(adapter);
  const entries = parseBaseline(JSON.parse(fs.readFileSync(file, 'utf8')), file);
  const evidence = bugs.map((o) => `${o.evidence ?? ''} ${o.what}`).join('\n');
  return { entries, evidence };
}

/** Each divergence of the known-bugs file cites a bug (citation) and is that bug override's evidence. */
export function eachDivergenceIsABug(adapter: string, bugs: readonly Override[], citation: RegExp): void {
  const { entries, evidence } = knownBugs(adapter, bugs);
  const divergences = entries.flatMap((e) => (e.kind === 'divergence' ? [e] : []));
  test.each(divergences.map((e) => [`${e.rule} in ${e.stateBefore}`, e] as const))(
    '%s is a bug override’s evidence',
    (_name, e) => {
      expect(e.citation).toMatch(citation);
      const inState = new RegExp(`${e.rule.replace(/\./g, '\\.')}[^;]* in [^;]*${e.stateBefore}`);
      expect(evidence).toMatch(inState);
    },
  );
}

/** The three checks against the stack itself. */
export function profileGateChecks(adapter: string, profile: string): void {
  test(`rfc9293 finds ${adapter} departing from RFC 9293`, async () => {
    const r = await checkOf(adapter, 'rfc9293');
    expect(r.divergences.length).toBeGreaterThanOrEqual(1);
  });

  test('without the baseline the profile still finds a bug, shrunk to at most 5 inputs', async () => {
    const r = await checkOf(adapter, profile);
    expect(r.divergences).toHaveLength(1);
    expect(r.divergences[0].inputs.length).toBeLessThanOrEqual(5);
  });

  test('with known-bugs.json a check against the profile passes, meeting known bugs only', async () => {
    const b = loadBaseline(knownBugsOf(adapter), false);
    const r = await checkOf(adapter, profile, { known: b.matches });
    expect(r.divergences).toEqual([]);
    expect(r.runs).toBe(300);
    expect(r.known?.length).toBeGreaterThan(0);
  });
}
