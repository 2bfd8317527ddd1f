import { MUTANTS } from '../adapters/simulator/mutants';
import { runMutants } from './mutants';

describe('the seeded bugs of the simulator', () => {
  test('every mutant is detected, shrunk to at most one input more than its documented minimum', async () => {
    const reports = await runMutants({ runs: 30000, seed: 1 });
    expect(reports).toHaveLength(MUTANTS.length);
    const missed = reports.filter((r) => !r.detected).map((r) => r.id);
    expect(missed).toEqual([]);
    const tooLong = reports
      .filter((r) => (r.counterexampleLength ?? Infinity) > r.minimalLength + 1)
      .map((r) => `${r.id} ${r.counterexampleLength}/${r.minimalLength}`);
    expect(tooLong).toEqual([]);
    // A counterexample can never be shorter than the shortest one known: that would mean the documented
    // minimum is wrong.
    const tooShort = reports.filter((r) => (r.counterexampleLength ?? Infinity) < r.minimalLength).map((r) => r.id);
    expect(tooShort).toEqual([]);
  }, 120000);
});
