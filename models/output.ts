// Forming and sending segments: the output side of the model (RFC 793 §3.7; RFC 9293 §3.8, §3.10).
import { Draft } from './outcome';
import { seqAdd, seqDiff } from './seq';
import { ACK, FIN, SYN, Segment } from './segment';
import { closedTcb } from './tcb';
import { advertise, armTimers, emit } from './emit';

/** <SEQ=ISS><CTL=SYN><MSS>, or SYN,ACK once the peer's SYN is known. */
function synSegment(d: Draft, withAck: boolean): Segment {
  const t = d.t;
  return {
    seq: t.iss,
    ack: withAck ? t.rcvNxt : 0,
    ctl: withAck ? SYN | ACK : SYN,
    wnd: advertise(d),
    data: '',
    mss: d.p.params.mss,
  };
}

export function sendSyn(d: Draft, withAck: boolean): void {
  emit(d, synSegment(d, withAck));
  armTimers(d);
}

/** Pick the ISS and send the SYN: the active half of OPEN (RFC 9293 §3.10.1). */
export function activeOpen(d: Draft, iss: number): void {
  const t = d.t;
  iss = freshIss(d, iss);
  t.iss = iss;
  t.sndUna = iss;
  t.sndNxt = seqAdd(iss, 1);
  t.state = 'SynSent';
  t.incarnation += 1;
  sendSyn(d, false);
}

/**
 * The ISS a new connection may use. The IUT picks it freely — except that it may not be the previous
 * connection's: ISNs come from a clock and a keyed hash (RFC 9293 §3.4.1, MUST-8), never a constant. When the
 * IUT repeats itself, the model expects any other number, so the SYN diverges under rule iss.fresh.
 */
export function freshIss(d: Draft, iss: number): number {
  const t = d.t;
  if (t.lastIss !== null && !d.p.replaces?.output?.issMayRepeat?.(d)) {
    d.fire('iss.fresh');
    if (iss === t.lastIss) iss = seqAdd(iss, 1);
  }
  t.lastIss = iss;
  return iss;
}

/** Send the first `size` bytes of the send queue at SND.NXT and move them to the retransmission queue. */
export function sendQueued(d: Draft, size: number, ctl: number, ack: number): Segment {
  const t = d.t;
  const data = t.sendQueue.slice(0, size);
  const seg: Segment = { seq: t.sndNxt, ack, ctl, wnd: advertise(d), data };
  emit(d, seg);
  t.sendQueue = t.sendQueue.slice(size);
  d.p.replaces?.output?.sentFromQueue?.(d, size);
  t.unacked += data;
  t.unackedSegs = [...t.unackedSegs, size];
  t.sndNxt = seqAdd(t.sndNxt, size);
  return seg;
}

/** States in which queued data and a queued FIN may go out. */
function maySend(d: Draft): boolean {
  const s = d.t.state;
  return s === 'Established' || s === 'CloseWait' || s === 'FinWait1' || s === 'Closing' || s === 'LastAck';
}

/**
 * Send what the window allows of the send queue, then the FIN if CLOSE asked for it and nothing is left.
 * Returns every allowed way of doing so: when the FIN could ride on the last data segment, it may also follow
 * in a segment of its own (docs/interpretations.md).
 */
