// The HTML report's page: one self-contained file (inline CSS, script and SVG; nothing fetched) made from a
// plain data object, so that every command that reports (check, diff, mutants, run) fills the same shape.
// Everything shown is escaped; the page's Content-Security-Policy lets only its own script run, so text from
// an IUT can neither become markup nor execute.
import { createHash } from 'crypto';
import type { CoverageReport } from '../../coverage';
import type { ConcreteInputJson, ObservationJson, OutcomeJson, TraceStepJson } from '../../counterexample';
import { concreteFromJson } from '../../counterexample';
import { STATES, State, stateName } from '../../../models/state';
import { divergenceLines, recordedTrace, traceLines, verdictLines } from '../notation';
import { Compared, EVERYTHING_COMPARED } from '../outcome-lines';
import { CLIENT_SCRIPT } from './client';
import { arrowDefs, inFigure, stateDiagram } from './diagram';
import { esc, token } from './escape';
import { STYLE } from './style';

/** A verdict as shown: good (green) or not, and what it says. */
export interface HtmlVerdict {
  ok: boolean;
  text: string;
}

/** Where a trace left the model: the input that did, what the model allowed, what was seen, the rule at fault. */
export interface HtmlDivergence {
  stateBefore: State;
  /** The input that diverged, as sent (Counterexample.sent); without it only the verdict lines are drawn. */
  input?: ConcreteInputJson;
  expected: OutcomeJson[];
  observed: ObservationJson;
  rule: string;
  citation: string;
}

/** One run drawn on the diagram with its steps beside it: a counterexample, or a scenario of `run`. */
export interface HtmlTrace {
  title: string;
  verdict: HtmlVerdict;
  /** Each input as sent, what the IUT did and the model's state after it. */
  steps: TraceStepJson[];
  divergence?: HtmlDivergence;
  /** What the adapter reports (its capabilities): expected outcomes then show only what was compared. */
  compared?: Compared;
  /** Lines under the trace: the replay command, the files written. */
  notes?: string[];
}

export interface HtmlRule {
  id: string;
  event: string;
  /** The states it applies in, as the RFC writes them. */
  states: string[];
  summary: string;
  citation: string;
  /** 'covered', 'missing', 'not shown' (optional behaviour) or 'unreachable: why'; absent without coverage. */
  coverage?: string;
  /** Which rule of a pair applies under the profile. */
  notes: string[];
  /** Where other profiles replace it: "linux by rule (citation)". */
  replacedIn?: string[];
  /** The specs that test it: "spec/file.ts: spec". */
  testedBy?: string[];
}

export interface HtmlOverride {
  what: string;
  because: string;
  cite: string;
  kind?: 'choice' | 'bug';
}

/** A table of plain text cells (diff's departures, the mutants found and missed). */
export interface HtmlTable {
  id: string;
  title: string;
  columns: string[];
  rows: string[][];
  /** A row's look: 'ok' or 'bad' per row, when the table judges (a mutant missed is bad). */
  looks?: ('ok' | 'bad' | '')[];
  caption?: string;
}

export interface HtmlPage {
  title: string;
  /** The command that reproduces what the page shows. */
  command: string;
  adapter?: string;
  profile?: string;
  verdict: HtmlVerdict;
  /** Free lines under the verdict (the summary the command printed). */
  summary?: string[];
  coverage?: CoverageReport;
  traces: HtmlTrace[];
  /** Tables before the rules: diff's departures, the mutants. */
  tables?: HtmlTable[];
  rules?: { profile: string; list: HtmlRule[] };
  overrides?: { profile: string; base?: string; list: HtmlOverride[] };
}

const isState = (s: unknown): s is State => typeof s === 'string' && (STATES as readonly string[]).includes(s);

/** A state from data as the page shows it: known ones by the RFC's name, anything else escaped as given. */
const shownState = (s: unknown) => (isState(s) ? stateName(s) : String(s ?? '?'));

/** A data attribute that names a state: only the eleven states get through. */
const stateAttr = (name: string, s: unknown) => (isState(s) ? ` data-${name}="${s}"` : '');

