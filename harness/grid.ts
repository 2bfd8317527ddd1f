// The input grid (issue 12, item 1): the cells a check should try in each state, so that a PASS says which
// inputs it is made of. A segment falls into three cells of the state it arrives in: its control bits with or
// without text, where its SEQ lies against the receive window, and (with ACK) where its ACK lies in the send
// space. A call falls into its state's cell of that call, and a call made twice in a row into that call's
// "twice" cell. A wait reaches each timer that runs out in it, and each step of the retransmission back-off.
// The cells are counted from the concrete inputs against the model's TCB before them, never from what the
// generator meant to send.
import { Capabilities } from '../adapters/types';
import { CallName, ConcreteInput, callName } from '../models/input';
import { Profile } from '../models/profile';
import { ACK, FIN, RST, SYN, Segment } from '../models/segment';
import { seqAdd, seqDiff, seqLt } from '../models/seq';
import { STATES, State } from '../models/state';
import { Tcb } from '../models/tcb';
import { earliestOf, timersOf } from '../models/timer-table';

/** The four control bits of connection management (PSH is advisory), in every combination: 16. */
export const CONTROL_COMBINATIONS: readonly number[] = Array.from(
  { length: 16 },
  (_, i) => (i & 1 ? SYN : 0) | (i & 2 ? ACK : 0) | (i & 4 ? RST : 0) | (i & 8 ? FIN : 0),
);

export function controlName(ctl: number): string {
  const names = [
    [SYN, 'SYN'],
    [ACK, 'ACK'],
    [RST, 'RST'],
    [FIN, 'FIN'],
  ] as const;
  const on = names.filter(([bit]) => ctl & bit).map(([, n]) => n);
  return on.length ? on.join(',') : 'none';
}

/** Where SEG.SEQ lies against RCV.NXT and RCV.WND (RFC 9293 §3.4's acceptability test and its edges). */
export const SEQ_POSITIONS = [
  'below', // more than two octets below RCV.NXT: old
  'rcvNxt-2',
  'rcvNxt-1', // a keep-alive's or a retransmitted FIN's position
  'rcvNxt',
  'inside', // strictly inside the window, past RCV.NXT
  'lastOctet', // RCV.NXT+RCV.WND-1: the last octet the window admits
  'rightEdge', // RCV.NXT+RCV.WND: just outside
  'beyond',
] as const;
export type SeqPosition = (typeof SEQ_POSITIONS)[number];

/** Where SEG.ACK lies in the send space (RFC 9293 §3.10.7.4 fifth check; RFC 5961 §5's MAX.SND.WND bound). */
export const ACK_POSITIONS = [
  'belowWindow', // below SND.UNA-MAX.SND.WND: RFC 5961 §5 discards it
  'old', // below SND.UNA, within MAX.SND.WND: a duplicate
  'sndUna', // SND.UNA while something is in flight
  'between', // past SND.UNA, short of SND.NXT: a partial acknowledgment
  'sndNxt',
  'sndNxt+1', // acknowledges something not yet sent
  'beyond',
] as const;
export type AckPosition = (typeof ACK_POSITIONS)[number];

/** States in which RCV.NXT exists: the peer's SYN has been received. */
const HAS_RCV_NXT: ReadonlySet<State> = new Set(STATES.filter((s) => !['Closed', 'Listen', 'SynSent'].includes(s)));
/** States in which the IUT has a send sequence space: it has chosen its ISS. */
const HAS_ISS: ReadonlySet<State> = new Set(STATES.filter((s) => s !== 'Closed' && s !== 'Listen'));

export function seqPosition(t: Tcb, seq: number): SeqPosition {
  const d = seqDiff(seq, t.rcvNxt);
  const wnd = t.rcvWnd;
  if (d <= -3) return 'below';
  if (d === -2) return 'rcvNxt-2';
  if (d === -1) return 'rcvNxt-1';
  if (d === 0) return 'rcvNxt';
  if (d < wnd - 1) return 'inside';
  if (d === wnd - 1) return 'lastOctet';
  if (d === wnd) return 'rightEdge';
  return 'beyond';
}

