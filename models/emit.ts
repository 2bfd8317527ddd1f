// Sending a segment and what goes with it: the window advertised, the resets, the timers a transmission starts
// (RFC 793 §3.7, §3.4; RFC 9293 §3.8, §3.5.2; RFC 6298 §5).
import { Draft } from './outcome';
import { seqAdd } from './seq';
import { ACK, FIN, RST, SYN, Segment } from './segment';

/** The window to advertise: the free space of the receive buffer. The harness replaces it with what the IUT
 *  really advertised, since buffer sizes are the IUT's own business. */
export function advertise(d: Draft): number {
  const t = d.t;
  const wnd = Math.max(0, Math.max(d.p.params.rcvBuffer, t.rcvWndMax) - t.rcvQueue.length);
  t.rcvWnd = wnd;
  if (wnd > t.rcvWndMax) t.rcvWndMax = wnd;
  return wnd;
}

export function emit(d: Draft, seg: Segment): void {
  if (seg.ctl & ACK) d.t.ackDue = null; // every segment with ACK carries the owed acknowledgment
  d.segments.push(seg);
}

/** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
export function sendAck(d: Draft): void {
  const t = d.t;
  emit(d, { seq: t.sndNxt, ack: t.rcvNxt, ctl: ACK, wnd: advertise(d), data: '' });
}

/** A reset in reply to a segment, formed as RFC 793 §3.4 p.36 / RFC 9293 §3.5.2 say: take SEQ from the
 *  segment's ACK when it has one, otherwise SEQ=0 and acknowledge the segment. */
export function sendResetFor(d: Draft, seg: Segment): void {
  if (d.p.replaces?.output?.resetFor?.(d, seg)) return;
  const len = seg.data.length + (seg.ctl & SYN ? 1 : 0) + (seg.ctl & FIN ? 1 : 0);
  if (!(seg.ctl & ACK)) emit(d, { seq: 0, ack: seqAdd(seg.seq, len), ctl: RST | ACK, wnd: 0, data: '' });
  else emit(d, { seq: seg.ack, ack: 0, ctl: RST, wnd: 0, data: '' });
}

/** <SEQ=SND.NXT><CTL=RST>, the reset of ABORT (RFC 9293 §3.10.5). */
export function sendReset(d: Draft): void {
  if (d.p.replaces?.output?.reset?.(d)) return;
  emit(d, { seq: d.t.sndNxt, ack: 0, ctl: RST, wnd: 0, data: '' });
}

/** The reset an IUT sends on its own account (ABORT, a half-duplex CLOSE that loses data): the RFC's
 *  <SEQ=SND.NXT><CTL=RST>, or the profile's. */
export function sendAbortReset(d: Draft): void {
  if (d.p.replaces?.output?.abortReset?.(d)) return;
  sendReset(d);
}

/** The latest an RTO can be: rtoMax (RFC 6298 §2.5), or the profile's own ceiling. */
export function rtoCeiling(d: Draft): number {
  return d.p.replaces?.output?.rtoCeiling?.(d) ?? d.p.params.rtoMax;
}

/** The earliest a first retransmission may come: RFC 6298's 1 s during the handshake (no RTT has been
 *  measured, §2.1) and, after it, the profile's floor on a computed RTO (§2.4: 1 s, a SHOULD). */
export function rtoFloor(d: Draft): number {
  const p = d.p.params;
  const handshake = d.t.sndUna === d.t.iss && (d.t.state === 'SynSent' || d.t.state === 'SynReceived');
  return handshake ? p.rtoInitial : (p.rtoMin ?? p.rtoInitial);
}

/** Start the retransmission and user timers if they are not running (RFC 6298 §5.1). */
export function armTimers(d: Draft): void {
  const t = d.t;
  const p = d.p.params;
  if (t.rtxLo === null) {
    if (!d.p.replaces?.output?.idleTimerKeepsRtxCount?.(d)) t.rtxCount = 0;
    t.rtxLo = t.now + rtoFloor(d);
    t.rtxHi = t.now + rtoCeiling(d);
  }
  if (t.utLo === null && p.userTimeoutLo !== null && p.userTimeoutHi !== null) {
    t.utLo = t.now + p.userTimeoutLo;
    t.utHi = t.now + p.userTimeoutHi;
  }
}