interface Step {
  state?: State;
  from?: State;
  lines: string[];
  label: string;
  expected?: State[];
  observed?: State;
  divergent?: boolean;
}

/** The figure's lines step by step: line 1 (CLOSED) is step 0, each input the lines it drew, then the input
 *  that diverged with the verdict. Drawn by the RFC-notation renderer, so the page and the terminal agree. */
function stepsOf(t: HtmlTrace): Step[] {
  const drawn = recordedTrace(t.steps);
  const all = traceLines(drawn);
  const out: Step[] = [{ state: 'Closed', lines: all.slice(0, 2), label: 'CLOSED (start)' }];
  let from = 2;
  for (let k = 0; k < drawn.length; k++) {
    const to = traceLines(drawn.slice(0, k + 1)).length;
    const state = t.steps[k].state;
    out.push({
      state: isState(state) ? state : undefined,
      from: out[out.length - 1].state,
      lines: all.slice(from, to),
      label: `input ${k + 1}, ${shownState(state)}`,
    });
    from = to;
  }
  const d = t.divergence;
  if (d) {
    const compared = t.compared ?? EVERYTHING_COMPARED;
    const lines = d.input
      ? divergenceLines(drawn, concreteFromJson(d.input), d, compared).slice(all.length)
      : verdictLines(d, compared);
    out.push({
      state: isState(d.stateBefore) ? d.stateBefore : undefined,
      lines,
      label: `input ${drawn.length + 1} diverged in ${shownState(d.stateBefore)}`,
      expected: d.expected.map((o) => o.state).filter(isState),
      observed: isState(d.observed.state) ? d.observed.state : undefined,
      divergent: true,
    });
  }
  return out;
}

/** A trace whose steps the notation cannot draw (malformed data from a `run` scenario): its raw JSON. */
function safeSteps(t: HtmlTrace): Step[] {
  try {
    return stepsOf(t);
  } catch (e) {
    return [
      { state: 'Closed', lines: ['1. CLOSED'], label: 'CLOSED (start)' },
      ...t.steps.map((s, k) => ({
        state: isState(s.state) ? s.state : undefined,
        lines: [JSON.stringify(s)],
        label: `input ${k + 1}`,
      })),
      { lines: [`(cannot be drawn: ${(e as Error).message})`], label: 'not drawn' },
    ];
  }
}

const verdictBadge = (v: HtmlVerdict) => `<span class="verdict ${v.ok ? 'ok' : 'bad'}">${esc(v.text)}</span>`;

function divergenceBox(d: HtmlDivergence): string {
  const expected = [...new Set(d.expected.map((o) => shownState(o.state)))].join(' or ');
  return (
    '<dl class="divergence">' +
    `<dt>in</dt><dd>${esc(shownState(d.stateBefore))}</dd>` +
    `<dt>expected</dt><dd class="expected">${esc(expected || '(no outcome allowed)')}</dd>` +
    `<dt>observed</dt><dd class="observed">${esc(d.observed.state === undefined ? '(state not reported)' : shownState(d.observed.state))}</dd>` +
    `<dt>rule</dt><dd><code>${esc(d.rule)}</code></dd>` +
    `<dt>citation</dt><dd>${esc(d.citation || '(none)')}</dd></dl>`
  );
}

