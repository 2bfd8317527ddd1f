// What the HTML report shows, gathered from what the commands already have: a check's result, a
// counterexample, a profile's rules and overrides, diff's departures, the mutants' reports.
import type { CheckResult } from '../../check';
import type { CoverageReport } from '../../coverage';
import type { Counterexample } from '../../counterexample';
import type { MutantReport } from '../../mutants';
import type { Profile } from '../../../models/profile';
import { ruleEntries } from '../../cli/rules-command';
import type { Compared } from '../outcome-lines';
import type { HtmlPage, HtmlRule, HtmlTable, HtmlTrace } from './page';

/** A counterexample as a trace of the page: its run as recorded, and the input that diverged. */
export function counterexampleTrace(
  cx: Counterexample,
  title: string,
  compared?: Compared,
  notes?: string[],
): HtmlTrace {
  const d = cx.divergence;
  return {
    title,
    verdict: { ok: false, text: `diverged at input ${d.index + 1}: ${d.rule}` },
    steps: cx.trace ?? [],
    divergence: {
      stateBefore: d.stateBefore,
      ...(cx.sent ? { input: cx.sent } : {}),
      expected: d.expected,
      observed: d.observed,
      rule: d.rule,
      citation: d.citation,
    },
    ...(compared ? { compared } : {}),
    notes: [
      ...(cx.trace ? [] : ['(this counterexample records no trace: only its verdict is drawn)']),
      ...(cx.unrepeatable
        ? [`the same run did not diverge again in ${cx.unrepeatable.replays} repetitions (timing): shown unshrunk`]
        : []),
      ...(notes ?? []),
    ],
  };
}

/** How coverage saw a rule. After a divergence the check stopped early, so "missing" says little then. */
function ruleCoverage(id: string, c: CoverageReport): string {
  const unreachable = c.rules.unreachable.find((u) => u.id === id);
  if (unreachable) return `unreachable: ${unreachable.reason}`;
  if (c.rules.missing.includes(id)) return 'missing';
  if (c.rules.notShown.includes(id)) return 'not shown';
  return 'covered';
}

/** The profile's rules as `tcpconform rules` lists them, each with how coverage saw it. */
export function rulesOf(profile: Profile, coverage?: CoverageReport): { profile: string; list: HtmlRule[] } {
  const list = ruleEntries(profile).map((r) => ({
    ...r,
    ...(coverage ? { coverage: ruleCoverage(r.id, coverage) } : {}),
  }));
  return { profile: profile.name, list };
}

/** The profile's cited departures from the one it extends. */
export function overridesOf(profile: Profile): NonNullable<HtmlPage['overrides']> {
  return {
    profile: profile.name,
    ...(profile.extends ? { base: profile.extends } : {}),
    list: profile.overrides.map((o) => ({
      what: o.what,
      because: o.because,
      cite: o.cite,
      ...(o.kind ? { kind: o.kind } : {}),
    })),
  };
}

export interface CheckPageContext {
  /** The command that makes the same check (the seed settled). */
  command: string;
  adapter: string;
  profile: Profile;
  /** The check's verdict, as --json's "verdict" names it. */
  verdict: string;
  /** The summary lines the check printed. */
  summary: string[];
  compared?: Compared;
  /** Lines under a counterexample: its file, the replay command. */
  notesOf?: (cx: Counterexample) => string[];
}

/** The page of one check: its verdict and coverage, each new divergence (then each known one), the rules. */
export function checkPage(result: CheckResult, ctx: CheckPageContext): HtmlPage {
  const fresh = result.divergences.map((cx, i) =>
    counterexampleTrace(cx, `Counterexample ${i + 1}: ${cx.divergence.rule}`, ctx.compared, ctx.notesOf?.(cx)),
  );
  const known = (result.known ?? []).flatMap((k) =>
    'crash' in k.finding
      ? []
      : [
          {
            ...counterexampleTrace(k.finding, `Known divergence ${k.signature} (${k.runs} runs)`, ctx.compared),
            verdict: { ok: true, text: `known (baseline): ${k.finding.divergence.rule}` },
          },
        ],
  );
  return {
    title: `tcpconform check ${result.adapter}/${result.profile}${result.mutant ? ` --mutant ${result.mutant}` : ''}`,
    command: ctx.command,
    adapter: ctx.adapter,
    profile: ctx.profile.name,
    verdict: { ok: ctx.verdict === 'conformant', text: ctx.verdict },
    summary: ctx.summary,
    coverage: result.coverage,
    traces: [...fresh, ...known],
    rules: rulesOf(ctx.profile, result.coverage),
    overrides: overridesOf(ctx.profile),
  };
}

