import { createSimulatorAdapter } from '../../adapters/simulator/adapter';
import { ModelAdapter } from '../../adapters/model/adapter';
import { findProfile } from '../../models/profiles';
import { runPairCheck } from './pair-check';

const rfc9293 = findProfile('rfc9293')!;
const faults = { loss: 0.1, dup: 0.05, reorder: 0.1 };
type Mutant = Parameters<typeof createSimulatorAdapter>[0]['mutant'];

/** A pair check of two simulators, with a seeded bug or without, under the faults above. */
const simulators = (runs: number, seed: number, mutant?: Mutant) =>
  runPairCheck({
    makeAdapter: () => createSimulatorAdapter({ profile: 'rfc9293', ...(mutant ? { mutant } : {}) }),
    profile: rfc9293,
    runs,
    seed,
    rates: faults,
  });

describe('pair topology: two endpoints over a network that loses, duplicates and reorders', () => {
  test('two simulators keep data intact and agree with the model under 10% loss, 5% duplication, 10% reordering', async () => {
    const r = await simulators(300, 11);
    expect(r.divergences).toEqual([]);
    expect(r.runs).toBe(300);
    expect(r.coverage.states.covered).toBeGreaterThanOrEqual(9);
  });

  test('two copies of the model do too', async () => {
    const r = await runPairCheck({
      makeAdapter: () => new ModelAdapter(rfc9293),
      profile: rfc9293,
      runs: 200,
      seed: 5,
      rates: faults,
    });
    expect(r.divergences).toEqual([]);
  });

  test('an endpoint without TIME-WAIT is caught, with the trace of the run', async () => {
    const r = await simulators(1000, 1, 'noTimeWait');
    expect(r.divergences).toHaveLength(1);
    // Neither end of this mutant ever enters TIME-WAIT: the words come from the property broken, or from the
    // expected outcome under the row where the lockstep caught it first.
    const drawn = `${r.divergences[0].message}\n${r.divergences[0].trace.join('\n')}`;
    expect(drawn).toMatch(/TIME-WAIT/);
    expect(r.divergences[0].trace.length).toBeGreaterThan(3);
  });

  test('an end that leaves its model: the row that diverged, then expected, observed and the rule', async () => {
    // The seeded bug synNotCounted acknowledges a SYN as if it took no sequence number; a SYN takes one
    // (RFC 9293 §3.4), so B's SYN,ACK must acknowledge A's ISS + 1.
    const r = await simulators(200, 1, 'synNotCounted');
    const [f] = r.divergences;
    expect(f.property).toBe('lockstep');
    const lines = f.trace;
    expect(lines[0]).toMatch(/^ {5}TCP A +TCP B$/);
    const iss = Number(/--> <SEQ=(\d+)><CTL=SYN>/.exec(lines.join('\n'))![1]);
    const at = Number(/ at line (\d+):/.exec(f.message)![1]);
    // The row the message names is A's SYN reaching B, with "???" in B's column.
    expect(lines[at]).toMatch(new RegExp(`^ +${at}\\. +\\.\\.\\. <SEQ=${iss}><CTL=SYN>.* --> \\?\\?\\?$`));
    const below = lines.filter((l) => /^ {5}(expected|or|observed|rule:) /.test(l));
    expect(below).toEqual([
      expect.stringMatching(new RegExp(`^ {5}expected SYN-RECEIVED sending <SEQ=\\d+><ACK=${iss + 1}><CTL=SYN,ACK>$`)),
      expect.stringMatching(new RegExp(`^ {5}observed SYN-RECEIVED sending <SEQ=\\d+><ACK=${iss}><CTL=SYN,ACK>$`)),
      expect.stringMatching(/^ {5}rule: listen\.syn \(RFC 793 §3\.9 p\.66, RFC 9293 §3\.10\.7\.2\)$/),
    ]);
    expect(f.message).toBe(
      `endpoint B left the model in LISTEN at line ${at}: rule listen.syn (RFC 793 §3.9 p.66, RFC 9293 §3.10.7.2)`,
    );
  });

  test('the same seed gives the same verdict and the same counts', async () => {
    const run = () => simulators(100, 3);
    const [a, b] = [await run(), await run()];
    expect({ ...a, elapsedMs: 0, eventsPerSecond: 0 }).toEqual({ ...b, elapsedMs: 0, eventsPerSecond: 0 });
  });
});