function traceSection(t: HtmlTrace, i: number): string {
  const steps = safeSteps(t);
  const extra: [State, State][] = [];
  for (const s of steps) {
    if (s.from && s.state && s.from !== s.state && !inFigure(s.from, s.state)) extra.push([s.from, s.state]);
    for (const x of [...(s.expected ?? []), ...(s.observed ? [s.observed] : [])])
      if (s.state && x !== s.state) extra.push([s.state, x]);
  }
  const items = steps.map(
    (s, k) =>
      `<li class="step${s.divergent ? ' divergent' : ''}" tabindex="0" data-step="${k}"` +
      `${stateAttr('state', s.state)}${stateAttr('from', s.from)}` +
      `${s.expected?.length ? ` data-expected="${s.expected.join(' ')}"` : ''}${stateAttr('observed', s.observed)}` +
      ` data-label="${esc(s.label)}"><pre>${esc(s.lines.join('\n'))}</pre></li>`,
  );
  return [
    `<section class="trace" id="trace-${i + 1}" tabindex="-1">`,
    `<h3>${esc(t.title)} ${verdictBadge(t.verdict)}</h3>`,
    '<div class="trace-grid"><div class="trace-diagram">',
    stateDiagram({ extra, caption: `state diagram with the path of ${t.title}` }),
    '<div class="controls">' +
      '<button type="button" data-go="first" title="first step">|&lt;</button>' +
      '<button type="button" data-go="prev" title="previous step (←)">&lt; prev</button>' +
      '<button type="button" data-go="next" title="next step (→)">next &gt;</button>' +
      '<button type="button" data-go="last" title="last step">&gt;|</button>' +
      '<span class="position" aria-live="polite"></span></div>',
    t.divergence ? divergenceBox(t.divergence) : '',
    '</div><div class="trace-steps">',
    `<ol class="steps">${items.join('')}</ol>`,
    ...(t.notes?.length ? [`<pre class="notes">${esc(t.notes.join('\n'))}</pre>`] : []),
    '</div></div></section>',
  ].join('\n');
}

const pct = (a: number, b: number) => (b ? `${Math.round((100 * a) / b)}%` : '-');

function coverageSection(c: CoverageReport): string {
  const inFig = c.transitions.list.filter((k) => {
    const [a, b] = k.split('->');
    return isState(a) && isState(b) && inFigure(a, b);
  });
  const list = (xs: readonly string[]) => (xs.length ? esc(xs.join(', ')) : '<em>none</em>');
  return [
    '<section id="coverage"><h2>Coverage</h2><div class="coverage-grid"><div>',
    stateDiagram({
      coverage: { missingStates: c.states.missing, transitions: c.transitions.list },
      caption: 'state diagram shaded by coverage',
    }),
    '<p class="legend"><span class="key covered"></span> reached <span class="key missing"></span> not reached ' +
      '<span class="key extra"></span> a transition Figure 5 does not draw (RST, ABORT, timeouts)</p>',
    '</div><div><table class="figures"><tbody>',
    `<tr><th>states</th><td>${c.states.covered}/${c.states.total}</td><td>${pct(c.states.covered, c.states.total)}</td></tr>`,
    `<tr><th>rules</th><td>${c.rules.covered}/${c.rules.total}</td><td>${pct(c.rules.covered, c.rules.total)}</td></tr>`,
    `<tr><th>transitions</th><td>${c.transitions.covered}</td><td>${inFig.length} of Figure 5's</td></tr>`,
    '</tbody></table>',
    `<p>states not reached: ${list(c.states.missing.map(shownState))}</p>`,
    `<p>required rules not covered: ${list(c.rules.missing)}</p>`,
    `<p>optional behaviour not shown: ${list(c.rules.notShown)}</p>`,
    c.rules.unreachable.length
      ? '<p>unreachable here:</p><ul>' +
        c.rules.unreachable.map((u) => `<li><code>${esc(u.id)}</code> — ${esc(u.reason)}</li>`).join('') +
        '</ul>'
      : '',
    `<details><summary>transitions taken (${c.transitions.covered})</summary><p>${list(
      c.transitions.list.map((k) => k.split('->').map(shownState).join(' → ')),
    )}</p></details>`,
    '</div></div></section>',
  ].join('\n');
}

