// SEGMENT ARRIVES, the seventh and eighth checks (RFC 793 §3.9 p.74-76; RFC 9293 §3.10.7.4): the segment's
// text and FIN, and the acknowledgment they ask for.
import { Draft } from './outcome';
import { deleteTcb, transmit } from './output';
import { sendAck, sendReset } from './emit';
import { ACK, FIN, Segment } from './segment';
import { seqAdd, seqDiff } from './seq';
import { State } from './state';
import { Tcb } from './tcb';
import { enterTimeWait, restartTimeWait } from './connection-timers';

type AckNeed = 'none' | 'now' | 'delayable';

export function text(d: Draft, seg: Segment, wnd: number, stateBefore: State): Draft[] {
  const t = d.t;
  const vary = d.p.replaces?.synchronized;
  // Part of the segment may lie below RCV.NXT: only the new part counts.
  const skip = Math.max(0, seqDiff(t.rcvNxt, seg.seq));
  const start = seqAdd(seg.seq, skip);
  const data = seg.data.slice(Math.min(skip, seg.data.length));
  const fin = (seg.ctl & FIN) !== 0;
  if (t.state !== 'Established' && t.state !== 'FinWait1' && t.state !== 'FinWait2') {
    // The peer's FIN has been seen, so nothing after it can be genuine: its text is ignored (seventh check).
    if (data.length === 0 && !fin) return after(d, 'none');
    const reset = data.length > 0 && skip > 0 && t.state !== 'TimeWait' ? vary?.overlapAfterFin?.(d, seg) : null;
    if (reset) return reset;
    const options: Draft[] = [];
    if (data.length === 0 && start === t.rcvNxt) {
      // A further FIN at RCV.NXT: the eighth check read literally acknowledges it (docs/interpretations.md).
      const literal = d.fork();
      options.push(...after(literal, processFin(literal, stateBefore)));
    }
    if (t.state === 'TimeWait') {
      // The fifth check for TIME-WAIT reads any such arrival as the peer's FIN again: acknowledge RCV.NXT
      // as it stands and restart the 2MSL timer.
      const again = d.fork();
      again.fire('timeWait.finRetransmitted');
      sendAck(again);
      restartTimeWait(again);
      options.push(again);
    }
    d.fire('text.ignored');
    // The seventh check says to ignore the text, not whether to acknowledge: an ACK of RCV.NXT as it stands
    // (as for any segment not taken, §3.10.7.4 first check) or silence are both allowed.
    if (t.state !== 'TimeWait' && data.length > 0) {
      const acked = d.fork();
      options.push(...after(acked, 'now'));
    }
    options.push(...after(d, 'none'));
    return options;
  }
  if (data.length === 0 && !fin) return after(d, 'none');
  if (data.length > 0 && t.receiveClosed && !(start !== t.rcvNxt && vary?.aheadAfterCloseWaits?.(d))) {
    d.fire('text.afterHalfDuplexClose');
    const ended = vary?.textAfterClose?.(d, data, fin, wnd, seg);
    if (ended) return ended;
    sendReset(d);
    deleteTcb(d);
    return [d];
  }
  if (data.length === 0 && fin && start !== t.rcvNxt && t.receiveClosed) {
    const ended = vary?.finAheadAfterClose?.(d, seg);
    if (ended) return ended;
  }
  if (start !== t.rcvNxt) {
    // Ahead of RCV.NXT: hold it for later or drop it; either way acknowledge RCV.NXT at once.
    d.fire('text.outOfOrder');
    const ackFirst = vary?.outOfOrderAckedAlone?.(d) ?? false;
    const held = d.fork();
    held.t.held = [...held.t.held, { seq: start, data, fin }];
    return [...after(d, ackFirst ? 'none' : 'now'), ...after(held, ackFirst ? 'none' : 'now')];
  }
  // Where the text runs into a segment held ahead of RCV.NXT, the copy already held may win the overlap: the
  // new text is cut where it begins, and its FIN with it (docs/interpretations.md).
  const cutAt = heldOverlap(t, start, Math.min(data.length, Math.max(0, wnd)));
  const older: Draft[] = [];
  if (cutAt !== null) {
    const o = d.fork();
    o.fire('text.overlap.heldKept');
    older.push(...inOrder(o, data.slice(0, cutAt), false, wnd, stateBefore));
  }
  return [...inOrder(d, data, fin, wnd, stateBefore), ...older];
}

/** The offset in text at `start` of the first held segment that begins inside its first n octets, if any. */
function heldOverlap(t: Tcb, start: number, n: number): number | null {
  let best: number | null = null;
  for (const h of t.held) {
    const off = seqDiff(h.seq, start);
    if (off > 0 && off < n && h.data.length > 0 && (best === null || off < best)) best = off;
  }
  return best;
}

