// The output routine: everything the simulator puts on the wire goes through `emit`, so that every segment
// after SYN-SENT carries ACK=RCV.NXT and the window we advertise (the free receive buffer), and so that any
// segment we send settles a pending (delayed) ACK, as RFC 9293 §3.10.7.4 (seventh) asks of piggybacking.
import { Segment, ACK, FIN, PSH, RST, SYN } from '../../models/segment';
import { seqAdd, seqDiff, seqLeq } from '../../models/seq';
import type { Endpoint } from './endpoint';
import { OFF, OUR_MSS, rcvWnd, Tcb } from './tcb';
import { armOnSend, rto } from './timers';

/** Put one segment of the connection on the wire. */
export function emit(ep: Endpoint, seq: number, ctl: number, data: string, mss?: number): void {
  const tcb = ep.tcb;
  const wnd = rcvWnd(tcb);
  const seg: Segment = { seq, ack: ctl & ACK ? tcb.rcvNxt : 0, ctl, wnd, data };
  if (mss !== undefined) seg.mss = mss;
  ep.out.push(seg);
  if (wnd > tcb.rcvWndMax) tcb.rcvWndMax = wnd;
  if (ctl & ACK) {
    tcb.ackDue = OFF;
    tcb.ackNow = false;
    tcb.rcvAdvRight = seqAdd(tcb.rcvNxt, wnd);
  }
}

/** A segment that belongs to no connection (a reset): no TCB fields are read or changed. */
export function emitRaw(ep: Endpoint, seq: number, ack: number, ctl: number): void {
  ep.out.push({ seq, ack: ctl & ACK ? ack : 0, ctl, wnd: 0, data: '' });
}

/** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>: the answer to an unacceptable segment, a challenge ACK, a (delayed) ACK. */
export function sendAck(ep: Endpoint): void {
  emit(ep, ep.tcb.sndNxt, ACK, '');
}

/**
 * The reset that makes a stray segment's sender give up (RFC 793 §3.4 p.36-37; RFC 9293 §3.5.2 and §3.10.7.1):
 * with ACK, <SEQ=SEG.ACK><CTL=RST>; without, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
 */
export function sendResetFor(ep: Endpoint, seg: Segment, segLength: number): void {
  if (seg.ctl & ACK && ep.mutant !== 'rstSeqNotFromAck') {
    emitRaw(ep, seg.ack, 0, RST);
  } else {
    // Mutant 'rstSeqNotFromAck' takes this branch for ACK-bearing segments too: SEQ=0 is not in the window
    // of the peer that sent the ACK, so the peer drops the RST.
    emitRaw(ep, 0, seqAdd(seg.seq, segLength), RST | ACK);
  }
}

/** <SEQ=SND.NXT><CTL=RST>: ABORT (RFC 9293 §3.10.5) and the half-duplex close's reset (§3.6.1). */
export function sendAbortRst(ep: Endpoint): void {
  emitRaw(ep, ep.tcb.sndNxt, 0, RST);
}

/** Send our SYN (SYN-SENT) or SYN,ACK (SYN-RECEIVED) at ISS and queue it for retransmission. */
export function sendSyn(ep: Endpoint): void {
  const tcb = ep.tcb;
  tcb.sndUna = tcb.iss;
  tcb.sndNxt = seqAdd(tcb.iss, 1);
  emit(ep, tcb.iss, tcb.state === 'SynSent' ? SYN : SYN | ACK, '', OUR_MSS);
  tcb.rtxQueue.push({ seq: tcb.iss, syn: true, data: '', fin: false });
  armOnSend(ep);
}

function canSendData(tcb: Tcb): boolean {
  switch (tcb.state) {
    case 'Established':
    case 'CloseWait':
    case 'FinWait1': // CLOSE was called with data still queued: it drains before the FIN
    case 'Closing':
    case 'LastAck':
      return !tcb.finSent;
    default:
      return false;
  }
}

/**
 * Send what can be sent: queued data as the peer's window allows, in segments of at most its MSS (no Nagle,
 * docs/interpretations.md), then our FIN once CLOSE was called and the queue is empty (riding on the last data
 * segment when it fits). Finally, an owed ACK that no segment has carried goes out on its own.
 */
export function output(ep: Endpoint): void {
  const tcb = ep.tcb;
  if (canSendData(tcb)) {
    while (tcb.unsent.length > 0) {
      const usable = seqDiff(seqAdd(tcb.sndUna, tcb.sndWnd), tcb.sndNxt);
      const n = Math.min(tcb.unsent.length, tcb.sndMss, usable);
      if (n <= 0) break;
      const data = tcb.unsent.slice(0, n);
      tcb.unsent = tcb.unsent.slice(n);
      const last = tcb.unsent.length === 0;
      const fin = last && tcb.closePending;
      emit(ep, tcb.sndNxt, ACK | (last ? PSH : 0) | (fin ? FIN : 0), data);
      tcb.rtxQueue.push({ seq: tcb.sndNxt, syn: false, data, fin });
      tcb.sndNxt = seqAdd(tcb.sndNxt, n + (fin ? 1 : 0));
      if (fin) tcb.finSent = true;
      armOnSend(ep);
    }
    if (tcb.closePending && !tcb.finSent && tcb.unsent.length === 0) {
      emit(ep, tcb.sndNxt, FIN | ACK, '');
      tcb.rtxQueue.push({ seq: tcb.sndNxt, syn: false, data: '', fin: true });
      tcb.sndNxt = seqAdd(tcb.sndNxt, 1);
      tcb.finSent = true;
      armOnSend(ep);
    }
  }
  if (tcb.ackNow) sendAck(ep);
}

/**
 * RETRANSMISSION TIMEOUT (RFC 793 p.77; RFC 9293 §3.10.8; RFC 6298 §5.4-5.6): send the segment at the front
 * of the retransmission queue again, as it was, from SND.UNA; back the timer off.
 */
export function retransmit(ep: Endpoint): void {
  const tcb = ep.tcb;
  const e = tcb.rtxQueue[0];
  if (e === undefined) {
    tcb.rtxDue = OFF;
    return;
  }
  let ctl = tcb.state === 'SynSent' ? 0 : ACK;
  if (e.syn) ctl |= SYN;
  if (e.fin) ctl |= FIN;
  if (e.data.length) ctl |= PSH;
  emit(ep, e.seq, ctl, e.data, e.syn ? OUR_MSS : undefined);
  tcb.rtxCount++;
  tcb.rtxDue = ep.now + rto(ep, tcb.rtxCount);
}

/** SND.UNA advanced: drop what is now acknowledged from the retransmission queue, trimming a partly acked head. */
export function dropAcknowledged(tcb: Tcb): void {
  const q = tcb.rtxQueue;
  let i = 0;
  while (i < q.length) {
    const e = q[i];
    const end = seqAdd(e.seq, (e.syn ? 1 : 0) + e.data.length + (e.fin ? 1 : 0));
    if (!seqLeq(end, tcb.sndUna)) break;
    i++;
  }
  if (i > 0) q.splice(0, i);
  const head = q[0];
  if (head !== undefined) {
    let off = seqDiff(tcb.sndUna, head.seq);
    if (off > 0) {
      if (head.syn) {
        head.syn = false;
        off--;
      }
      head.data = head.data.slice(off);
      head.seq = tcb.sndUna;
    }
  }
}
