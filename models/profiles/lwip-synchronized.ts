// lwIP in SYN-RECEIVED and the synchronized states (profile lwip): its departures from RFC 9293 §3.10.7.4, each
// switched on by its feature (docs/design.md §7). File and function names are lwIP's (src/core/tcp_in.c).
import { arrivesInWindow } from '../arrives-synchronized';
import { checkAcceptable, enterEstablished } from '../arrives-checks';
import { after, drainHeld, text } from '../arrives-text';
import { Draft } from '../outcome';
import { deleteTcb, resend, retransmission } from '../output';
import { rtoCeiling, sendAck, sendResetFor } from '../emit';
import type { SynchronizedVariations } from '../profile';
import { between, seqAdd, seqGt } from '../seq';
import { ACK, FIN, RST, SYN, Segment, segLen } from '../segment';
import { acceptable, windows } from '../window';
import { windowEdgePasses } from './window-edge';
import { handshakeRefused, resetInSynReceived } from './api-calls';
import { lwipState } from './lwip-state';

/** SYN-RECEIVED before the checks: a SYN without ACK is a copy of the peer's, and an ACK is judged first. */
function synReceivedArrives(d: Draft, seg: Segment): Draft[] | null {
  const f = d.p.features;
  if ((seg.ctl & (SYN | ACK | RST)) === SYN && f.has('synReceivedSynIsRetransmission')) return synAgain(d, seg);
  if ((seg.ctl & (SYN | ACK | RST)) === 0 && f.has('synReceivedNoAckIgnored')) {
    // tcp_process() looks at nothing but an ACK or a SYN in SYN_RCVD: no sequence test, so no ACK either.
    d.fire('synReceived.noAck.ignored');
    return [d];
  }
  if ((seg.ctl & (ACK | RST)) === ACK && f.has('synReceivedAckFirst')) {
    const len = segLen(seg);
    if (seg.ctl & SYN || !windows(d).some((w) => acceptable(seg.seq, len, d.t.rcvNxt, w))) return ackFirst(d, seg);
  }
  return null;
}

/**
 * An implementation choice (profiles with 'synReceivedSynIsRetransmission'): in SYN-RECEIVED a SYN without
 * ACK is taken for a copy of the peer's SYN whatever its sequence number, instead of going through the
 * sequence and SYN checks (RFC 9293 §3.10.7.4 first and fourth): a copy at IRS gets the SYN,ACK again,
 * any other is dropped. The connection stays in SYN-RECEIVED.
 */
function synAgain(d: Draft, seg: Segment): Draft[] {
  const again = seg.seq === d.t.irs ? retransmission(d) : null;
  if (again) {
    d.fire('synReceived.syn.retransmitted');
    resend(d, again);
  } else d.fire('synReceived.syn.ignored');
  return [d];
}

/**
 * An implementation choice (profiles with 'synReceivedAckFirst'): in SYN-RECEIVED a segment with ACK is judged
 * by its ACK alone, before the sequence number and SYN checks (RFC 9293 §3.10.7.4 first, fourth, fifth). An
 * unacceptable ACK gets a reset; an acceptable one completes the handshake, and the rest of the segment is then
 * processed as in ESTABLISHED. Only segments the RFC's order would treat differently come here.
 */
function ackFirst(d: Draft, seg: Segment): Draft[] {
  const t = d.t;
  if (!between(t.sndUna, seg.ack, t.sndNxt)) {
    d.fire('synReceived.ackFirst.unacceptable');
    sendResetFor(d, seg);
    return [d];
  }
  if (!enterEstablished(d, seg, 'synReceived.ackFirst')) return [d];
  t.sndUna = seg.ack;
  if (t.sndUna === t.sndNxt) t.rtxLo = t.rtxHi = t.utLo = t.utHi = null;
  t.rtxCount = 0;
  // Its SYN was looked at in SYN_RCVD, where tcp_process() does not challenge one: the rest goes on without it.
  return arrivesInWindow(d, { ...seg, ctl: seg.ctl & ~SYN });
}

/**
 * An implementation choice (profiles with 'ackOfUnacceptableSegment'): a segment that fails the sequence test
 * (RFC 9293 §3.10.7.4, first check) is still answered with an ACK and its text and FIN dropped, but its ACK
 * field is processed first as the fifth check would (new data acknowledged, the window updated, a FIN of ours
 * acknowledged). The answering ACK goes out at once, before what the ACK lets out, or, where that sends
 * something, may ride on it.
 */
function ackOfUnacceptable(d: Draft, seg: Segment, wnd: number): Draft[] {
  d.fire('seq.unacceptable.ackProcessed');
  const bare: Segment = { ...seg, data: '', ctl: seg.ctl & ~FIN };
  if (d.t.state === 'LastAck' && d.t.finSent && seg.ack === d.t.sndNxt) {
    // The ACK of our FIN ends the connection first, and the answer owed to the segment goes with it.
    d.fire('lastAck.unacceptable.closedSilently');
    return checkAcceptable(d, bare, true, wnd);
  }
  const first = d.fork();
  sendAck(first);
  const before = d.segments.length;
  const riding = checkAcceptable(d, bare, true, wnd).filter(
    (o) => o.segments.length > before && o.segments.slice(before).every((x) => x.ctl & ACK && !(x.ctl & RST)),
  );
  return [...checkAcceptable(first, bare, true, wnd), ...riding];
}

