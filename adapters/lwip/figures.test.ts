// RFC 793's figures 7-14 (spec/scenarios/rfc793-figures) on lwIP, checked against the lwip profile. Where the
// profile expects a figure's line, lwIP does it; where lwIP departs (a reset carrying ACK, a SYN sent again
// after the reset of a bad SYN,ACK, no simultaneous open), the lwip profile does not allow the figure's line
// either, and lwIP does what the profile says instead: the expectation fails against the model's allowed set at
// exactly the steps where it fails against lwIP, and lwIP never leaves its profile.
import * as fs from 'fs';
import * as path from 'path';
import { fixedSource, runOnce } from '../../harness/check';
import { judgeAllowed } from '../../harness/scenario/allowed';
import { judgeExpectations } from '../../harness/scenario/expect';
import { parseScenario } from '../../harness/scenario/parse';
import { lwip } from '../../models/profiles/lwip';
import { findAdapter } from '../registry';
import { Adapter } from '../types';
import { describeLwip } from './gate';

jest.setTimeout(120_000);

const DIR = path.join(__dirname, '..', '..', 'spec', 'scenarios', 'rfc793-figures');
const figures = fs.readdirSync(DIR).filter((f) => f.endsWith('.tcs'));

describeLwip('RFC 793 figures on lwIP, against the lwip profile', () => {
  let adapter: Adapter;
  beforeAll(async () => {
    adapter = await findAdapter('lwip')!.create({ profile: 'lwip' });
  });
  afterAll(async () => adapter?.dispose());

  test.each(figures)(
    '%s: lwIP stays in its profile, and departs from the figure only where the profile does',
    async (f) => {
      const sc = parseScenario(fs.readFileSync(path.join(DIR, f), 'latin1'), f);
      const r = await runOnce(
        adapter,
        lwip,
        fixedSource(sc.steps.map((s) => s.input)),
        sc.peerIss,
        sc.seed,
        null,
        true,
      );
      expect(r.divergence).toBeUndefined();
      const lines = (fs: { line: number }[]) => [...new Set(fs.map((x) => x.line))].sort((a, b) => a - b);
      const unexpectedByProfile = lines(judgeAllowed(sc, r, lwip, adapter.capabilities));
      const notDoneByLwip = lines(judgeExpectations(sc, r, adapter.capabilities));
      // A state expectation can fail against lwIP on its own line while its step's segments already fail against
      // the profile: compare the steps, not the lines.
      const stepOf = (line: number) => sc.steps.filter((s) => s.line <= line).length - 1;
      expect([...new Set(notDoneByLwip.map(stepOf))]).toEqual([...new Set(unexpectedByProfile.map(stepOf))]);
    },
  );

  // The figures lwIP departs from, each by an override of the lwip profile (models/profiles/lwip-overrides.ts).
  const DEPARTS: Record<string, string> = {
    'figure08-a.tcs': 'no simultaneous open: SYN in SYN-SENT dropped',
    'figure08-b.tcs': 'no simultaneous open: SYN in SYN-SENT dropped',
    'figure09-a.tcs':
      'every RST carries ACK; in SYN-SENT the RST to an unacceptable ACK is followed at once by the SYN',
    'figure10-a.tcs':
      'every RST carries ACK; in SYN-SENT the RST to an unacceptable ACK is followed at once by the SYN',
    'figure11-a.tcs': 'every RST carries ACK',
    'figure12-a.tcs': 'every RST carries ACK',
  };

  test.each(figures)('%s holds on lwIP as drawn unless a cited override says otherwise', async (f) => {
    const sc = parseScenario(fs.readFileSync(path.join(DIR, f), 'latin1'), f);
    const r = await runOnce(adapter, lwip, fixedSource(sc.steps.map((s) => s.input)), sc.peerIss, sc.seed, null, true);
    const held = judgeExpectations(sc, r, adapter.capabilities).length === 0;
    expect(held).toBe(DEPARTS[f] === undefined);
    if (DEPARTS[f]) expect(lwip.overrides.map((o) => o.what).join('\n')).toContain(DEPARTS[f].split(';')[0]);
  });
});
