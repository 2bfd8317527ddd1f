// Counterexamples: what a divergence is written as, on disk and back. The file holds everything needed to
// replay it: the inputs (relative to the IUT's sequence space), the peer's ISS and the IUT's run seed.
import { ConcreteInput, Input, PeerSegment } from '../models/input';
import { CallResult, Observation, Signal } from '../models/observation';
import { Outcome } from '../models/outcome';
import { citation, ruleIn } from '../models/rules';
import { findProfile } from '../models/profiles';
import { SegmentJson, ctlFromString, ctlToString, segmentFromJson, segmentToJson } from '../models/segment';
import { State, STATES } from '../models/state';
import { Divergence, TraceEntry } from './lockstep';

export const COUNTEREXAMPLE_VERSION = 1;

export type InputJson =
  Exclude<Input, { kind: 'segment' }> | { kind: 'segment'; segment: Omit<PeerSegment, 'ctl'> & { ctl: string } };

export interface OutcomeJson {
  state: State;
  segments: SegmentJson[];
  result?: CallResult;
  signals: Signal[];
  rules: string[];
}

export interface ObservationJson {
  state?: State;
  segments: SegmentJson[];
  result?: CallResult;
  signals?: Signal[];
  crash?: Observation['crash'];
}

/** The rule at fault when the IUT died or fell silent on an input: no RFC rule, the IUT's own failure. */
export const CRASH_RULE = 'iut.crash';

export interface Counterexample {
  tcpconform: number;
  /** The adapter the check ran, by its name in adapters/registry.ts: replay runs this one and no other. */
  adapter: string;
  /** For the process adapter: the command that started the IUT, as given to --cmd. */
  cmd?: string;
  /** What the IUT called itself (a process IUT's hello), when that differs from the adapter: for people only. */
  iutName?: string;
  profile: string;
  mutant?: string;
  seed: number;
  /** fast-check's replay path for the run that failed first. */
  path?: string;
  peerIss: number;
  runSeed: number;
  inputs: InputJson[];
  divergence: {
    index: number;
    stateBefore: State;
    expected: OutcomeJson[];
    observed: ObservationJson;
    rule: string;
    citation: string;
  };
  /** The run as it happened, up to the step before the divergence: each input as sent, what the IUT did and
   *  the state the model was in after it. Reports are drawn from it, so what they show is what was seen. */
  trace?: TraceStepJson[];
  /** With the trace: the input that diverged, as it was sent. */
  sent?: ConcreteInputJson;
  /** Set when the run that diverged did not diverge again when repeated: the IUT's behaviour there depends
   *  on something the run does not fix (real time, say). The trace is that of the run that diverged. */
  unrepeatable?: { replays: number };
  file?: string;
}

export type ConcreteInputJson = Exclude<ConcreteInput, { kind: 'segment' }> | { kind: 'segment'; segment: SegmentJson };

export interface TraceStepJson {
  input: ConcreteInputJson;
  observed: ObservationJson;
  state: State;
}

export function concreteToJson(i: ConcreteInput): ConcreteInputJson {
  return i.kind === 'segment' ? { kind: 'segment', segment: segmentToJson(i.segment) } : i;
}

export function concreteFromJson(i: ConcreteInputJson): ConcreteInput {
  return i.kind === 'segment' ? { kind: 'segment', segment: segmentFromJson(i.segment) } : i;
}

export function traceToJson(trace: readonly TraceEntry[]): TraceStepJson[] {
  return trace.map((e) => ({
    input: concreteToJson(e.concrete),
    observed: observationToJson(e.observed),
    state: e.state,
  }));
}

export function inputToJson(i: Input): InputJson {
  if (i.kind !== 'segment') return i;
  return { kind: 'segment', segment: { ...i.segment, ctl: ctlToString(i.segment.ctl) } };
}

export function outcomeToJson(o: Outcome): OutcomeJson {
  const j: OutcomeJson = {
    state: o.tcb.state,
    segments: o.segments.map(segmentToJson),
    signals: o.signals,
    rules: o.rules,
  };
  if (o.result) j.result = o.result;
  return j;
}

export function observationToJson(o: Observation): ObservationJson {
  const j: ObservationJson = { segments: o.segments.map(segmentToJson) };
  if (o.state) j.state = o.state;
  if (o.result) j.result = o.result;
  if (o.signals) j.signals = o.signals;
  if (o.crash) j.crash = o.crash;
  return j;
}

