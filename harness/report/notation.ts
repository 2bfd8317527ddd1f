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

const row = (n: string, state: string, arrowIn: string, text: string, arrowOut: string) =>
  `${n.padStart(4)} ${state.padEnd(STATE_COL)} ${arrowIn} ${text.padEnd(SEG_COL)} ${arrowOut}`.trimEnd();

/** Lines for one step: the input, with the call's answer and any signal it raised, then each segment the IUT
 *  sent. */
function stepLines(
  n: { v: number },
  concrete: ConcreteInput,
  segments: Segment[],
  stateShown: string,
  extra: string,
): string[] {
  const lines: string[] = [];
  if (concrete.kind === 'segment')
    lines.push(row(`${n.v++}.`, stateShown, '<--', formatSegment(concrete.segment), '<--'));
  else lines.push(row(`${n.v++}.`, stateShown, '   ', callText(concrete), ''));
  for (const s of segments) lines.push(row(`${n.v++}.`, stateShown, '-->', formatSegment(s), '-->'));
  lines[0] += extra;
  return lines;
}

export function header(): string {
  return `${'IUT'.padStart(8)}${' '.repeat(STATE_COL + SEG_COL + 2)}tester`;
}

/** What drawing a step needs of it. */
export type DrawnStep = Pick<TraceEntry, 'concrete' | 'observed' | 'state'>;

export function traceLines(trace: readonly DrawnStep[]): string[] {
  const n = { v: 2 };
  const lines = [header(), row('1.', 'CLOSED', '   ', '', '')];
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
  const lines = [header(), row('1.', 'CLOSED', '   ', '', '')];
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

/** The whole counterexample as a teacher would draw it. `compared`: what the adapter reports, so that the
 *  expected outcomes show only what the harness compared. */
export function counterexampleLines(
  cx: Counterexample,
  trace: readonly DrawnStep[],
  divergedInput: ConcreteInput,
  replayCommand: string,
  compared: Compared = EVERYTHING_COMPARED,
): string[] {
  const lines = traceLines(trace);
  const n = { v: lines.length };
  const observed = cx.divergence.observed;
  lines.push(...stepLines(n, divergedInput, observed.segments.map(segmentFromJson), '???', ''));
  lines.push(...outcomeLines(cx.divergence.expected, observed, compared));
  lines.push(`     rule: ${cx.divergence.rule} (${cx.divergence.citation})`);
  if (cx.unrepeatable)
    lines.push(
      `     note: the same run did not diverge again in ${cx.unrepeatable.replays} repetitions: what the IUT does here`,
      '     depends on timing, so this is the run as first seen, not shrunk',
    );
  lines.push(`  replay: ${replayCommand}`);
  return lines;
}
