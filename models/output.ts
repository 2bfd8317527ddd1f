// Forming and sending segments: the output side of the model (RFC 793 §3.7; RFC 9293 §3.8, §3.10).
import { Draft } from './outcome';
import { seqAdd, seqDiff, seqLt } from './seq';
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
  t.presized = Math.max(0, t.presized - size);
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
  if (t.resendTo !== null) {
    if (seqLt(t.resendTo, t.sndNxt) && seqLt(t.sndUna, t.sndNxt)) {
      // A FIN asked for now rides on the last entry waiting to go again.
      if (t.finQueued && !t.finSent && t.sendQueue.length === 0 && !t.finOnWaiting) {
        d.fire('close.finOnWaitingEntry');
        t.finOnWaiting = true;
      }
      return transmitWaiting(d);
    }
    t.resendTo = null;
  }
  if (t.finOnWaiting) {
    sendEntryWithFin(d);
    return [d];
  }
  let sentSomething = false;
  let lastData: Segment | null = null;
  // Congestion control (RFC 9293 §3.8.2, MUST-19; RFC 5681 §3.1) may hold back any segment but the first
  // one sent while nothing is in flight: every way of stopping early is allowed, and what is held back goes
  // out when later ACKs open the congestion window.
  const heldBack: Draft[] = [];
  while (t.sendQueue.length > 0) {
    const usable = seqDiff(seqAdd(t.sndUna, t.sndWnd), t.sndNxt);
    // Data an implementation cut into segments before the peer's MSS was known keeps that size.
    const mss = t.presized > 0 ? Math.min(t.presizeMss, t.presized) : t.sndMss;
    const size = Math.min(mss, usable, t.sendQueue.length);
    if (size <= 0) break;
    if (t.presized > 0 && t.sndUna === t.sndNxt && d.p.params.presegmentStalls && size > initialWindow(t.sndMss)) {
      // A bug where it occurs: a segment cut before the MSS was known is larger than the initial congestion
      // window, and with nothing in flight no ACK will ever open that window: it is never sent.
      d.fire('send.presegmented.stalled');
      break;
    }
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

/** The initial congestion window of RFC 5681 §3.1. */
function initialWindow(mss: number): number {
  return Math.min(4 * mss, Math.max(2 * mss, 4380));
}

function queueFin(d: Draft): void {
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
  // Where the whole flight goes again (resendFlight), its entries keep the boundaries they were sent with.
  if (seg.ctl & ACK && !(seg.ctl & SYN) && d.p.replaces?.output?.flightOnTimeout?.(d)) return [flight(d)[0]];
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

/** The retransmission queue's entries as first sent: data segments from SND.UNA, the FIN on the last one or
 *  on its own. */
function flight(d: Draft): Segment[] {
  const t = d.t;
  const out: Segment[] = [];
  let off = 0;
  const wnd = advertise(d);
  t.unackedSegs.forEach((n, i) => {
    // The front entry may be partly acknowledged: it goes again whole, from where it first started.
    const head = i === 0 ? t.unackedHead : '';
    out.push({
      seq: seqAdd(t.sndUna, off - head.length),
      ack: t.rcvNxt,
      ctl: ACK,
      wnd,
      data: head + t.unacked.slice(off, off + n),
    });
    off += n;
  });
  if (t.finSent) {
    if (t.finAlone || out.length === 0)
      out.push({ seq: seqAdd(t.sndUna, off), ack: t.rcvNxt, ctl: ACK | FIN, wnd, data: '' });
    else out[out.length - 1] = { ...out[out.length - 1], ctl: ACK | FIN };
  }
  return out;
}

/**
 * Implementation behaviour ('rtoResendsFlight'; RFC 9293 §3.10.8 resends only the front of the queue): a
 * retransmission timeout puts the whole flight back to be sent again, and as much of it goes at once as a
 * congestion window of one MSS (and the send window) allows, each entry with the boundaries it was first
 * sent with. The first entry always goes.
 */
export function resendFlight(d: Draft): void {
  const t = d.t;
  let wnd = Math.min(t.sndMss, t.sndWnd);
  t.resendTo = null;
  flight(d).forEach((seg, i) => {
    // How far past SND.UNA the entry reaches (the front one may start below it).
    const end = seqDiff(seqAdd(seg.seq, seg.data.length), t.sndUna);
    if (i === 0 && end > t.sndMss && d.p.params.presegmentStalls) {
      // A bug where it occurs: an entry cut larger than the MSS never fits a window of one MSS again.
      d.fire('timeout.retransmission.presegmentedStuck');
      t.resendTo = seg.seq;
      wnd = -1;
      return;
    }
    if (i === 0 || end <= wnd) {
      if (i === 1) d.fire('timeout.retransmission.flight');
      emit(d, seg);
    } else {
      // The rest waits, in front of anything new, for ACKs to open the congestion window.
      if (t.resendTo === null) {
        d.fire('timeout.retransmission.flightHeld');
        t.resendTo = seg.seq;
      }
      wnd = -1;
    }
  });
}

/** The entries of the flight still waiting to go again after a retransmission timeout (resendTo). */
function waitingAgain(d: Draft): Segment[] {
  const to = d.t.resendTo;
  const out = to === null ? [] : flight(d).filter((s) => !seqLt(s.seq, to));
  if (d.t.finOnWaiting && out.length > 0) out[out.length - 1] = { ...out[out.length - 1], ctl: ACK | FIN };
  return out;
}

/** The last entry of the flight with the FIN that rides on it (finOnWaiting), sent once everything before
 *  it is acknowledged: it goes whole, even where its text was acknowledged already. */
function sendEntryWithFin(d: Draft): void {
  const entries = flight(d);
  const last = entries[entries.length - 1];
  d.fire('close.finOnWaitingEntry.sent');
  emit(
    d,
    last
      ? { ...last, ctl: ACK | FIN }
      : { seq: d.t.sndNxt, ack: d.t.rcvNxt, ctl: ACK | FIN, wnd: advertise(d), data: '' },
  );
  d.t.finOnWaiting = false;
  queueFin(d);
  armTimers(d);
}

/** With entries waiting to go again: any number of them may go now, in order; new data and a FIN wait
 *  behind them. Once all have gone, the rest is sent as usual. */
function transmitWaiting(d: Draft): Draft[] {
  const waiting = waitingAgain(d);
  const out: Draft[] = [];
  for (let k = 0; k <= waiting.length; k++) {
    const x = k === waiting.length ? d : d.fork();
    for (const seg of waiting.slice(0, k)) {
      emit(x, { ...seg, ack: x.t.rcvNxt, wnd: advertise(x) });
      if (seg.ctl & FIN && x.t.finOnWaiting) {
        // The FIN that rode on this entry goes for the first time.
        x.t.finOnWaiting = false;
        queueFin(x);
      }
    }
    if (k < waiting.length) {
      if (k > 0) x.t.resendTo = waiting[k].seq;
      out.push(x);
    } else {
      x.t.resendTo = null;
      out.push(...transmit(x));
    }
  }
  return out;
}

/** Delete the TCB: the CLOSED state (RFC 9293 §3.3.2). The clock and the ISN history stay. */
export function deleteTcb(d: Draft): void {
  d.t = closedTcb(d.t.now, d.t.incarnation, d.t.lastIss);
}

/** Back to LISTEN with a fresh TCB, as a passive OPEN would have left it. */
export function returnToListen(d: Draft): void {
  d.t = { ...closedTcb(d.t.now, d.t.incarnation, d.t.lastIss), state: 'Listen', passive: true };
}