/** What judging a divergence needs of it: the input, the state before, what was allowed and what was seen. */
export type Judged = Pick<Divergence, 'concrete' | 'stateBefore' | 'expected' | 'observed'>;

/** The rule at fault: among the expected outcomes, the one closest to what was observed, and in it the last
 *  rule that fired (the one that decided the state and the reply). */
export function ruleAtFault(d: Judged): string {
  if (d.observed.crash) return CRASH_RULE;
  let best = d.expected[0];
  let bestScore = -1;
  for (const o of d.expected) {
    let score = o.rules.length > 0 ? 0.5 : 0;
    if (d.observed.state === undefined || d.observed.state === o.tcb.state) score += 1;
    if (o.segments.length === d.observed.segments.length) score += 1;
    if (score > bestScore) {
      best = o;
      bestScore = score;
    }
  }
  const last = best?.rules[best.rules.length - 1];
  if (last) return last;
  // "Nothing happens yet" fires no rule: the fault is a timer that ran early, or at the wrong time.
  if (d.concrete.kind === 'wait')
    return d.stateBefore === 'TimeWait'
      ? 'timeout.timeWait'
      : d.observed.segments.length
        ? 'timeout.retransmission'
        : 'timeout.user';
  for (const o of d.expected) if (o.rules.length) return o.rules[o.rules.length - 1];
  return 'unknown';
}

/** A divergence as a counterexample records it (all but its index): the outcomes allowed, the observation and
 *  the rule at fault with its citation. Every report draws a divergence from this. */
export function judgement(profile: string, d: Judged): Omit<Counterexample['divergence'], 'index'> {
  const rule = ruleAtFault(d);
  const r = ruleIn(findProfile(profile), rule);
  return {
    stateBefore: d.stateBefore,
    expected: d.expected.map(outcomeToJson),
    observed: observationToJson(d.observed),
    rule,
    citation: r ? citation(r) : '',
  };
}

export function makeCounterexample(
  base: Omit<Counterexample, 'tcpconform' | 'inputs' | 'divergence' | 'trace' | 'sent'>,
  inputs: Input[],
  d: Divergence,
  trace?: readonly TraceEntry[],
): Counterexample {
  return {
    tcpconform: COUNTEREXAMPLE_VERSION,
    ...base,
    inputs: inputs.map(inputToJson),
    divergence: { index: d.index, ...judgement(base.profile, d) },
    ...(trace ? { trace: traceToJson(trace), sent: concreteToJson(d.concrete) } : {}),
  };
}

/** The counterexample as the CLI records it: under the adapter it ran (`adapterName`) and, for a process IUT,
 *  its command. The check itself only knows the IUT's own name, which for `serve` is "simulator": replaying
 *  that would run the bug-free simulator and pass. */
export function recordAdapter(cx: Counterexample, adapterName: string, cmd?: string): Counterexample {
  const { tcpconform, adapter: iutName, cmd: _, iutName: __, ...rest } = cx;
  return {
    tcpconform,
    adapter: adapterName,
    ...(cmd !== undefined ? { cmd } : {}),
    ...(iutName !== adapterName ? { iutName } : {}),
    ...rest,
  };
}

/** Raised for a counterexample file that cannot be used; the CLI turns it into exit code 2. */
export class BadCounterexample extends Error {}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);

