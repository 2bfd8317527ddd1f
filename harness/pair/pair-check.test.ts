import { createSimulatorAdapter } from '../../adapters/simulator/adapter';
import { ModelAdapter } from '../../adapters/model/adapter';
import { findProfile } from '../../models/profiles';
import { runPairCheck } from './pair-check';

const rfc9293 = findProfile('rfc9293')!;
const faults = { loss: 0.1, dup: 0.05, reorder: 0.1 };

describe('pair topology: two endpoints over a network that loses, duplicates and reorders', () => {
  test('two simulators keep data intact and agree with the model under 10% loss, 5% duplication, 10% reordering', async () => {
    const r = await runPairCheck({
      makeAdapter: () => createSimulatorAdapter({ profile: 'rfc9293' }),
      profile: rfc9293,
      runs: 300,
      seed: 11,
      rates: faults,
    });
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
    const r = await runPairCheck({
      makeAdapter: () => createSimulatorAdapter({ profile: 'rfc9293', mutant: 'noTimeWait' }),
      profile: rfc9293,
      runs: 1000,
      seed: 1,
      rates: faults,
    });
    expect(r.divergences).toHaveLength(1);
    expect(r.divergences[0].message).toMatch(/TIME-WAIT/);
    expect(r.divergences[0].trace.length).toBeGreaterThan(3);
  });

  test('the same seed gives the same verdict and the same counts', async () => {
    const run = () =>
      runPairCheck({
        makeAdapter: () => createSimulatorAdapter({ profile: 'rfc9293' }),
        profile: rfc9293,
        runs: 100,
        seed: 3,
        rates: faults,
      });
    const [a, b] = [await run(), await run()];
    expect({ ...a, elapsedMs: 0, eventsPerSecond: 0 }).toEqual({ ...b, elapsedMs: 0, eventsPerSecond: 0 });
  });
});
