// A `tcpconform run` as JUnit (harness/report/junit.ts): one suite, one test case per scenario, named by its
// file and title (stable from run to run), failed with its unmet expectations or the rule it broke, skipped with
// the reason an adapter could not play it.
import * as os from 'os';
import { JunitCase, JunitSuite } from '../report/junit';
import { ScenarioResult } from './run';

export function runSuite(
  results: readonly ScenarioResult[],
  ctx: { adapter: string; mutant?: string; startedAt: Date; elapsedMs: number; lines: (r: ScenarioResult) => string[] },
): JunitSuite {
  const cases: JunitCase[] = results.map((r) => {
    const sc = r.scenario;
    const base = { classname: `tcpconform.run.${ctx.adapter}`, name: `${sc.file}${sc.title ? `: ${sc.title}` : ''}` };
    if (r.verdict === 'pass') return { ...base, outcome: { kind: 'passed' } };
    if (r.verdict === 'skip') return { ...base, outcome: { kind: 'skipped', message: r.reason ?? 'skipped' } };
    const d = r.divergence?.divergence;
    const first = d
      ? `the IUT left the model: rule ${d.rule}`
      : `${sc.file}:${r.failures[0].line}: ${r.failures[0].message}`;
    return {
      ...base,
      outcome: { kind: 'failed', type: d ? d.rule : 'expectation', message: first, text: ctx.lines(r).join('\n') },
    };
  });
  return {
    name: `tcpconform run ${ctx.adapter}${ctx.mutant ? ` (${ctx.mutant})` : ''}`,
    timestamp: ctx.startedAt,
    hostname: os.hostname(),
    timeMs: ctx.elapsedMs,
    properties: [['adapter', ctx.adapter], ...(ctx.mutant ? ([['mutant', ctx.mutant]] as [string, string][]) : [])],
    cases,
  };
}
