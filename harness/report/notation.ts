// Traces in the notation of RFC 793's figures (§3.4, §3.5; RFC 9293 §3.5, §3.6):
//      IUT                                            tester
//   1. LISTEN
//   2. SYN-RECEIVED  <-- <SEQ=100><CTL=SYN>            <--
import { ConcreteInput } from '../../models/input';
import { Observation } from '../../models/observation';
import { Segment, formatSegment, segmentFromJson } from '../../models/segment';
import { stateName } from '../../models/state';
import { Counterexample, TraceStepJson, concreteFromJson } from '../counterexample';
import { TraceEntry } from '../lockstep';
import { Compared, EVERYTHING_COMPARED, answerText, outcomeLines } from './outcome-lines';

const STATE_COL = 14;
const SEG_COL = 52;

function callText(i: ConcreteInput): string {
  switch (i.kind) {
    case 'call':
      switch (i.call) {
        case 'open':
          return `(OPEN ${i.mode})`;
        case 'send':
          return `(SEND ${JSON.stringify(i.data)})`;
        case 'receive':
          return '(RECEIVE)';
        case 'close':
          return i.mode === 'halfDuplex' ? '(CLOSE, half-duplex)' : '(CLOSE)';
        case 'abort':
          return '(ABORT)';
      }
      break;
    case 'wait':
      return `(${i.ms} ms pass)`;
    case 'segment':
      return '';
  }
  return '';
}

function resultText(o: Pick<Observation, 'result' | 'signals'>): string {
  return answerText(o.result, o.signals ?? []);
}

/** The figure's two ends: the IUT on the left and the tester on the right, or the two ends of a pair. */
type Column = 'left' | 'right';

/** One input to one end, drawn as one line and a line per segment that end sent. */
interface Event {
  at: Column;
  concrete: ConcreteInput;
  segments: readonly Segment[];
  /** The end's state after the input, as shown. */
  state: string;
  /** The call's answer and the signals it raised. */
  answer: string;
  /** Which of the segments sent the network lost (drawn XXX, as RFC 793 §3.4 does). */
  lost?: readonly boolean[];
}

const row = (n: string, left: string, arrowIn: string, text: string, arrowOut: string, right = '') =>
  `${n.padStart(4)} ${left.padEnd(STATE_COL)} ${arrowIn} ${text.padEnd(SEG_COL)} ${arrowOut} ${right}`.trimEnd();

/** The lines of one event. With a `network` between the ends a segment is in flight ("...") until it is
 *  delivered, in a line of its own; the tester of a single endpoint sends and receives at once. */
function eventLines(n: { v: number }, e: Event, network: boolean): string[] {
  const lines: string[] = [];
  const left = e.at === 'left';
  const put = (arrowIn: string, text: string, arrowOut: string) => {
    const num = `${n.v++}.`;
    lines.push(left ? row(num, e.state, arrowIn, text, arrowOut) : row(num, '', arrowIn, text, arrowOut, e.state));
  };
  const inFlight = (arrow: string) => (network ? '...' : arrow);
  const c = e.concrete;
  if (c.kind === 'segment') {
    if (left) put('<--', formatSegment(c.segment), inFlight('<--'));
    else put(inFlight('-->'), formatSegment(c.segment), '-->');
  } else if (left) put('   ', callText(c), '');
  else put('   ', `${callText(c)}${e.answer}`.padStart(SEG_COL), '   ');
  e.segments.forEach((s, i) => {
    const far = e.lost?.[i] ? 'XXX' : inFlight(left ? '-->' : '<--');
    if (left) put('-->', formatSegment(s), far);
    else put(far, formatSegment(s), '<--');
  });
  // On the left the answer follows the call's row, however long; on the right it stands in the text column.
  if (left) lines[0] += e.answer;
  return lines;
}

/** Lines for one step of a single endpoint: the input, with the call's answer and any signal it raised, then
 *  each segment the IUT sent. */
function stepLines(
  n: { v: number },
  concrete: ConcreteInput,
  segments: Segment[],
  stateShown: string,
  extra: string,
): string[] {
  return eventLines(n, { at: 'left', concrete, segments, state: stateShown, answer: extra }, false);
}

export function header(): string {
  return `${'IUT'.padStart(8)}${' '.repeat(STATE_COL + SEG_COL + 2)}tester`;
}

/** What drawing a step needs of it. */
export type DrawnStep = Pick<TraceEntry, 'concrete' | 'observed' | 'state'>;

/** Every figure of one endpoint opens with the header and line 1, CLOSED. */
const opening = () => [header(), row('1.', 'CLOSED', '   ', '', '')];

export function traceLines(trace: readonly DrawnStep[]): string[] {
  const n = { v: 2 };
  const lines = opening();
  for (const e of trace)
    lines.push(...stepLines(n, e.concrete, e.observed.segments, stateName(e.state), resultText(e.observed)));
  return lines;
}

