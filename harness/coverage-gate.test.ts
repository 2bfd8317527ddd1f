// Issue 11, coverage gates and item 7: a PASS that reached little says so, and --min-states / --min-rules
// turn it into a failure of its own.
import { ModelAdapter } from '../adapters/model/adapter';
import { rfc9293 } from '../models/profiles/rfc9293';
import { CheckResult, runCheck } from './check';
import { EXIT } from './cli/exit-codes';
import { coverageGate, gateLines, gateSpecOf, verdictCode } from './coverage-gate';

let short: CheckResult;
beforeAll(async () => {
  short = await runCheck({ adapter: new ModelAdapter(rfc9293), profile: rfc9293, runs: 3, seed: 1 });
});

describe('a conformant check that missed required rules', () => {
  test('says PASS (incomplete), how many required rules it missed, and suggests more runs', () => {
    const missing = short.coverage.rules.missing.length;
    expect(missing).toBeGreaterThan(0);
    expect(gateLines(coverageGate(short, {}))).toEqual([
      `PASS (incomplete): ${missing} required rules not reached — try --runs 30`,
    ]);
  });

  test('still exits 0 without a gate', () => {
    expect(verdictCode(short, coverageGate(short, {}))).toBe(EXIT.conformant);
  });
});

describe('--min-states', () => {
  test('above the states reached: the gate fails, exit 5, and the line says what was reached and asked', () => {
    const reached = short.coverage.states.covered;
    const gate = coverageGate(short, { minStates: reached + 1 });
    expect(gate.passed).toBe(false);
    expect(gate.states).toEqual({ min: reached + 1, reached, total: 11, passed: false });
    expect(verdictCode(short, gate)).toBe(5);
    const lines = gateLines(gate);
    expect(lines[0]).toBe(`coverage gate: ${reached} of 11 states reached, --min-states asks for ${reached + 1}`);
    expect(lines[lines.length - 1]).toMatch(/^FAIL \(coverage below the gate\): .* — try --runs 30$/);
  });

  test('at the states reached: the gate passes', () => {
    expect(coverageGate(short, { minStates: short.coverage.states.covered }).passed).toBe(true);
  });
});

describe('--min-rules', () => {
  const percent = () => (100 * short.coverage.rules.covered) / short.coverage.rules.total;
  test('a share above the one covered fails the gate', () => {
    const gate = coverageGate(short, { minRulesPercent: Math.ceil(percent() + 1) });
    expect(gate.rules?.passed).toBe(false);
    expect(gateLines(gate)[0]).toMatch(
      /^coverage gate: [\d.]+% of rules covered \(\d+\/84\), --min-rules asks for \d+%$/,
    );
  });

  test('the share covered passes it', () => {
    expect(coverageGate(short, { minRulesPercent: percent() }).passed).toBe(true);
  });
});

test('a new divergence outranks a failed gate: exit 1', () => {
  const diverged = { ...short, divergences: [{} as CheckResult['divergences'][number]] };
  expect(verdictCode(diverged, coverageGate(diverged, { minStates: 11 }))).toBe(EXIT.divergence);
});

describe('the flags', () => {
  test('take a whole number of states and a percentage with or without %', () => {
    expect(gateSpecOf({ minStates: '5', minRules: '80%' })).toEqual({ minStates: 5, minRulesPercent: 80 });
    expect(gateSpecOf({ minRules: '62.5' })).toEqual({ minRulesPercent: 62.5 });
  });
  test.each([
    [{ minStates: '12' }, /--min-states must be a whole number from 0 to 11/],
    [{ minStates: 'all' }, /--min-states must be a whole number/],
    [{ minRules: '101' }, /--min-rules must be a percentage from 0 to 100/],
    [{ minRules: '%' }, /--min-rules must be a percentage/],
  ])('refuse %p', (flags, message) => {
    expect(() => gateSpecOf(flags)).toThrow(message);
  });
});