/** Text (and a FIN) that starts at RCV.NXT: queue what the window takes, then what it lets out of the held. */
function inOrder(d: Draft, data: string, fin: boolean, wnd: number, stateBefore: State): Draft[] {
  const t = d.t;
  let need: AckNeed = 'none';
  let finInOrder = fin;
  if (data.length > 0) {
    const taken = data.slice(0, Math.max(0, wnd));
    if (taken.length > 0) {
      d.fire('text.accept');
      t.rcvQueue += taken;
      t.rcvNxt = seqAdd(t.rcvNxt, taken.length);
      // The right edge stays where it was advertised until a new window is sent (RFC 9293 §3.8.6.2.2).
      t.rcvWnd = Math.max(0, t.rcvWnd - taken.length);
      need = 'delayable';
    }
    if (taken.length < data.length) {
      finInOrder = false; // the FIN lies beyond what the window took
      need = 'now';
    } else if (!fin && drainHeld(d)) finInOrder = true;
  }
  if (finInOrder) need = processFin(d, stateBefore);
  return after(d, need);
}

/** Move held segments that now start at RCV.NXT into the receive queue. Returns true if one ended in FIN. */
export function drainHeld(d: Draft): boolean {
  const t = d.t;
  let finReached = false;
  let progress = true;
  while (progress && t.held.length > 0 && !finReached) {
    progress = false;
    for (const h of t.held) {
      const skip = seqDiff(t.rcvNxt, h.seq);
      if (skip < 0) continue;
      const rest = h.data.slice(Math.min(skip, h.data.length));
      t.held = t.held.filter((x) => x !== h);
      if (skip > h.data.length) {
        progress = true;
        break; // entirely old
      }
      t.rcvQueue += rest;
      t.rcvWnd = Math.max(0, t.rcvWnd - rest.length);
      t.rcvNxt = seqAdd(t.rcvNxt, rest.length);
      if (h.fin) finReached = true;
      progress = true;
      break;
    }
  }
  if (finReached) t.held = [];
  return finReached;
}

/** The eighth check: the peer's FIN, in order. */
function processFin(d: Draft, stateBefore: State): AckNeed {
  const t = d.t;
  t.rcvNxt = seqAdd(t.rcvNxt, 1);
  // The FIN takes a sequence number: the right edge stays where it was advertised (as for text, above).
  t.rcvWnd = Math.max(0, t.rcvWnd - 1);
  d.signals.push('connection closing');
  switch (t.state) {
    case 'SynReceived':
    case 'Established':
      d.fire('fin.closeWait');
      t.state = 'CloseWait';
      break;
    case 'FinWait1':
      d.fire('fin.finWait1');
      t.state = 'Closing';
      break;
    case 'FinWait2':
      d.fire(stateBefore === 'FinWait1' ? 'fin.finWait1.acked' : 'fin.finWait2');
      enterTimeWait(d);
      break;
    case 'TimeWait':
      d.fire('fin.timeWait');
      restartTimeWait(d);
      break;
    default:
      d.fire('fin.again');
  }
  return 'delayable';
}

/** Send queued data the window now allows, then the acknowledgment the segment asked for; or the
 *  acknowledgment first, in a segment of its own, then what goes out (Linux's tcp_fin() in FIN-WAIT-1). */
export function after(d: Draft, need: AckNeed): Draft[] {
  const base = d.segments.length;
  // (Only worth a fork when something is waiting to go.)
  const waiting = d.t.sendQueue.length > 0 || (d.t.finQueued && !d.t.finSent) || !!d.p.replaces?.output?.waiting?.(d);
  const ackFirst = need !== 'none' && d.t.state !== 'Closed' && waiting ? d.fork() : null;
  const out: Draft[] = [];
  for (const o of transmit(d)) {
    if (need === 'none' || o.t.state === 'Closed' || ackedSince(o, base)) out.push(o);
    else if (need === 'now') {
      sendAck(o);
      out.push(o);
    } else {
      // Acknowledge at once, or owe it for at most delayedAckMax (RFC 9293 §3.8.6.3).
      const delayed = o.fork();
      sendAck(o);
      if (delayed.t.ackDue === null) delayed.t.ackDue = delayed.t.now + d.p.params.delayedAckMax;
      out.push(o, delayed);
    }
  }
  if (ackFirst) {
    sendAck(ackFirst);
    const acked = ackFirst.segments.length;
    // Only where something follows: otherwise it is the plain "ACK at once" outcome above.
    for (const o of transmit(ackFirst)) if (o.segments.length > acked) out.push(o);
  }
  return out;
}

/** Did this draft send a segment carrying ACK after the first `base` segments? */
function ackedSince(o: Draft, base: number): boolean {
  for (let i = base; i < o.segments.length; i++) if (o.segments[i].ctl & ACK) return true;
  return false;
}

/** CLOSED after a reset (RFC 9293 §3.10.7.4, second); a profile may keep the text nobody read yet. */
export function deleteOnReset(d: Draft): void {
  const unread = d.t.receiveClosed ? '' : d.t.rcvQueue;
  deleteTcb(d);
  d.p.replaces?.synchronized?.afterReset?.(d, unread);
}