/** The run that led to an adapter failure, ending with the input the adapter failed on. */
export function failedRunLines(
  soFar: { concrete: ConcreteInput; observed: Observation }[],
  failed: ConcreteInput,
): string[] {
  const n = { v: 2 };
  const lines = opening();
  for (const e of soFar)
    lines.push(
      ...stepLines(
        n,
        e.concrete,
        e.observed.segments,
        e.observed.state ? stateName(e.observed.state) : '?',
        resultText(e.observed),
      ),
    );
  lines.push(...stepLines(n, failed, [], '???', '  [no answer]'));
  return lines;
}

/** A recorded trace (a counterexample file's), drawn like a live one. */
export function recordedTrace(steps: readonly TraceStepJson[]): DrawnStep[] {
  return steps.map((s) => {
    const concrete = concreteFromJson(s.input);
    const observed: Observation = { segments: s.observed.segments.map(segmentFromJson) };
    if (s.observed.state) observed.state = s.observed.state;
    if (s.observed.result) observed.result = s.observed.result;
    if (s.observed.signals) observed.signals = s.observed.signals;
    return { concrete, observed, state: s.state };
  });
}

/** The number the figure gives the input that diverged: lines count events (inputs and segments sent), so
 *  this is not the input's index. */
export function divergedLine(trace: readonly DrawnStep[]): number {
  return traceLines(trace).length;
}

/** What the figure says of a divergence: the outcomes allowed, what was observed, the rule at fault. */
export type DrawnDivergence = Pick<Counterexample['divergence'], 'expected' | 'observed' | 'rule' | 'citation'>;

/** The lines under the row that diverged: every allowed outcome, the observed one, then the rule at fault. */
export function verdictLines(d: DrawnDivergence, compared: Compared): string[] {
  return [
    ...outcomeLines(d.expected, d.observed, compared),
    `     rule: ${d.rule}${d.citation ? ` (${d.citation})` : ''}`,
  ];
}

/** The run up to a divergence, the row of the input that diverged (state "???") and the verdict: the figure
 *  every report of a single-endpoint divergence draws (the CLI's counterexample, a failing spec). */
export function divergenceLines(
  trace: readonly DrawnStep[],
  divergedInput: ConcreteInput,
  d: DrawnDivergence,
  compared: Compared = EVERYTHING_COMPARED,
): string[] {
  const lines = traceLines(trace);
  const n = { v: lines.length };
  lines.push(...stepLines(n, divergedInput, d.observed.segments.map(segmentFromJson), '???', ''));
  lines.push(...verdictLines(d, compared));
  return lines;
}

/** The whole counterexample as a teacher would draw it. `compared`: what the adapter reports, so that the
 *  expected outcomes show only what the harness compared. */
export function counterexampleLines(
  cx: Counterexample,
  trace: readonly DrawnStep[],
  divergedInput: ConcreteInput,
  replayCommand: string,
  compared: Compared = EVERYTHING_COMPARED,
): string[] {
  const lines = divergenceLines(trace, divergedInput, cx.divergence, compared);
  if (cx.unrepeatable)
    lines.push(
      `     note: the same run did not diverge again in ${cx.unrepeatable.replays} repetitions: what the IUT does here`,
      '     depends on timing, so this is the run as first seen, not shrunk',
    );
  lines.push(`  replay: ${replayCommand}`);
  return lines;
}

// ---- the pair topology: two ends, each in its column, with the network between them ----------------------

/** One input to one end of a pair, as drawn; `lost`: which of the segments it sent the network dropped. */
export interface PairDrawnStep extends DrawnStep {
  at: 'A' | 'B';
  lost?: readonly boolean[];
}

/** Where the right-hand end's state stands: after the text column and its arrow. */
const RIGHT_COL = 4 + 1 + STATE_COL + 1 + 3 + 1 + SEG_COL + 1 + 3 + 1;

function pairEvent(e: Omit<PairDrawnStep, 'state'>, state: string): Event {
  const at = e.at === 'A' ? 'left' : 'right';
  return {
    at,
    concrete: e.concrete,
    segments: e.observed.segments,
    state,
    answer: resultText(e.observed),
    lost: e.lost,
  };
}

/** A pair run in the two-column notation of RFC 793's figures (§3.4 Figure 8): TCP A on the left, TCP B on
 *  the right, "..." for a segment still in the network and XXX for one it lost. */
export function pairTraceLines(steps: readonly PairDrawnStep[]): string[] {
  const n = { v: 2 };
  const lines = [`     TCP A`.padEnd(RIGHT_COL) + 'TCP B', row('1.', 'CLOSED', '   ', '', '   ', 'CLOSED')];
  for (const e of steps) lines.push(...eventLines(n, pairEvent(e, stateName(e.state)), true));
  return lines;
}

/** A pair run up to the input on which one end left its model, that input's row and the verdict. */
export function pairDivergenceLines(
  steps: readonly PairDrawnStep[],
  diverged: Omit<PairDrawnStep, 'state'>,
  d: DrawnDivergence,
  compared: Compared,
): string[] {
  const lines = pairTraceLines(steps);
  const n = { v: lines.length };
  lines.push(...eventLines(n, pairEvent(diverged, '???'), true), ...verdictLines(d, compared));
  return lines;
}