/** One departure of `diff`: an override, and what the check without it found. */
export interface Departure {
  what: string;
  kind?: 'choice' | 'bug';
  because: string;
  cite: string;
  /** What became of taking the override away, in words. */
  found: string;
  counterexample?: Counterexample;
}

/** The page of `diff`: the whole profile's check, the departures as a table, each counterexample as a trace. */
export function diffPage(ctx: {
  command: string;
  adapter: string;
  target: Profile;
  base: Profile;
  whole: CheckResult;
  departures: Departure[];
  compared?: Compared;
}): HtmlPage {
  const shown = ctx.departures.filter((d) => d.counterexample).length;
  const table: HtmlTable = {
    id: 'departures',
    title: `Departures of ${ctx.target.name} from ${ctx.base.name} (${ctx.departures.length})`,
    caption: 'Each is an override of the profile; its counterexample is what check finds when it alone is taken away.',
    columns: ['#', 'override', 'why', 'where', 'without it'],
    rows: ctx.departures.map((d, i) => [
      String(i + 1),
      `${d.what}${d.kind === 'bug' ? ' (bug, tolerated)' : ''}`,
      d.because,
      d.cite,
      d.found,
    ]),
    looks: ctx.departures.map((d) => (d.counterexample ? 'ok' : '')),
  };
  const traces = ctx.departures.flatMap((d, i) =>
    d.counterexample
      ? [
          {
            ...counterexampleTrace(d.counterexample, `Departure ${i + 1}: ${d.what}`, ctx.compared),
            verdict: { ok: true, text: `shown without the override: ${d.counterexample.divergence.rule}` },
          },
        ]
      : [],
  );
  const w = ctx.whole;
  return {
    title: `tcpconform diff ${ctx.adapter}: ${ctx.target.name} against ${ctx.base.name}`,
    command: ctx.command,
    adapter: ctx.adapter,
    profile: ctx.target.name,
    verdict: {
      ok: w.divergences.length === 0,
      text: `${ctx.departures.length} departures, ${shown} shown by a counterexample; with every override ${w.divergences.length} divergence(s)`,
    },
    summary: [
      `with every override: ${w.runs} runs, ${w.divergences.length} divergence(s); states ${w.coverage.states.covered}/${w.coverage.states.total}, rules ${w.coverage.rules.covered}/${w.coverage.rules.total}`,
    ],
    coverage: w.coverage,
    traces,
    tables: [table],
    rules: rulesOf(ctx.target, w.coverage),
    overrides: overridesOf(ctx.target),
  };
}

/** The page of `mutants`: the seeded bugs found and missed, and the counterexample that found each. */
export function mutantsPage(
  reports: MutantReport[],
  command: string,
  profile?: Profile,
  found: ReadonlyMap<string, Counterexample> = new Map(),
): HtmlPage {
  const detected = reports.filter((r) => r.detected).length;
  const table: HtmlTable = {
    id: 'mutants',
    title: `Seeded bugs of the simulator (${detected}/${reports.length} detected)`,
    columns: ['mutant', 'profile', 'detected', 'runs', 'time ms', 'length / shortest', 'rule it breaks', 'rule cited'],
    rows: reports.map((r) => [
      r.id,
      r.profile,
      r.detected ? 'yes' : 'NO',
      String(r.runsToDetect ?? '-'),
      String(r.timeMs),
      `${r.counterexampleLength ?? '-'}/${r.minimalLength}`,
      r.rule,
      r.ruleCited ?? '-',
    ]),
    looks: reports.map((r) => (r.detected ? 'ok' : 'bad')),
  };
  return {
    title: 'tcpconform mutants',
    command,
    adapter: 'simulator',
    verdict: { ok: detected === reports.length, text: `${detected}/${reports.length} mutants detected` },
    traces: reports.flatMap((r) => {
      const cx = found.get(r.id);
      if (!cx) return [];
      const trace = counterexampleTrace(cx, `Mutant ${r.id}`);
      const right = r.ruleCited === r.rule;
      const text = `detected: ${cx.divergence.rule}${right ? '' : ` (the mutant breaks ${r.rule})`}`;
      return [{ ...trace, verdict: { ok: true, text } }];
    }),
    tables: [table],
    ...(profile ? { rules: rulesOf(profile) } : {}),
  };
}
