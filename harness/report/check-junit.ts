// What a check's JUnit report says, case by case. Names are stable across seeds so that a CI history view
// follows each one from build to build:
//   classname tcpconform.<adapter>.<profile>[.mutant-<id>][.pair]
//   "check"             the whole check: failed at its first divergence (type: the rule), errored when the
//                       adapter could not be used (type: the verdict), its summary in <system-out>
//   "property <name>"   pair topology: each end-to-end property, failed when broken
//   "rule <id>"         each rule of the profile: passed when covered, failed at a divergence, skipped with the
//                       reason when the check did not reach it
// The seed and the other settings are suite-level properties.
import * as os from 'os';
import { CoverageReport } from '../coverage';
import { JunitCase, JunitSuite } from './junit';

/** Which check ran; the names of the suite and its cases come from this alone. */
export interface CheckIdentity {
  adapter: string;
  profile: string;
  mutant?: string;
  /** Pair topology: the fault rates of the network. */
  rates?: { loss: number; dup: number; reorder: number };
  seed?: number;
}

/** One thing found wrong: at a rule of the profile (peer topology) or a property (pair topology). */
export interface Finding {
  at: string;
  message: string;
  text: string[];
}

export interface CheckOutcome {
  runs: number;
  events: number;
  elapsedMs: number;
  coverage: CoverageReport;
  /** Every rule of the profile, in the profile's order. */
  ruleIds: string[];
  /** Pair topology: the properties checked. */
  properties?: string[];
  findings: Finding[];
  summary: string[];
  /** No divergence, but coverage below --min-states or --min-rules: what the gate said. */
  gateFailure?: string[];
}

const classname = (id: CheckIdentity) =>
  ['tcpconform', id.adapter, id.profile, id.mutant && `mutant-${id.mutant}`, id.rates && 'pair']
    .filter(Boolean)
    .join('.');

function suite(
  id: CheckIdentity,
  elapsedMs: number,
  extra: [string, string | number][],
  cases: JunitCase[],
): JunitSuite {
  const rates = id.rates ? ` pair loss ${id.rates.loss} dup ${id.rates.dup} reorder ${id.rates.reorder}` : '';
  const properties: [string, string | number][] = [
    ['adapter', id.adapter],
    ['profile', id.profile],
    ...(id.mutant ? [['mutant', id.mutant] as [string, string]] : []),
    ['topology', id.rates ? 'pair' : 'peer'],
    ...(id.rates ? (Object.entries(id.rates) as [string, number][]) : []),
    ...(id.seed !== undefined ? [['seed', id.seed] as [string, number]] : []),
    ...extra,
  ];
  return {
    name: `tcpconform check ${id.adapter}/${id.profile}${id.mutant ? '/' + id.mutant : ''}${rates}`,
    timestamp: new Date(Date.now() - elapsedMs),
    hostname: os.hostname(),
    timeMs: elapsedMs,
    properties,
    cases,
  };
}

/** Why a rule the check did not cover was not covered. */
function notReached(c: CoverageReport, rule: string, stoppedEarly: boolean, runs: number): string {
  const unreachable = c.rules.unreachable.find((u) => u.id === rule);
  if (unreachable) return `unreachable here: ${unreachable.reason}`;
  if (c.rules.notShown.includes(rule)) return 'optional behaviour this IUT never showed';
  if (stoppedEarly) return 'not reached: the check stopped at its first divergence';
  return `not reached in ${runs} runs: more --runs may reach it`;
}

export function checkSuite(id: CheckIdentity, o: CheckOutcome): JunitSuite {
  const base = classname(id);
  const uncovered = new Set([
    ...o.coverage.rules.missing,
    ...o.coverage.rules.notShown,
    ...o.coverage.rules.unreachable.map((u) => u.id),
  ]);
  const findingAt = (at: string) => o.findings.find((f) => f.at === at);
  const caseFor = (name: string, f: Finding | undefined, orElse: JunitCase['outcome']): JunitCase => ({
    classname: base,
    name,
    outcome: f ? { kind: 'failed', type: f.at, message: f.message, text: f.text.join('\n') } : orElse,
  });
  const first = o.findings[0];
  const check: JunitCase = {
    classname: base,
    name: 'check',
    timeMs: o.elapsedMs,
    outcome: first
      ? {
          kind: 'failed',
          type: first.at,
          message: `${o.findings.length} divergence(s); the first: ${first.message}`,
          text: o.findings.flatMap((f) => f.text).join('\n'),
        }
      : o.gateFailure
        ? {
            kind: 'failed',
            type: 'coverage-below-gate',
            message: o.gateFailure[0] ?? 'coverage below the gate',
            text: o.gateFailure.join('\n'),
          }
        : { kind: 'passed' },
    systemOut: o.summary.join('\n'),
  };
  // A finding at a rule the profile does not list (there should be none) still gets a case of its own; two
  // cases of one name would be one line in a CI history.
  const atRules = o.findings.filter((f) => !o.properties?.includes(f.at)).map((f) => f.at);
  const ruleIds = [...new Set([...o.ruleIds, ...atRules])];
  const rules = ruleIds.map((r) =>
    caseFor(
      `rule ${r}`,
      findingAt(r),
      uncovered.has(r)
        ? { kind: 'skipped', message: notReached(o.coverage, r, o.findings.length > 0, o.runs) }
        : { kind: 'passed' },
    ),
  );
  const properties = (o.properties ?? []).map((p) => caseFor(`property ${p}`, findingAt(p), { kind: 'passed' }));
  const c = o.coverage;
  return suite(
    id,
    o.elapsedMs,
    [
      ['runs', o.runs],
      ['events', o.events],
      ['states covered', `${c.states.covered}/${c.states.total}`],
      ['rules covered', `${c.rules.covered}/${c.rules.total}`],
    ],
    [check, ...properties, ...rules],
  );
}

/** A check that ended without a verdict on the IUT (bad usage, adapter unavailable or failed): one case, errored. */
export function errorSuite(
  id: CheckIdentity,
  verdict: string,
  message: string,
  text: string[],
  elapsedMs: number,
): JunitSuite {
  const check: JunitCase = {
    classname: classname(id),
    name: 'check',
    timeMs: elapsedMs,
    outcome: { kind: 'error', type: verdict, message, text: [...text, message].join('\n') },
  };
  return suite(id, elapsedMs, [], [check]);
}