/** With the window closed an acceptable segment without octets is answered with an ACK anyway
 *  ('zeroWindowAcksAll', a bug: tcp_receive() tests [rcv_nxt, rcv_nxt + rcv_wnd - 1]). */
function zeroWindowEmpty(outs: Draft[]): void {
  if (outs.length === 0 || !outs[0].p.features.has('zeroWindowAcksAll')) return;
  for (const o of outs)
    if (o.t.state !== 'Closed' && !o.segments.some((x) => x.ctl & ACK)) {
      o.fire('seq.zeroWindow.acked');
      sendAck(o);
    }
}

/** Text and FIN are taken without the ACK bit, skipping the fifth check's drop ('textWithoutAck', a bug). */
function textWithoutAck(d: Draft, seg: Segment, wnd: number): Draft[] | null {
  if (!d.p.features.has('textWithoutAck')) return null;
  d.fire('ack.missing.textAccepted');
  return text(d, seg, wnd, d.t.state);
}

/** A segment starting below RCV.NXT is still answered with an ACK ('oldTextAckedAfterFin'). */
function oldIgnoredInClosing(d: Draft): Draft[] | null {
  if (!d.p.features.has('oldTextAckedAfterFin')) return null;
  d.fire('closing.oldSeq.acked');
  return after(d, 'now');
}

/** The user, who still holds the connection, is told of the reset ('resetReportedWhenClosing'). */
function resetWhileClosing(d: Draft): void {
  if (!d.p.features.has('resetReportedWhenClosing')) return;
  d.fire('rst.closing.reported');
  d.signals.push('connection reset');
}

/** The text (and a FIN behind it) is taken into the window first, so the reset acknowledges the octets it
 *  throws away ('resetAfterTakingText'); text ahead of RCV.NXT is not reset. */
function textAfterClose(d: Draft, data: string, fin: boolean, wnd: number): Draft[] | null {
  if (!d.p.features.has('resetAfterTakingText')) return null;
  const t = d.t;
  d.fire('text.afterClose.resetAcksText');
  const taken = Math.min(data.length, Math.max(0, wnd));
  let finTaken = fin && taken === data.length;
  t.rcvNxt = seqAdd(t.rcvNxt, taken);
  // Segments held ahead of RCV.NXT that now follow on are taken too.
  if (taken === data.length && !fin && drainHeld(d)) finTaken = true;
  if (finTaken) t.rcvNxt = seqAdd(t.rcvNxt, 1);
  if (finTaken && t.state === 'FinWait2') {
    // The FIN took the connection to TIME-WAIT before the reset was due, and TIME-WAIT is dropped quietly.
    d.fire('text.afterClose.timeWaitDropped');
    deleteTcb(d);
    return [d];
  }
  return null;
}

/** The ACK of text ahead of RCV.NXT goes out on its own at once, before what the segment's ACK lets out
 *  ('outOfOrderAckFirst'). */
function outOfOrderAckedAlone(d: Draft): boolean {
  if (!d.p.features.has('outOfOrderAckFirst')) return false;
  d.fire('text.outOfOrder.ackFirst');
  sendAck(d);
  return true;
}

/**
 * A bug where it occurs (params.rtoWildMax): an ACK above SND.NXT is taken as an RTT sample while a segment is
 * timed, and the RTO recomputed from it may then take any value up to rtoWildMax (lwIP tcp_in.c tcp_receive()).
 */
function futureAck(d: Draft, seg: Segment): void {
  const t = d.t;
  if (d.p.params.rtoWildMax == null || t.rtxLo === null || !seqGt(seg.ack, t.sndUna)) return;
  d.fire('ack.future.rttSample');
  lwipState.set(t, { rtoWild: true });
  t.rtxLo = t.now;
  t.rtxHi = t.now + rtoCeiling(d);
}

export const lwipSynchronized: SynchronizedVariations = {
  handshakeRefused,
  resetInSynReceived,
  futureAck,
  futureAckGoesOn: (d, seg) => {
    // Only text or a FIN has anything left to process.
    if (!d.p.features.has('futureAckGoesOn') || (!seg.data && !(seg.ctl & FIN))) return false;
    d.fire('ack.future.goesOn');
    return true;
  },
  synReceivedArrives,
  windowEdgePasses,
  zeroWindowEmpty,
  unacceptableWithAck: (d, seg, wnd) =>
    d.t.state !== 'SynReceived' && d.p.features.has('ackOfUnacceptableSegment') ? ackOfUnacceptable(d, seg, wnd) : null,
  textWithoutAck,
  oldIgnoredInClosing,
  resetWhileClosing,
  aheadAfterCloseWaits: (d) => d.p.features.has('resetAfterTakingText'),
  textAfterClose,
  outOfOrderAckedAlone,
};
