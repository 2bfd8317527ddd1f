// A tiny driver for scripted scenarios: each input goes to the adapter and, in lockstep, to the model
// (harness runOnce), so every step is checked against the RFC; the spec then asserts concrete facts about the
// observations (the SYN,ACK acknowledges ISN+1, the state after a step, ...).
// Peer segments are symbolic (relative to the IUT's sequence space), so a script works whatever ISN the IUT picks.
import { Adapter } from '../../adapters/types';
import { fixedSource, runOnce } from '../../harness/check';
import { judgement } from '../../harness/counterexample';
import { Divergence, InputSource, TraceEntry } from '../../harness/lockstep';
import { Input, PeerSegment, callName } from '../../models/input';
import { Profile } from '../../models/profile';
import { ACK, FIN, RST, SYN, Segment } from '../../models/segment';
import { seqAdd, seqDiff } from '../../models/seq';
import { State } from '../../models/state';
import { CallResult } from '../../models/observation';
import { Tcb } from '../../models/tcb';
import { divergedLine, divergenceLines } from '../../harness/report/notation';
import { Compared, comparedText } from '../../harness/report/outcome-lines';

// ---- building inputs -------------------------------------------------------------------------------------

export const open = (mode: 'passive' | 'active'): Input => ({ kind: 'call', call: 'open', mode });
export const send = (data: string): Input => ({ kind: 'call', call: 'send', data });
export const receive = (): Input => ({ kind: 'call', call: 'receive' });
export const close = (): Input => ({ kind: 'call', call: 'close' });
export const closeHalfDuplex = (): Input => ({ kind: 'call', call: 'close', mode: 'halfDuplex' });
export const abort = (): Input => ({ kind: 'call', call: 'abort' });
export const wait = (ms: number): Input => ({ kind: 'wait', ms });

type Seq = PeerSegment['seq'];
type Ack = PeerSegment['ack'];
/** SEQ measured from the IUT's RCV.NXT (the tester's ISS before the IUT knows it). */
export const atRcvNxt = (delta = 0): Seq => ({ from: 'rcvNxt', delta });
export const atPeerIss = (delta = 0): Seq => ({ from: 'peerIss', delta });
/** RCV.NXT + the largest window the IUT advertised, + delta: outside its window. */
export const pastWindow = (delta = 0): Seq => ({ from: 'rcvWndEdge', delta });
export const ackSndNxt = (delta = 0): Ack => ({ from: 'sndNxt', delta });
export const ackSndUna = (delta = 0): Ack => ({ from: 'sndUna', delta });
export const ackIss = (delta = 0): Ack => ({ from: 'iss', delta });

export function seg(
  ctl: number,
  seq: Seq,
  ack?: Ack,
  extra: Partial<Omit<PeerSegment, 'ctl' | 'seq' | 'ack'>> = {},
): Input {
  return { kind: 'segment', segment: { ctl, seq, ...(ack ? { ack } : {}), ...extra } };
}

/** The tester's SYN, at its ISS. */
export const peerSyn = (extra: Partial<PeerSegment> = {}): Input => seg(SYN, atPeerIss(), undefined, extra);
/** The tester's SYN,ACK acknowledging the IUT's SYN. */
export const peerSynAck = (extra: Partial<PeerSegment> = {}): Input => seg(SYN | ACK, atPeerIss(), ackSndNxt(), extra);
/** A bare ACK of everything the IUT sent, at RCV.NXT. */
export const peerAck = (extra: Partial<PeerSegment> = {}): Input => seg(ACK, atRcvNxt(), ackSndNxt(), extra);
export const peerData = (data: string, extra: Partial<PeerSegment> = {}): Input =>
  seg(ACK, atRcvNxt(), ackSndNxt(), { data, ...extra });
