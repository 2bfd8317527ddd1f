// The "expected ... or ... / observed ..." lines under a counterexample figure. They show only what the
// conformance relation compares (harness/match.ts), so that a reader sees why no expected outcome matched:
// segments without their options (MSS and window scale are the IUT's own choice), signals only where the
// adapter reports them, the state only where the IUT reported one. Alternatives that differ only in how many
// times a segment was sent again (retransmissions within a timer's window) are drawn as one line.
import { Capabilities } from '../../adapters/types';
import { CallResult, Signal } from '../../models/observation';
import { Segment, formatSegment, segmentFromJson } from '../../models/segment';
import { State, stateName } from '../../models/state';
import { ObservationJson, OutcomeJson } from '../counterexample';

/** What the harness compares besides segments and call results. */
export type Compared = Pick<Capabilities, 'signals' | 'state'>;

export const EVERYTHING_COMPARED: Compared = { signals: true, state: true };

/** Lines are wrapped at segment boundaries to stay within this width. */
export const MAX_WIDTH = 120;

interface Run {
  segment: string;
  count: number;
}

/** An outcome as drawn: the state (if compared), runs of identical segments, the call's answer and signals. */
interface Drawn {
  state?: string;
  runs: Run[];
  tail: string;
}

export function answerText(result: CallResult | undefined, signals: readonly Signal[]): string {
  const parts: string[] = [];
  if (result)
    parts.push(
      result.ok
        ? result.data !== undefined
          ? `ok ${JSON.stringify(result.data)}`
          : 'ok'
        : `error: ${result.error}${result.errno ? ` (${result.errno})` : ''}`,
    );
  for (const s of signals) parts.push(`signal: ${s}`);
  return parts.length ? `  [${parts.join('; ')}]` : '';
}

/** A segment in figure notation with only the fields sameSegment compares: not the MSS and window-scale
 *  options, whose values are the IUT's own business. */
export function comparedText(s: Segment): string {
  const { mss: _mss, wscale: _wscale, ...rest } = s;
  return formatSegment(rest);
}

const comparedSegment = (s: OutcomeJson['segments'][number]) => comparedText(segmentFromJson(s));

function runsOf(segments: string[]): Run[] {
  const runs: Run[] = [];
  for (const s of segments) {
    const last = runs[runs.length - 1];
    if (last && last.segment === s) last.count++;
    else runs.push({ segment: s, count: 1 });
  }
  return runs;
}

function drawn(o: OutcomeJson | ObservationJson, stateShown: boolean, compared: Compared): Drawn {
  return {
    state: stateShown && o.state ? stateName(o.state as State) : undefined,
    runs: runsOf(o.segments.map(comparedSegment)),
    tail: answerText(o.result, compared.signals ? (o.signals ?? []) : []),
  };
}

/** "", " (3 times)", " (1..6 times)" or " (1, 2 or 4 times)". */
function timesText(counts: readonly number[]): string {
  const c = [...new Set(counts)].sort((a, b) => a - b);
  if (c.length === 1) return c[0] === 1 ? '' : ` (${c[0]} times)`;
  if (c[c.length - 1] - c[0] === c.length - 1) return ` (${c[0]}..${c[c.length - 1]} times)`;
  return ` (${c.slice(0, -1).join(', ')} or ${c[c.length - 1]} times)`;
}

/** The words of one drawn outcome, each run with the counts it takes across its alternatives. */
function words(d: Drawn, counts: readonly (readonly number[])[]): string[] {
  const head = d.state !== undefined ? `${d.state} ` : '';
  if (d.runs.length === 0) return [`${d.state !== undefined ? d.state + ', ' : ''}sending nothing${d.tail}`];
  const w = d.runs.map((r, i) => `${r.segment}${timesText(counts[i])}`);
  w[0] = `${head}sending ${w[0]}`;
  if (d.tail) w.push(d.tail.trimStart());
  return w;
}

/** Groups alternatives that differ only in the count of one run of identical segments. */
function collapse(all: Drawn[]): string[][] {
  const groups = new Map<string, Drawn[]>();
  for (const d of all) {
    const key = JSON.stringify([d.state, d.runs.map((r) => r.segment), d.tail]);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  const out: string[][] = [];
  for (const g of groups.values()) {
    const varying = g[0].runs.map((_, i) => new Set(g.map((d) => d.runs[i].count)).size > 1);
    if (varying.filter(Boolean).length <= 1)
      out.push(
        words(
          g[0],
          g[0].runs.map((_, i) => g.map((d) => d.runs[i].count)),
        ),
      );
    else
      for (const d of g)
        out.push(
          words(
            d,
            d.runs.map((r) => [r.count]),
          ),
        );
  }
  // Outcomes that differ only in what is not compared (a signal, the state) are drawn once.
  const texts = out.map((w) => w.join(' '));
  return out.filter((_, i) => texts.indexOf(texts[i]) === i);
}

/** Words packed into lines after a label, continued under the first segment; the answer in brackets keeps its
 *  two spaces. */
function wrapped(label: string, w: readonly string[]): string[] {
  const sending = w[0].indexOf('sending ');
  const indent = ' '.repeat(label.length + (sending >= 0 ? sending + 'sending '.length : 0));
  const lines = [label + w[0]];
  for (const word of w.slice(1)) {
    const last = lines[lines.length - 1];
    const gap = word.startsWith('[') ? '  ' : ' ';
    if (last.length + gap.length + word.length <= MAX_WIDTH) lines[lines.length - 1] = last + gap + word;
    else lines.push(indent + word);
  }
  return lines;
}

/** The expected alternatives, then what was observed, as the harness compared them. */
export function outcomeLines(
  expected: readonly OutcomeJson[],
  observed: ObservationJson,
  compared: Compared,
): string[] {
  const stateShown = compared.state && observed.state !== undefined;
  const lines: string[] = [];
  collapse(expected.map((e) => drawn(e, stateShown, compared))).forEach((w, i) =>
    lines.push(...wrapped(`     ${i === 0 ? 'expected' : '      or'} `, w)),
  );
  if (observed.crash) {
    const c = observed.crash;
    const what = c.hang ? 'the IUT stopped answering' : 'the IUT crashed';
    return [...lines, `     observed ${what}: ${c.how}`, ...c.stderr.map((l) => `       | ${l}`)];
  }
  const seen = drawn(observed, stateShown, compared);
  if (!stateShown) seen.state = '(state not observable)';
  lines.push(
    ...wrapped(
      '     observed ',
      words(
        seen,
        seen.runs.map((r) => [r.count]),
      ),
    ),
  );
  return lines;
}