export function ackPosition(t: Tcb, ack: number): AckPosition {
  if (ack === t.sndNxt) return 'sndNxt';
  if (ack === t.sndUna) return 'sndUna';
  if (seqLt(ack, seqAdd(t.sndUna, -t.maxSndWnd))) return 'belowWindow';
  if (seqLt(ack, t.sndUna)) return 'old';
  if (seqLt(ack, t.sndNxt)) return 'between';
  if (ack === seqAdd(t.sndNxt, 1)) return 'sndNxt+1';
  return 'beyond';
}

const key = (state: State | '*', cell: string) => `${state}#${cell}`;

/** The cells of a segment arriving in t's state. */
export function segmentCells(t: Tcb, s: Segment): string[] {
  const st = t.state;
  const out = [key(st, `ctl.${controlName(s.ctl & (SYN | ACK | RST | FIN))}${s.data.length ? '+text' : ''}`)];
  if (HAS_RCV_NXT.has(st)) out.push(key(st, `seq.${seqPosition(t, s.seq)}`));
  if (s.ctl & ACK && HAS_ISS.has(st)) out.push(key(st, `ack.${ackPosition(t, s.ack)}`));
  return out;
}

/** The cells of an input the generator chose in t's state (segments, calls); a wait's are counted from what it
 *  fired (waitCells). */
export function inputCells(t: Tcb, input: ConcreteInput, previous: ConcreteInput | null): string[] {
  if (input.kind === 'segment') return segmentCells(t, input.segment);
  if (input.kind === 'wait') return [];
  const name = callName(input);
  const out = [key(t.state, `call.${name}`)];
  if (previous?.kind === 'call' && callName(previous) === name) out.push(key('*', `call.${name}.twice`));
  return out;
}

const SYN_STATES: ReadonlySet<State> = new Set<State>(['SynSent', 'SynReceived']);

/** What a wait came to: each timer whose rule fired, and each step of the back-off (its n-th retransmission). */
export function waitCells(before: Tcb, rules: readonly string[], profile: Profile): string[] {
  const out: string[] = [];
  const series = SYN_STATES.has(before.state) ? 'synRtx' : 'rtx';
  let n = before.rtxCount;
  for (const r of rules) {
    if (r === 'timeout.retransmission')
      out.push(key('*', `wait.${series}.${Math.min(++n, backoffSteps(profile, series))}`));
    else if (r === 'timeout.retransmissionsExhausted') out.push(key('*', `wait.${series}.exhausted`));
    else {
      const timer = timersOf(profile).find((x) => x.rule === r);
      if (timer) out.push(key('*', `wait.${timer.name}`));
    }
  }
  return out;
}

/** How many steps of the back-off the grid tells apart: the profile's own limit, else as many as the model
 *  follows in one wait; later ones count as the last. */
export function backoffSteps(profile: Profile, series: 'synRtx' | 'rtx'): number {
  const limit = profile.params.maxRetransmissions;
  return Math.min((series === 'synRtx' ? limit?.syn : limit?.data) ?? 8, 15);
}

export interface GridReport {
  covered: number;
  reachable: number;
  /** Per state (and '*' for cells of no one state): covered of reachable. */
  states: Record<string, { covered: number; reachable: number; missing: string[] }>;
  /** Cells no check on this adapter and profile can reach, by why. */
  unreachable: { cells: string[]; reason: string }[];
}

interface Cell {
  key: string;
  /** Why it cannot be reached here, or null. */
  unreachable: string | null;
}

