// Linux in SYN-RECEIVED and the synchronized states (profile linux): its departures from RFC 9293 §3.10.7.4,
// each switched on by its feature (docs/design.md §7).
import { checkAcceptable } from '../arrives-checks';
import { deleteOnReset, text } from '../arrives-text';
import { Draft } from '../outcome';
import { deleteTcb, resend, retransmission, transmit } from '../output';
import { sendAck, sendResetFor } from '../emit';
import type { SynchronizedVariations } from '../profile';
import { seqAdd, seqDiff, seqLt } from '../seq';
import { ACK, FIN, RST, SYN, Segment } from '../segment';
import { windowEdgePasses } from './window-edge';
import { closingText, edgeText, endPastWindow, rstAfterFinExact } from './linux-validate';
import { handshakeRefused, resetInSynReceived } from './api-calls';

/** The peer sent its SYN again, so our SYN,ACK was lost: it goes again ('synAgainGetsSynAck'), where the first
 *  check would send an ACK the peer cannot accept. Like that ACK, it may be withheld (rate limit). */
function synReceivedArrives(d: Draft, seg: Segment): Draft[] | null {
  const t = d.t;
  if (
    (seg.ctl & (ACK | RST)) === ACK &&
    t.passive &&
    seg.ack !== t.sndNxt &&
    d.p.features.has('synReceivedBadAckFirst')
  ) {
    // The request sock checks SEG.ACK before anything else: a wrong one is refused with a reset formed from the
    // segment, whatever its SEQ and SYN, and the request stays. A RST still ends it (seen on this kernel).
    d.fire('synReceived.ack.checkedFirst');
    sendResetFor(d, seg);
    return [d];
  }
  if (!t.passive || (seg.ctl & (SYN | ACK | RST)) !== SYN || seg.seq !== t.irs) return null;
  if (!d.p.features.has('synAgainGetsSynAck')) return null;
  const quiet = d.fork();
  quiet.fire('synReceived.syn.synAckAgain');
  quiet.fire('ack.rateLimited');
  d.fire('synReceived.syn.synAckAgain');
  const again = retransmission(d);
  if (again) resend(d, again);
  return [d, quiet];
}

/** The crossed SYN,ACK is an old segment whose controls count ('oldSegmentControls'): the handshake completes
 *  and its duplicate SYN is acknowledged. */
function crossedSynAck(crossed: Draft): Draft[] {
  if (!crossed.p.features.has('oldSegmentControls')) return [];
  const acked: Draft[] = [];
  const a = crossed.fork();
  a.fire('seq.old.controlsAccepted');
  sendAck(a);
  acked.push(...transmit(a));
  // The acknowledgment may also follow what the completed handshake lets out (a queued FIN, say): the kernel
  // sends data before it checks for owed ACKs (tcp_data_snd_check() comes before tcp_ack_snd_check()).
  const b = crossed.fork();
  b.fire('seq.old.controlsAccepted');
  const before = b.segments.length;
  for (const o of transmit(b))
    if (o.segments.length > before) {
      sendAck(o);
      acked.push(o);
    }
  return acked;
}

/**
 * An implementation choice (profiles with 'oldSegmentControls'): a segment whose text ends exactly at RCV.NXT
 * is old, and unacceptable by the first check of RFC 9293 §3.10.7.4; it is taken as acceptable instead, so
 * its RST and ACK fields are processed, and its text, all of it a duplicate, is answered with an ACK (or not).
 * Not in a passive SYN-RECEIVED (an implementation may keep only a small record of a half-open connection, with
 * the RFC's test), and not for a SYN without RST, which the RFC's tests already cover. A RST is challenged and
 * the segment dropped there (tcp_validate_incoming()): no second ACK follows.
 */
function oldSegmentControls(d: Draft, seg: Segment): Draft[] {
  d.fire('seq.old.controlsAccepted');
  // A FIN on it lies below RCV.NXT too: a copy of one already taken, or one overtaken; it is not processed.
  const outcomes = checkAcceptable(d, { ...seg, ctl: seg.ctl & ~FIN }, true, d.t.rcvWnd);
  // The duplicate text is acknowledged at once, by an ACK of its own after whatever the segment's controls
  // let out (a FIN, say), unless the segment ended the connection's life as a socket (an orphan leaving
  // FIN-WAIT-1 is consumed silently) or a segment that went anyway carried the acknowledgment: all allowed.
  const acked: Draft[] = [];
  if (seg.ctl & RST) return outcomes;
  for (const o of outcomes)
    if (o.t.state !== 'Closed') {
      const a = o.fork();
      sendAck(a);
      acked.push(a);
    }
  return [...acked, ...outcomes];
}

