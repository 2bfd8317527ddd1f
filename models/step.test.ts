// Unit tests of the model, smoltcp-style: per-state fixtures built by stepping the model, one test per
// (state, event), named "<STATE>: <event> → <outcome>", asserting exact segments, state, result and rules.
// ISS = 5000 for the model, the peer's ISS = 1000; the model advertises 64 (its rcvBuffer), the peer 8192.
// The cases live in models/__fixtures__/step-*.ts, one file per group of states; they run here, in one module
// registry, so that the rule coverage below sees every rule they fired.
import './__fixtures__/step-unsynchronized';
import './__fixtures__/step-synchronized';
import './__fixtures__/step-timers-profiles';
import { fired } from './__fixtures__/step';
import { RULES } from './rules';

describe('rule coverage', () => {
  test('every rule in models/rules.ts fires in at least one of these cases', () => {
    const never = RULES.map((r) => r.id).filter((id) => !fired.has(id));
    expect(never).toEqual([]);
  });
});
