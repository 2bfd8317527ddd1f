// A failing spec and the CLI draw one divergence alike: the same figure, the same expected and observed lines,
// the same rule. The fixture is one divergence, RFC 793 p.70's: a connection from a passive OPEN, in
// SYN-RECEIVED, that gets an acceptable RST must go back to LISTEN; the simulator with the seeded bug
// passiveRstCloses goes to CLOSED instead.
import { createSimulatorAdapter } from '../../adapters/simulator/adapter';
import { Adapter } from '../../adapters/types';
import { fixedSource, runOnce } from '../../harness/check';
import { makeCounterexample } from '../../harness/counterexample';
import { renderCounterexample } from '../../harness/cli/check-command';
import { Input } from '../../models/input';
import { findProfile } from '../../models/profiles';
import { formatDivergence, open, peerRst, peerSyn, play, wait } from './scenario';

const profile = findProfile('rfc9293')!;
const script: Input[] = [open('passive'), peerSyn(), peerRst()];
// The README's numbers: the tester's ISS and the IUT's run seed.
const peerIss = 4294967293;
const seed = 1;
const REPLAY = 'npx tcpconform replay the-file.json';

/** The lines that say what was allowed and what was seen. */
const outcomeLinesOf = (lines: readonly string[]) => lines.filter((l) => /^\s+(expected|or|observed) /.test(l));

let adapter: Adapter;
beforeEach(async () => {
  adapter = await createSimulatorAdapter({ profile: 'rfc9293', mutant: 'passiveRstCloses' });
});
afterEach(async () => {
  await adapter.dispose();
});

async function theDivergence() {
  adapter.reset({ profile: profile.name, seed });
  const r = await runOnce(adapter, profile, fixedSource(script), peerIss, seed, null, true);
  if (!r.divergence) throw new Error('the fixture did not diverge: passiveRstCloses should go to CLOSED');
  return { trace: r.trace, d: r.divergence };
}

describe('one divergence, drawn for a failing spec and for the CLI', () => {
  test('both show the same expected and observed lines: LISTEN expected after the RST, CLOSED observed', async () => {
    const { trace, d } = await theDivergence();
    const run = { adapter: adapter.name, profile: profile.name, peerIss, seed, compared: adapter.capabilities };
    const spec = formatDivergence(trace, d, run).split('\n');
    // The CLI's way: the counterexample as its file holds it, drawn from the trace that file records.
    const file = JSON.parse(JSON.stringify(makeCounterexample({ ...run, runSeed: seed }, script, d, trace)));
    const cli = await renderCounterexample(adapter, file, REPLAY);

    expect(outcomeLinesOf(spec)).toEqual([
      '     expected LISTEN, sending nothing',
      '     observed CLOSED, sending nothing',
    ]);
    expect(outcomeLinesOf(cli)).toEqual(outcomeLinesOf(spec));
    // Beyond those lines, the whole figure is the CLI's, the replay line aside (a spec has no file to replay).
    expect(spec.slice(1)).toEqual(cli.slice(0, -1));
    expect(cli[cli.length - 1]).toBe(`  replay: ${REPLAY}`);
    expect(spec).toContainEqual(expect.stringMatching(/^ {5}rule: rst\.synReceived\.passive \(RFC 793 §3\.9 p\.70/));
  });

  test('a spec that plays the script fails with that figure, naming the script item that diverged', async () => {
    const { trace, d } = await theDivergence();
    const run = { adapter: adapter.name, profile: profile.name, peerIss, seed, compared: adapter.capabilities };
    const file = JSON.parse(JSON.stringify(makeCounterexample({ ...run, runSeed: seed }, script, d, trace)));
    const cli = await renderCounterexample(adapter, file, 'r');

    adapter.reset({ profile: profile.name, seed });
    const failure = await play(adapter, profile, script, { peerIss, seed }).then(
      () => null,
      (e: Error) => e.message.split('\n'),
    );
    expect(failure).not.toBeNull();
    // The RST is the third item of three; the figure draws it on line 5 (CLOSED, OPEN, SYN, SYN,ACK, RST).
    expect(failure![0]).toMatch(/ at script item 3 of 3 \(input 3\), line 5 of the figure:$/);
    expect(failure!.slice(1)).toEqual(cli.slice(0, -1));
  });

  test('a divergence inside a repeated item names the repetition', async () => {
    // A SYN that the IUT acknowledges as if it took no sequence number (seeded bug synNotCounted), given as
    // the third input of a repeated item, after two waits.
    const buggy = await createSimulatorAdapter({ profile: 'rfc9293', mutant: 'synNotCounted' });
    try {
      const repeated = { repeat: (_t: unknown, n: number) => (n < 2 ? wait(1) : n === 2 ? peerSyn() : null) };
      const failure = await play(buggy, profile, [open('passive'), repeated, wait(5)]).then(
        () => '',
        (e: Error) => e.message.split('\n')[0],
      );
      expect(failure).toMatch(/ at script item 2 of 3, repetition 3 \(input 4\), line 5 of the figure:$/);
    } finally {
      await buggy.dispose();
    }
  });
});