function parseInput(x: unknown, where: string): Input {
  const o = x as Record<string, unknown>;
  if (!o || typeof o !== 'object') throw new BadCounterexample(`${where}: expected an object`);
  switch (o.kind) {
    case 'wait':
      if (!isInt(o.ms) || (o.ms as number) < 0)
        throw new BadCounterexample(`${where}: wait needs a non-negative integer "ms"`);
      return { kind: 'wait', ms: o.ms as number };
    case 'call': {
      const c = o.call;
      if (c === 'open' && (o.mode === 'passive' || o.mode === 'active'))
        return { kind: 'call', call: 'open', mode: o.mode };
      if (c === 'send' && typeof o.data === 'string') return { kind: 'call', call: 'send', data: o.data };
      if (c === 'receive') return { kind: 'call', call: 'receive' };
      if (c === 'close')
        return o.mode === 'halfDuplex'
          ? { kind: 'call', call: 'close', mode: 'halfDuplex' }
          : { kind: 'call', call: 'close' };
      if (c === 'abort') return { kind: 'call', call: 'abort' };
      throw new BadCounterexample(`${where}: unknown user call ${JSON.stringify(c)}`);
    }
    case 'segment': {
      const s = o.segment as Record<string, unknown>;
      if (!s || typeof s !== 'object' || typeof s.ctl !== 'string')
        throw new BadCounterexample(`${where}: segment needs "ctl" as a string like "SYN,ACK"`);
      let ctl: number;
      try {
        ctl = ctlFromString(s.ctl);
      } catch (e) {
        throw new BadCounterexample(`${where}: ${(e as Error).message}`);
      }
      const seq = s.seq as { from?: unknown; delta?: unknown };
      if (!seq || !['rcvNxt', 'peerIss', 'rcvWndEdge'].includes(seq.from as string) || !isInt(seq.delta))
        throw new BadCounterexample(
          `${where}: segment "seq" must be {from: rcvNxt|peerIss|rcvWndEdge, delta: integer}`,
        );
      const seg: PeerSegment = {
        ctl,
        seq: { from: seq.from as PeerSegment['seq']['from'], delta: seq.delta as number },
      };
      if (s.ack !== undefined) {
        const a = s.ack as { from?: unknown; delta?: unknown };
        if (!a || !['sndNxt', 'sndUna', 'iss'].includes(a.from as string) || !isInt(a.delta))
          throw new BadCounterexample(`${where}: segment "ack" must be {from: sndNxt|sndUna|iss, delta: integer}`);
        seg.ack = { from: a.from as 'sndNxt', delta: a.delta as number };
      }
      if (s.data !== undefined) {
        if (typeof s.data !== 'string') throw new BadCounterexample(`${where}: segment "data" must be a string`);
        seg.data = s.data;
      }
      if (s.wnd !== undefined) {
        if (!isInt(s.wnd) || (s.wnd as number) < 0 || (s.wnd as number) > 65535)
          throw new BadCounterexample(`${where}: "wnd" must be 0..65535`);
        seg.wnd = s.wnd as number;
      }
      if (s.mss !== undefined) {
        if (!isInt(s.mss) || (s.mss as number) < 1 || (s.mss as number) > 65535)
          throw new BadCounterexample(`${where}: "mss" must be 1..65535`);
        seg.mss = s.mss as number;
      }
      return { kind: 'segment', segment: seg };
    }
    default:
      throw new BadCounterexample(
        `${where}: unknown input kind ${JSON.stringify(o.kind)} (expected call, segment or wait)`,
      );
  }
}

/** Validate a parsed counterexample file; throws BadCounterexample with one line saying what is wrong. */
export function parseCounterexample(raw: unknown): { cx: Counterexample; inputs: Input[] } {
  const o = raw as Record<string, unknown>;
  if (!o || typeof o !== 'object' || Array.isArray(o))
    throw new BadCounterexample('not a counterexample: expected a JSON object');
  if (o.tcpconform !== COUNTEREXAMPLE_VERSION)
    throw new BadCounterexample(
      `not a tcpconform counterexample (version ${COUNTEREXAMPLE_VERSION} expected in "tcpconform")`,
    );
  if (typeof o.adapter !== 'string' || typeof o.profile !== 'string')
    throw new BadCounterexample('"adapter" and "profile" must be strings');
  if (o.cmd !== undefined && (typeof o.cmd !== 'string' || o.cmd.trim() === ''))
    throw new BadCounterexample('"cmd" must be a non-empty string');
  if (!isInt(o.peerIss) || !isInt(o.runSeed)) throw new BadCounterexample('"peerIss" and "runSeed" must be integers');
  if (!Array.isArray(o.inputs) || o.inputs.length === 0)
    throw new BadCounterexample('"inputs" must be a non-empty array');
  const inputs = o.inputs.map((x, i) => parseInput(x, `inputs[${i}]`));
  const d = o.divergence as Record<string, unknown> | undefined;
  if (d && (typeof d !== 'object' || (d.stateBefore !== undefined && !STATES.includes(d.stateBefore as State))))
    throw new BadCounterexample('"divergence" is malformed');
  return { cx: o as unknown as Counterexample, inputs };
}
