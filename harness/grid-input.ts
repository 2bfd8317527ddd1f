// The generator's side of the input grid (harness/grid.ts): two menu items in every state, a segment and a call,
// each made for the cells of that state tried least so far, so that a check goes where it has not been. The
// counts are the shadows' (harness/plan.ts), so what run i gets depends on the seed alone.
import { CallName, Input, PeerSegment } from '../models/input';
import { ACK } from '../models/segment';
import { State } from '../models/state';
import { Tcb } from '../models/tcb';
import { Weights } from './choose';
import { ACK_POSITIONS, AckPosition, CONTROL_COMBINATIONS, SEQ_POSITIONS, SeqPosition, controlName } from './grid';
import { MenuItem } from './menu';

const TEXT = 'grid';

/** Of several cells, the one tried least; ties go round by the run's choice. */
function least<T>(options: readonly T[], count: (o: T) => number, choice: number): T {
  let best: T[] = [];
  let min = Infinity;
  for (const o of options) {
    const n = count(o);
    if (n < min) [min, best] = [n, [o]];
    else if (n === min) best.push(o);
  }
  return best[choice % best.length];
}

const hasRcvNxt = (s: State) => s !== 'Closed' && s !== 'Listen' && s !== 'SynSent';
const hasIss = (s: State) => s !== 'Closed' && s !== 'Listen';

/** SEG.SEQ at a position of the receive window, as the generator writes it (relative to RCV.NXT), where t has
 *  room for it. */
function seqAt(t: Tcb, p: SeqPosition): PeerSegment['seq'] | null {
  const w = t.rcvWnd;
  const at = (delta: number) => ({ from: 'rcvNxt' as const, delta });
  switch (p) {
    case 'below':
      return at(-1000);
    case 'rcvNxt-2':
      return at(-2);
    case 'rcvNxt-1':
      return at(-1);
    case 'rcvNxt':
      return at(0);
    case 'inside':
      return w >= 3 ? at(1) : null;
    case 'lastOctet':
      return w >= 2 ? at(w - 1) : null;
    case 'rightEdge':
      return w >= 1 ? at(w) : null;
    case 'beyond':
      return at(w + 1000);
  }
}

/** SEG.ACK at a position of the send space, where t has one. */
function ackAt(t: Tcb, p: AckPosition): PeerSegment['ack'] | null {
  const inFlight = (t.sndNxt - t.sndUna + 0x1_0000_0000) % 0x1_0000_0000;
  switch (p) {
    case 'belowWindow':
      return { from: 'sndUna', delta: -(t.maxSndWnd + 1) };
    case 'old':
      return t.maxSndWnd >= 1 ? { from: 'sndUna', delta: -1 } : null;
    case 'sndUna':
      return inFlight >= 1 ? { from: 'sndUna', delta: 0 } : null;
    case 'between':
      return inFlight >= 2 ? { from: 'sndUna', delta: 1 } : null;
    case 'sndNxt':
      return { from: 'sndNxt', delta: 0 };
    case 'sndNxt+1':
      return { from: 'sndNxt', delta: 1 };
    case 'beyond':
      return { from: 'sndNxt', delta: 1000 };
  }
}

/** A segment for the control bits, SEQ and ACK positions of t's state tried least. */
export function gridSegment(t: Tcb, counts: Weights, choice: number): Input {
  const s = t.state;
  const n = (cell: string) => counts.get(`${s}#${cell}`) ?? 0;
  const ctlCells = CONTROL_COMBINATIONS.flatMap((ctl) => [
    { ctl, text: false },
    { ctl, text: true },
  ]);
  const c = least(ctlCells, (x) => n(`ctl.${controlName(x.ctl)}${x.text ? '+text' : ''}`), choice);
  let seq: PeerSegment['seq'] = { from: 'peerIss', delta: choice & 1 };
  if (hasRcvNxt(s)) {
    const at = SEQ_POSITIONS.filter((p) => seqAt(t, p) !== null);
    seq = seqAt(
      t,
      least(at, (p) => n(`seq.${p}`), choice >> 1),
    )!;
  }
  const segment: PeerSegment = { ctl: c.ctl, seq };
  if (c.ctl & ACK) {
    if (hasIss(s)) {
      const at = ACK_POSITIONS.filter((p) => ackAt(t, p) !== null);
      segment.ack = ackAt(
        t,
        least(at, (p) => n(`ack.${p}`), choice >> 4),
      )!;
    } else segment.ack = { from: 'iss', delta: 77 };
  }
  if (c.text) segment.data = TEXT;
  return { kind: 'segment', segment };
}

const CALLS: Record<CallName, Input> = {
  'open.passive': { kind: 'call', call: 'open', mode: 'passive' },
  'open.active': { kind: 'call', call: 'open', mode: 'active' },
  send: { kind: 'call', call: 'send', data: TEXT },
  receive: { kind: 'call', call: 'receive' },
  close: { kind: 'call', call: 'close' },
  'close.halfDuplex': { kind: 'call', call: 'close', mode: 'halfDuplex' },
  abort: { kind: 'call', call: 'abort' },
};

/** The call of t's state tried least, or the call just made once more where that has not been tried. */
export function gridCall(
  t: Tcb,
  calls: readonly CallName[],
  previous: CallName | null,
  counts: Weights,
  choice: number,
) {
  if (previous !== null && !counts.get(`*#call.${previous}.twice`)) return CALLS[previous];
  return CALLS[least(calls, (c) => counts.get(`${t.state}#call.${c}`) ?? 0, choice)];
}

/**
 * How many tries a state's cells still lack, each of them to be tried TRIES times by the shadows: the grid items
 * weigh that much more in the menu. More than once, since a run against the IUT may go elsewhere than its shadow.
 */
export function untried(state: State, cells: readonly string[], counts: Weights): number {
  let n = 0;
  for (const c of cells) n += Math.max(0, TRIES - (counts.get(`${state}#${c}`) ?? 0));
  return n;
}

const TRIES = 3;

export type GridItem = MenuItem & { weight: number };