/** The CLOSE queued in SYN-RECEIVED is carried out as the handshake completes, before the rest of the segment:
 *  its FIN acknowledges RCV.NXT as it stood ('closeQueuedInSynReceived'). */
function queuedCloseOnHandshake(d: Draft, seg: Segment, wnd: number): Draft[] | null {
  if (!d.p.features.has('closeQueuedInSynReceived')) return null;
  d.fire('synReceived.ack.queuedFin');
  return transmit(d).flatMap((x) => text(x, seg, wnd, 'SynReceived'));
}

/** Text after close() (or a FIN ahead of RCV.NXT): the kernel resets as for a segment that found no socket, the
 *  RST formed from the segment ('closeResetFromSegment'). */
function resetAfterClose(d: Draft, seg: Segment): Draft[] | null {
  if (!d.p.features.has('closeResetFromSegment')) return null;
  d.fire('text.afterClose.resetFromSegment');
  sendResetFor(d, seg);
  deleteTcb(d);
  return [d];
}

/** Text that starts below RCV.NXT and runs past the peer's FIN is taken for data after a shutdown, and the
 *  connection is reset with a reset formed from the segment ('dataAfterFinResets', a bug). */
function overlapAfterFin(d: Draft, seg: Segment): Draft[] | null {
  if (!d.p.features.has('dataAfterFinResets')) return null;
  d.fire('text.afterFin.reset');
  sendResetFor(d, seg);
  d.signals.push('connection reset');
  deleteOnReset(d);
  return [d];
}

/**
 * An ACK below our ISS+1 acknowledges octets never sent ('ackBoundBySent'): the RFC 5961 §5.2 bound is then the
 * smaller of MAX.SND.WND and what was ever sent (a passive open's SYN is not counted: its ACK is taken before the
 * connection has a send sequence of its own).
 */
function tooOldAck(d: Draft, seg: Segment): boolean | null {
  if (!d.p.features.has('ackBoundBySent') || !d.p.features.has('rfc5961.ack')) return null;
  const t = d.t;
  const bound = Math.min(t.maxSndWnd, seqDiff(t.sndUna, t.iss) - (t.passive ? 1 : 0));
  if (!seqLt(seg.ack, seqAdd(t.sndUna, -bound))) return false;
  d.fire('ack.tooOld');
  if (bound < t.maxSndWnd && !seqLt(seg.ack, seqAdd(t.sndUna, -t.maxSndWnd))) d.fire('ack.tooOld.neverSent');
  return true;
}

/** Text received before a RST stays readable after it ('resetKeepsReceived': the socket holds it, tcp_reset()
 *  does not purge the receive queue). */
function afterReset(d: Draft, unread: string): void {
  if (!unread || !d.p.features.has('resetKeepsReceived')) return;
  d.fire('rst.receivedKept');
  d.t.rcvQueue = unread;
}

export const linuxSynchronized: SynchronizedVariations = {
  handshakeRefused,
  resetInSynReceived,
  synReceivedArrives,
  crossedSynAck,
  windowEdgePasses,
  oldSegment: (d, seg) => (d.p.features.has('oldSegmentControls') ? oldSegmentControls(d, seg) : null),
  ackOfNothingCompletes: (d) => {
    // An ACK of SND.UNA, which acknowledges nothing, completes the handshake ('synReceivedAckOfNothing', a bug).
    if (!d.p.features.has('synReceivedAckOfNothing')) return false;
    d.fire('synReceived.ackOfNothing');
    return true;
  },
  queuedCloseOnHandshake,
  synBackToListen: (d, seg) => {
    // The SYN is also refused with a reset formed from it, RFC 793 p.71's answer ('synReceivedSynResets').
    if (!d.p.features.has('synReceivedSynResets')) return;
    d.fire('syn.synReceived.reset');
    sendResetFor(d, seg);
  },
  tooOldAck,
  rstExact: rstAfterFinExact,
  oldIgnoredInClosing: closingText,
  unacceptableWithAck: edgeText,
  endPastWindowRefused: endPastWindow,
  textAfterClose: (d, _data, _fin, _wnd, seg) => resetAfterClose(d, seg),
  // A FIN ahead of RCV.NXT counts as new data too: the test is SEG.SEQ+SEG.LEN-FIN past RCV.NXT.
  finAheadAfterClose: resetAfterClose,
  // A socket that outlives its TCB ('closedSocketRemembers') still holds the text nobody read.
  closedKeepsText: (d) => d.p.features.has('closedSocketRemembers'),
  afterReset,
  overlapAfterFin,
};