function table(t: HtmlTable): string {
  const head = t.columns.map((c) => `<th>${esc(c)}</th>`).join('');
  const rows = t.rows.map(
    (r, i) => `<tr class="${t.looks?.[i] ?? ''}">${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`,
  );
  return (
    `<section id="${esc(token(t.id))}"><h2>${esc(t.title)}</h2>` +
    (t.caption ? `<p>${esc(t.caption)}</p>` : '') +
    `<table class="data"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

/** A list folded under its count, for the long ones (a rule tested by ten specs). */
const folded = (what: string, items: readonly string[] | undefined) =>
  items?.length
    ? `<details><summary>${esc(what)}</summary><ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul></details>`
    : '';

function rulesSection(r: NonNullable<HtmlPage['rules']>): string {
  const rows = r.list.map(
    (x) =>
      `<tr class="${esc(token(x.coverage?.split(':')[0] ?? ''))}"><td><code>${esc(x.id)}</code></td>` +
      `<td>${esc(x.event)}</td><td>${esc(x.states.join(', '))}</td><td>${esc(x.summary)}</td>` +
      `<td>${esc(x.citation)}</td><td>${esc(x.coverage ?? '')}</td>` +
      `<td>${x.notes.map((n) => `<div>${esc(n)}</div>`).join('')}` +
      folded(`replaced in ${x.replacedIn?.length ?? 0} profile(s)`, x.replacedIn) +
      (x.testedBy?.length
        ? folded(`tested by ${x.testedBy.length} spec(s)`, x.testedBy)
        : '<div>tested by no spec</div>') +
      '</td></tr>',
  );
  return (
    `<section id="rules"><h2>Rules of ${esc(r.profile)} (${r.list.length})</h2>` +
    '<p><label>filter <input id="rule-filter" type="search" placeholder="rule, state, RFC section"></label></p>' +
    '<table class="data"><thead><tr><th>rule</th><th>event</th><th>in</th><th>what</th><th>citation</th>' +
    `<th>coverage</th><th>notes</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`
  );
}

function overridesSection(o: NonNullable<HtmlPage['overrides']>): string {
  const items = o.list.map(
    (x) =>
      `<li>${x.kind === 'bug' ? '<strong>[bug, tolerated]</strong> ' : ''}${esc(x.what)} — ${esc(x.because)} ` +
      `<span class="cite">(${esc(x.cite)})</span></li>`,
  );
  return (
    `<section id="overrides"><h2>Overrides in ${esc(o.profile)}${o.base ? ` (over ${esc(o.base)})` : ''}</h2>` +
    (items.length ? `<ul>${items.join('')}</ul>` : '<p>none: the profile is the base model</p>') +
    '</section>'
  );
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');

/** The whole page, as one string. Pure: the same data gives the same page, byte for byte. */
export function htmlReport(page: HtmlPage): string {
  const csp =
    `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(CLIENT_SCRIPT)}'; ` +
    "img-src data:; base-uri 'none'; form-action 'none'";
  const facts: [string, string | undefined][] = [
    ['command', page.command],
    ['adapter', page.adapter],
    ['profile', page.profile],
  ];
  const nav: [string, string][] = [
    ...(page.coverage ? ([['coverage', 'coverage']] as [string, string][]) : []),
    ...page.traces.map((t, i): [string, string] => [`trace-${i + 1}`, t.title]),
    ...(page.tables ?? []).map((t): [string, string] => [token(t.id), t.title]),
    ...(page.rules ? ([['rules', 'rules']] as [string, string][]) : []),
    ...(page.overrides ? ([['overrides', 'overrides']] as [string, string][]) : []),
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(page.title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    arrowDefs(),
    `<header><h1>${esc(page.title)}</h1><p>${verdictBadge(page.verdict)}</p><dl class="facts">`,
    ...facts.filter(([, v]) => v !== undefined).map(([k, v]) => `<dt>${k}</dt><dd><code>${esc(v)}</code></dd>`),
    '</dl>',
    ...(page.summary?.length ? [`<pre class="summary">${esc(page.summary.join('\n'))}</pre>`] : []),
    `<nav>${nav.map(([id, text]) => `<a href="#${esc(token(id))}">${esc(text)}</a>`).join(' · ')}</nav></header>`,
    '<main>',
    ...(page.coverage ? [coverageSection(page.coverage)] : []),
    ...(page.traces.length
      ? [
          `<section id="traces"><h2>Traces (${page.traces.length})</h2>`,
          '<p>Click a step, or use the buttons or arrow keys, to follow the run on the diagram.</p>',
          ...page.traces.map(traceSection),
          '</section>',
        ]
      : []),
    ...(page.tables ?? []).map(table),
    ...(page.rules ? [rulesSection(page.rules)] : []),
    ...(page.overrides ? [overridesSection(page.overrides)] : []),
    '</main>',
    '<footer>Written by tcpconform. The diagram follows RFC 9293 §3.3.2, Figure 5.</footer>',
    `<script>${CLIENT_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
