// Coverage gates: a check that diverges nowhere but reached too little proves little. `--min-states N` and
// `--min-rules P%` make that a failure with its own exit code (EXIT.coverageBelowGate); without them a PASS
// that left required rules unreached says so, and how to reach more.
import { STATES } from '../models/state';
import { CheckResult } from './check';
import { EXIT, UsageError } from './cli/exit-codes';

export interface GateSpec {
  minStates?: number;
  /** Percent of the profile's rules, as counted in the summary's "rules covered/total". */
  minRulesPercent?: number;
}

/** The gate's verdict, as it appears in the --json summary under coverage.gate. */
export interface CoverageGate {
  passed: boolean;
  states?: { min: number; reached: number; total: number; passed: boolean };
  rules?: { minPercent: number; reachedPercent: number; covered: number; total: number; passed: boolean };
  /** Required rules the check did not reach (coverage.rules.missing). */
  requiredRulesMissing: number;
  /** Of those, the rules at fault in known divergences: the bug stops the runs there, more runs will not help. */
  atFaultInKnown?: number;
  /** What to try when coverage falls short, e.g. "--runs 2000". */
  suggestion?: string;
}

export function gateSpecOf(flags: { minStates?: string; minRules?: string }): GateSpec {
  const spec: GateSpec = {};
  if (flags.minStates !== undefined) {
    const n = Number(flags.minStates);
    if (!/^\d+$/.test(flags.minStates) || n > STATES.length)
      throw new UsageError(`--min-states must be a whole number from 0 to ${STATES.length}, got "${flags.minStates}"`);
    spec.minStates = n;
  }
  if (flags.minRules !== undefined) {
    const text = flags.minRules.replace(/%$/, '');
    const p = Number(text);
    if (text.trim() === '' || !Number.isFinite(p) || p < 0 || p > 100)
      throw new UsageError(
        `--min-rules must be a percentage from 0 to 100, such as 80 or 80%, got "${flags.minRules}"`,
      );
    spec.minRulesPercent = p;
  }
  return spec;
}

/** Ten times the runs: the coverage of a random walk grows slowly with its length. */
const moreRuns = (runs: number): string => `--runs ${Math.max(10, runs * 10)}`;

export function coverageGate(result: CheckResult, spec: GateSpec): CoverageGate {
  const c = result.coverage;
  const gate: CoverageGate = { passed: true, requiredRulesMissing: c.rules.missing.length };
  if (spec.minStates !== undefined) {
    const passed = c.states.covered >= spec.minStates;
    gate.states = { min: spec.minStates, reached: c.states.covered, total: c.states.total, passed };
    gate.passed &&= passed;
  }
  if (spec.minRulesPercent !== undefined) {
    const percent = c.rules.total ? (100 * c.rules.covered) / c.rules.total : 100;
    const passed = percent >= spec.minRulesPercent;
    gate.rules = {
      minPercent: spec.minRulesPercent,
      reachedPercent: Math.floor(percent * 10) / 10,
      covered: c.rules.covered,
      total: c.rules.total,
      passed,
    };
    gate.passed &&= passed;
  }
  const atFault = new Set(
    (result.known ?? []).map((k) => ('divergence' in k.finding ? k.finding.divergence.rule : '')),
  );
  const blocked = c.rules.missing.filter((r) => atFault.has(r)).length;
  if (blocked) gate.atFaultInKnown = blocked;
  if (!gate.passed || gate.requiredRulesMissing > blocked) gate.suggestion = moreRuns(result.runs);
  return gate;
}

/** The verdict's last lines for a check with no new divergence (after one, coverage says nothing). */
export function gateLines(gate: CoverageGate): string[] {
  const lines: string[] = [];
  const { states, rules } = gate;
  if (states && !states.passed) {
    lines.push(
      `coverage gate: ${states.reached} of ${states.total} states reached, --min-states asks for ${states.min}`,
    );
  }
  if (rules && !rules.passed) {
    const covered = `${rules.reachedPercent}% of rules covered (${rules.covered}/${rules.total})`;
    lines.push(`coverage gate: ${covered}, --min-rules asks for ${rules.minPercent}%`);
  }
  const missing = gate.requiredRulesMissing;
  const blocked = gate.atFaultInKnown ? ` (${gate.atFaultInKnown} of them at fault in a known divergence)` : '';
  const unreached = missing ? `${missing} required rule${missing === 1 ? '' : 's'} not reached${blocked}` : '';
  const tryMore = gate.suggestion ? ` — try ${gate.suggestion}` : '';
  if (!gate.passed) {
    const why = `no new divergence, but too little was reached${unreached ? `; ${unreached}` : ''}`;
    lines.push(`FAIL (coverage below the gate): ${why}${tryMore}`);
  } else if (missing) lines.push(`PASS (incomplete): ${unreached}${tryMore}`);
  return lines;
}

/** A new divergence outranks the gate: 1; then a gate that failed: 5; else 0. */
export const verdictCode = (result: CheckResult, gate: CoverageGate): number =>
  result.divergences.length ? EXIT.divergence : gate.passed ? EXIT.conformant : EXIT.coverageBelowGate;