/** FIN,ACK at RCV.NXT acknowledging everything the IUT sent. */
export const peerFin = (extra: Partial<PeerSegment> = {}): Input => seg(FIN | ACK, atRcvNxt(), ackSndNxt(), extra);
export const peerRst = (delta = 0): Input => seg(RST, atRcvNxt(delta));

/** A scenario item: a fixed input, or one computed from the model's view of the IUT (its TCB) at that point;
 *  `repeat` items are asked again until they answer null (e.g. "fill the receive window"). */
export type Item = Input | { dynamic: (t: Tcb) => Input } | { repeat: (t: Tcb, n: number) => Input | null };
export type Script = Item[];

// ---- playing -----------------------------------------------------------------------------------------------

export interface PlayOptions {
  /** The tester's ISS (default 1000). Pass a figure's ISN to reproduce its numbers. */
  peerIss?: number;
  /** The IUT's run seed (default 1): its ISN generator and choices are seeded by it. */
  seed?: number;
}

export interface Step extends TraceEntry {
  /** What the IUT sent, in figure notation (MSS options left out unless asked for). */
  sent: string[];
}

const REPEAT_LIMIT = 100000;

/** Where in its script a spec was when the IUT diverged. */
export interface ScriptStep {
  /** The script's item (0-based) that gave the input; for a `repeat` item, how many inputs it gave before. */
  item: number;
  repeat?: number;
  /** The script's length, in items. */
  of: number;
}

/** The script as an input source; `steps[i]` records which item gave input i. */
function sourceOf(script: Script): { source: InputSource; steps: ScriptStep[] } {
  let item = 0;
  let repeats = 0;
  const steps: ScriptStep[] = [];
  const next = (t: Tcb): Input | null => {
    while (item < script.length) {
      const it = script[item];
      steps.push({ item, of: script.length, ...('repeat' in it ? { repeat: repeats } : {}) });
      if ('kind' in it) {
        item++;
        return it;
      }
      if ('dynamic' in it) {
        item++;
        return it.dynamic(t);
      }
      const input = repeats < REPEAT_LIMIT ? it.repeat(t, repeats) : null;
      if (input) {
        repeats++;
        return input;
      }
      steps.pop();
      item++;
      repeats = 0;
    }
    return null;
  };
  const source: InputSource = (t, i) => {
    steps.length = i; // one record for each input given before this one
    return next(t);
  };
  return { source, steps };
}

/** Figure notation without the MSS and window-scale options, whose values are the IUT's own business. */
export const fmt = (s: Segment): string => comparedText(s);

/** What a failing spec says besides the figure: the run's settings and the script step. */
export interface SpecRun {
  adapter: string;
  profile: string;
  peerIss: number;
  seed: number;
  /** What the adapter reports, so that the expected outcomes show only what was compared. */
  compared: Compared;
  step?: ScriptStep;
}

function stepText(s: ScriptStep | undefined, d: Divergence): string {
  if (!s) return `input ${d.index + 1}`;
  const repeat = s.repeat !== undefined ? `, repetition ${s.repeat + 1}` : '';
  return `script item ${s.item + 1} of ${s.of}${repeat} (input ${d.index + 1})`;
}

/** A divergence as a failing spec shows it: a line naming the run and the script step, then the figure the
 *  CLI draws for a counterexample (harness/report/notation.ts), without the replay line a spec has no file for. */
export function formatDivergence(trace: TraceEntry[], d: Divergence, run: SpecRun): string {
  const { adapter, profile, peerIss, seed } = run;
  const figure = divergenceLines(trace, d.concrete, judgement(profile, d), run.compared);
  return [
    `divergence from the model (adapter ${adapter}, profile ${profile}, peerIss ${peerIss}, seed ${seed}) ` +
      `at ${stepText(run.step, d)}, line ${divergedLine(trace)} of the figure:`,
    ...figure,
  ].join('\n');
}

export class Played {
  constructor(
    readonly steps: Step[],
    readonly peerIss: number,
  ) {}

