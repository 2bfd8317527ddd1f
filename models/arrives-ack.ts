// SEGMENT ARRIVES, the fifth check: the ACK field (RFC 793 §3.9 p.72-73; RFC 9293 §3.10.7.4, fifth).
import { Draft } from './outcome';
import { deleteTcb } from './output';
import { rtoCeiling, rtoFloor, sendAck } from './emit';
import { Segment } from './segment';
import { between, seqAdd, seqDiff, seqGt, seqLeq, seqLt } from './seq';
import { enterTimeWait } from './connection-timers';

/** SEG.ACK below SND.UNA - MAX.SND.WND (RFC 5961 §5.2, where the profile has it): answered with an ACK, dropped. */
function tooOld(d: Draft, ack: number): boolean {
  if (!d.p.features.has('rfc5961.ack') || !seqLt(ack, seqAdd(d.t.sndUna, -d.t.maxSndWnd))) return false;
  d.fire('ack.tooOld');
  return true;
}

/** The fifth check for the synchronized states. Returns false when the segment is dropped here. */
export function checkAck(d: Draft, seg: Segment): boolean {
  const t = d.t;
  const ack = seg.ack;
  // RFC 5961 §5.2 bounds old ACKs by MAX.SND.WND; a profile may bound them otherwise.
  if (d.p.replaces?.synchronized?.tooOldAck?.(d, seg) ?? tooOld(d, ack)) {
    sendAck(d);
    return false;
  }
  if (seqGt(ack, t.sndNxt)) {
    d.fire('ack.future');
    d.p.replaces?.synchronized?.futureAck?.(d, seg);
    sendAck(d);
    return d.p.replaces?.synchronized?.futureAckGoesOn?.(d, seg) ?? false;
  }
  if (between(t.sndUna, ack, t.sndNxt)) {
    d.fire('ack.new');
    let acked = seqDiff(ack, t.sndUna);
    if (t.sndUna === t.iss) acked -= 1; // our SYN
    const finAcked = t.finSent && ack === t.sndNxt;
    if (finAcked) acked -= 1;
    dropAcked(d, Math.max(0, acked));
    t.sndUna = ack;
    t.rtxCount = 0;
    if (t.sndUna === t.sndNxt) {
      t.rtxLo = t.rtxHi = t.utLo = t.utHi = null;
    } else {
      const p = d.p.params;
      t.rtxLo = t.now + rtoFloor(d);
      t.rtxHi = t.now + rtoCeiling(d);
      if (p.userTimeoutLo !== null && p.userTimeoutHi !== null) {
        t.utLo = t.now + p.userTimeoutLo;
        t.utHi = t.now + p.userTimeoutHi;
      } else t.utLo = t.utHi = null; // a give-up due after the last retransmission is called off
    }
  } else if (seqLt(ack, t.sndUna)) d.fire('ack.duplicate');
  if (seqLeq(t.sndUna, ack) && (seqLt(t.sndWl1, seg.seq) || (t.sndWl1 === seg.seq && seqLeq(t.sndWl2, ack)))) {
    if (t.sndWnd !== seg.wnd) d.fire('ack.window');
    t.sndWnd = seg.wnd;
    t.sndWl1 = seg.seq;
    t.sndWl2 = ack;
    if (seg.wnd > t.maxSndWnd) t.maxSndWnd = seg.wnd;
  }
  const finAcked = t.finSent && t.sndUna === t.sndNxt;
  switch (t.state) {
    case 'FinWait1':
      if (finAcked) {
        d.fire('finWait1.finAcked');
        t.state = 'FinWait2';
        if (t.receiveClosed) d.p.replaces?.timers?.finWait2Closed?.(d);
      }
      return true;
    case 'Closing':
      if (finAcked) {
        d.fire('closing.finAcked');
        enterTimeWait(d);
        return true;
      }
      d.fire('closing.finUnacked'); // otherwise the segment is ignored
      return false;
    case 'LastAck':
      if (finAcked) {
        d.fire('lastAck.finAcked');
        // A socket that outlives its TCB may still hold the text nobody read.
        const kept = d.p.replaces?.synchronized?.closedKeepsText?.(d) ? t.rcvQueue : '';
        deleteTcb(d);
        d.t.rcvQueue = kept;
      } else d.fire('lastAck.finUnacked');
      return false;
    default:
      return true;
  }
}

/** Remove n acknowledged octets from the retransmission queue, remembering those of a partly acknowledged
 *  front entry. */
function dropAcked(d: Draft, n: number): void {
  const t = d.t;
  const segs = t.unackedSegs.slice();
  let head = t.unackedHead;
  let off = 0;
  while (n > 0 && segs.length > 0) {
    if (segs[0] <= n) {
      n -= segs[0];
      off += segs.shift()!;
      head = '';
    } else {
      head += t.unacked.slice(off, off + n);
      segs[0] -= n;
      off += n;
      n = 0;
    }
  }
  if (segs.length === 0 && d.p.replaces?.output?.allAcked?.(d)) return;
  t.unacked = t.unacked.slice(off + n);
  t.unackedSegs = segs;
  t.unackedHead = segs.length > 0 ? head : '';
}