/** The grid of a check: every cell, reachable or with its reason. */
export function gridCells(profile: Profile, caps: Capabilities, slow: boolean, realTimeLimit: number): Cell[] {
  const cells: Cell[] = [];
  const add = (state: State | '*', cell: string, why: string | null = null) =>
    cells.push({ key: key(state, cell), unreachable: why });
  const noSegments = caps.segments ? null : 'the adapter accepts no crafted segments';
  const calls = gridCalls(profile, caps);
  for (const st of STATES) {
    for (const ctl of CONTROL_COMBINATIONS) {
      add(st, `ctl.${controlName(ctl)}`, noSegments);
      add(st, `ctl.${controlName(ctl)}+text`, noSegments);
    }
    for (const p of SEQ_POSITIONS)
      add(st, `seq.${p}`, noSegments ?? (HAS_RCV_NXT.has(st) ? null : 'no RCV.NXT before the peer’s SYN arrives'));
    for (const p of ACK_POSITIONS) add(st, `ack.${p}`, noSegments ?? ackUnreachable(st, p));
    for (const c of calls)
      add(
        st,
        `call.${c}`,
        c === 'open.active' && st === 'Listen' && !(caps.features ?? []).includes('openActiveFromListen')
          ? 'the adapter cannot turn a listener into an active OPEN (RFC 9293 §3.10.1 leaves it optional)'
          : null,
      );
  }
  for (const c of calls) add('*', `call.${c}.twice`);
  const limited = caps.clock === 'real' && !slow;
  for (const timer of timersOf(profile)) {
    const earliest = earliestOf(timer, profile.params);
    if (timer.name === 'rtx') continue;
    add(
      '*',
      `wait.${timer.name}`,
      earliest === null
        ? 'the profile does not run this timer'
        : limited && earliest > realTimeLimit
          ? `it runs out after ${earliest / 1000} s at the earliest: run with --slow`
          : null,
    );
  }
  for (const series of ['synRtx', 'rtx'] as const) {
    const steps = backoffSteps(profile, series);
    const base = series === 'rtx' ? Math.min(profile.params.rtoMin ?? Infinity, profile.params.rtoInitial) : 0;
    const first = series === 'rtx' ? base : profile.params.rtoInitial;
    for (let n = 1; n <= steps; n++) {
      // On a real clock without --slow a wait is at most realTimeLimit: the n-th step is out of reach once
      // the backed-off timeout before it is longer.
      const interval = Math.min(profile.params.rtoMax, first * 2 ** (n - 1));
      add(
        '*',
        `wait.${series}.${n}`,
        limited && interval > realTimeLimit
          ? `the ${ordinal(n)} retransmission waits ${interval / 1000} s or more: run with --slow`
          : null,
      );
    }
  }
  return cells;
}

const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;

/** The calls the generator offers: the adapter's, without the half-duplex close where the profile has none. */
export function gridCalls(profile: Profile, caps: Capabilities): CallName[] {
  return caps.calls.filter((c) => c !== 'close.halfDuplex' || profile.features.has('halfDuplexClose'));
}

function ackUnreachable(st: State, p: AckPosition): string | null {
  if (!HAS_ISS.has(st)) return 'no send sequence space before the IUT chooses its ISS';
  const nothingInFlight = 'nothing is in flight: SND.UNA = SND.NXT';
  if (st === 'SynSent' && p === 'old') return 'MAX.SND.WND is 0 before the peer’s SYN: all below SND.UNA is out of it';
  if ((st === 'SynSent' || st === 'SynReceived') && p === 'between') return 'only the SYN is in flight';
  if ((st === 'FinWait2' || st === 'TimeWait') && (p === 'between' || p === 'sndUna')) return nothingInFlight;
  return null;
}

/** Coverage of the grid: the cells counted (Coverage.items keys with '#'), against the reachable ones. */
export function gridReport(
  counted: ReadonlyMap<string, number>,
  profile: Profile,
  caps: Capabilities,
  slow: boolean,
  realTimeLimit: number,
): GridReport {
  const states: GridReport['states'] = {};
  const why = new Map<string, string[]>();
  let covered = 0;
  let reachable = 0;
  for (const c of gridCells(profile, caps, slow, realTimeLimit)) {
    const state = c.key.slice(0, c.key.indexOf('#'));
    if (c.unreachable !== null) {
      if (!why.has(c.unreachable)) why.set(c.unreachable, []);
      why.get(c.unreachable)!.push(c.key);
      continue;
    }
    const s = (states[state] ??= { covered: 0, reachable: 0, missing: [] });
    s.reachable++;
    reachable++;
    if (counted.has(c.key)) {
      s.covered++;
      covered++;
    } else s.missing.push(c.key.slice(state.length + 1));
  }
  return { covered, reachable, states, unreachable: [...why].map(([reason, cells]) => ({ cells, reason })) };
}