  /** The IUT's ISS: the SEQ of the first SYN it sent. */
  get iss(): number {
    for (const s of this.steps) for (const x of s.observed.segments) if (x.ctl & SYN) return x.seq;
    throw new Error('the IUT sent no SYN in this scenario, so it has no ISS to measure from');
  }

  /** Every SYN the IUT sent, in order (one per connection it opened). */
  get isses(): number[] {
    const out: number[] = [];
    for (const s of this.steps)
      for (const x of s.observed.segments)
        if (x.ctl & SYN && !(out.length && out[out.length - 1] === x.seq)) out.push(x.seq);
    return out;
  }

  /** The IUT's ISS + n. */
  iut(n: number): number {
    return seqAdd(this.iss, n);
  }

  /** The tester's ISS + n. */
  peer(n: number): number {
    return seqAdd(this.peerIss, n);
  }

  step(i: number): Step {
    const s = this.steps[i < 0 ? this.steps.length + i : i];
    if (!s) throw new Error(`no step ${i}: the scenario has ${this.steps.length}`);
    return s;
  }

  /** Segments the IUT sent in response to input i (negative counts from the end). */
  sent(i: number): string[] {
    return this.step(i).sent;
  }

  segments(i: number): Segment[] {
    return this.step(i).observed.segments;
  }

  /** The state after input i: the one the IUT reported if it reports one, else the model's (both agree). */
  state(i: number): State {
    const s = this.step(i);
    return s.observed.state ?? s.state;
  }

  /** The answer to input i in RFC 9293's words, what the suite's specs judge (the errno apart: errno()). */
  result(i: number): CallResult | undefined {
    const r = this.step(i).observed.result;
    if (!r || r.ok || r.errno === undefined) return r;
    return { ok: false, error: r.error };
  }

  /** The implementation's own name of the error of input i, where the adapter reports one. */
  errno(i: number): string | undefined {
    const r = this.step(i).observed.result;
    return r && !r.ok ? r.errno : undefined;
  }

  rules(i: number): string[] {
    return this.step(i).rules;
  }

  /** The concrete segment the tester sent as input i. */
  input(i: number): Segment {
    const c = this.step(i).concrete;
    if (c.kind !== 'segment') throw new Error(`input ${i} is not a segment`);
    return c.segment;
  }

  /** All the IUT sent, over the whole scenario, in figure notation. */
  get allSent(): string[] {
    return this.steps.flatMap((s) => s.sent);
  }

  /** The sequence distance of a from b (a - b on the circle). */
  static diff(a: number, b: number): number {
    return seqDiff(a, b);
  }
}

export async function play(adapter: Adapter, profile: Profile, script: Script, o: PlayOptions = {}): Promise<Played> {
  const peerIss = o.peerIss ?? 1000;
  const seed = o.seed ?? 1;
  const caps = adapter.capabilities;
  const { source, steps } = sourceOf(script);
  const guarded: InputSource = (t, i) => {
    const input = source(t, i);
    if (input?.kind === 'call' && !caps.calls.includes(callName(input)))
      throw new Error(
        `the scenario uses ${callName(input)}, which adapter ${adapter.name} does not offer: declare it in the spec's needs`,
      );
    if (input?.kind === 'segment' && !caps.segments)
      throw new Error(
        `the scenario sends segments, which adapter ${adapter.name} does not accept: declare 'segments' in the spec's needs`,
      );
    return input;
  };
  const r = await runOnce(adapter, profile, guarded, peerIss, seed, null, true);
  if (r.divergence) {
    const run = { adapter: adapter.name, profile: profile.name, peerIss, seed, compared: caps };
    throw new Error(formatDivergence(r.trace, r.divergence, { ...run, step: steps[r.divergence.index] }));
  }
  return new Played(
    r.trace.map((e) => ({ ...e, sent: e.observed.segments.map(fmt) })),
    peerIss,
  );
}

export { fixedSource, ACK, FIN, RST, SYN };