export function transmit(d: Draft): Draft[] {
  if (!maySend(d)) return [d];
  const t = d.t;
  const own = d.p.replaces?.output?.transmitFirst?.(d);
  if (own) return own;
  let sentSomething = false;
  let lastData: Segment | null = null;
  // Congestion control (RFC 9293 §3.8.2, MUST-19; RFC 5681 §3.1) may hold back any segment but the first
  // one sent while nothing is in flight: every way of stopping early is allowed, and what is held back goes
  // out when later ACKs open the congestion window.
  const heldBack: Draft[] = [];
  while (t.sendQueue.length > 0) {
    const usable = seqDiff(seqAdd(t.sndUna, t.sndWnd), t.sndNxt);
    const size = d.p.replaces?.output?.segmentSize?.(d, usable) ?? Math.min(t.sndMss, usable, t.sendQueue.length);
    if (size <= 0) break;
    if (t.sndUna !== t.sndNxt) {
      const held = d.fork();
      held.fire('send.congestionLimited');
      if (sentSomething) armTimers(held);
      heldBack.push(held);
    }
    lastData = sendQueued(d, size, ACK, t.rcvNxt);
    sentSomething = true;
  }
  const outcomes = [d];
  if (t.finQueued && !t.finSent && t.sendQueue.length === 0) {
    const held = t.sndUna !== t.sndNxt ? d.p.replaces?.output?.finHeldBack?.(d, sentSomething) : null;
    if (held) heldBack.push(held);
    if (lastData) {
      // Either the FIN rides on the last data segment ...
      const separate = d.fork();
      const i = d.segments.lastIndexOf(lastData);
      d.segments[i] = { ...lastData, ctl: lastData.ctl | FIN };
      queueFin(d);
      // ... or it follows on its own.
      sendFin(separate);
      outcomes.push(separate);
    } else sendFin(d);
    sentSomething = true;
  }
  if (sentSomething) for (const o of outcomes) armTimers(o);
  return heldBack.length ? [...outcomes, ...heldBack] : outcomes;
}

export function queueFin(d: Draft): void {
  d.t.finSent = true;
  d.t.finQueued = false;
  d.t.sndNxt = seqAdd(d.t.sndNxt, 1);
}

function sendFin(d: Draft): void {
  const t = d.t;
  emit(d, { seq: t.sndNxt, ack: t.rcvNxt, ctl: FIN | ACK, wnd: advertise(d), data: '' });
  queueFin(d);
  t.finAlone = true;
  armTimers(d);
}

/** The segment at the front of the retransmission queue, formed anew from SND.UNA (RFC 9293 §3.10.8). */
export function retransmission(d: Draft): Segment | null {
  const t = d.t;
  if (t.sndUna === t.iss) {
    // Our SYN is still unacknowledged (also in FIN-WAIT-1 after a CLOSE in SYN-RECEIVED).
    return synSegment(d, t.state !== 'SynSent');
  }
  if (t.sndUna === t.sndNxt) return null;
  // A segment larger than the send MSS (presegmentMss) is retransmitted as it was first sent.
  const data = t.unacked.slice(0, Math.max(t.sndMss, t.unackedSegs[0] ?? 0));
  const fin = t.finSent && data.length === t.unacked.length;
  return { seq: t.sndUna, ack: t.rcvNxt, ctl: ACK | (fin ? FIN : 0), wnd: advertise(d), data };
}

/** Every allowed form of the retransmission: the front entry of the retransmission queue as first sent
 *  (RFC 9293 §3.10.8), or the unacknowledged data repacketized up to the MSS, with or without the FIN
 *  (RFC 1122 §4.2.2.15). */
export function retransmissions(d: Draft): Segment[] {
  const seg = retransmission(d);
  if (!seg) return [];
  const own = d.p.replaces?.output?.retransmissionForms?.(d, seg);
  if (own) return own;
  const out = [seg];
  const add = (s: Segment) => {
    if (!out.some((o) => o.ctl === s.ctl && o.data === s.data)) out.push(s);
  };
  if (seg.ctl & FIN && seg.data.length > 0) add({ ...seg, ctl: seg.ctl & ~FIN });
  const first = d.t.unackedSegs[0];
  if (first !== undefined && first < seg.data.length)
    add({ ...seg, ctl: seg.ctl & ~FIN, data: seg.data.slice(0, first) });
  return out;
}

export function resend(d: Draft, seg: Segment): void {
  emit(d, seg);
}

/** Delete the TCB: the CLOSED state (RFC 9293 §3.3.2). The clock and the ISN history stay. */
export function deleteTcb(d: Draft): void {
  d.t = closedTcb(d.t.now, d.t.incarnation, d.t.lastIss);
}

/** Back to LISTEN with a fresh TCB, as a passive OPEN would have left it. */
export function returnToListen(d: Draft): void {
  d.t = { ...closedTcb(d.t.now, d.t.incarnation, d.t.lastIss), state: 'Listen', passive: true };
}
