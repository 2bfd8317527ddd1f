// SEGMENT ARRIVES in SYN-RECEIVED and the synchronized states: the ordered checks of RFC 793 §3.9 p.69-76 and
// RFC 9293 §3.10.7.4 — sequence number (first), RST (second), SYN (fourth), ACK (fifth), then text and FIN.
import { Draft } from './outcome';
import { deleteTcb, returnToListen, sendAck, sendReset, sendResetFor, transmit } from './output';
import type { RuleId } from './profiles';
import { ACK, FIN, RST, Segment, SYN } from './segment';
import { between, seqAdd, seqLeq } from './seq';
import { checkAck } from './arrives-ack';
import { after, deleteKeepingText, text } from './arrives-text';
import { restartTimeWait } from './connection-timers';

/** The checks in the RFC's order; `ok` is the sequence test's verdict and `wnd` the window it was made with. */
export function checkAcceptable(d: Draft, seg: Segment, ok: boolean, wnd: number): Draft[] {
  const t = d.t;
  // first: the sequence number
  if (!ok) {
    if (seg.ctl & RST) {
      d.fire('seq.unacceptable.rst');
      return [d];
    }
    if (t.state === 'TimeWait' && isRetransmittedFin(d, seg)) {
      d.fire('timeWait.finRetransmitted');
      sendAck(d);
      restartTimeWait(d);
      return [d];
    }
    if (seg.ctl & ACK && !(seg.ctl & SYN) && t.state !== 'SynReceived' && t.state !== 'TimeWait' && d.p.features.has('ackOfUnacceptableSegment')) {
      return ackOfUnacceptable(d, seg, wnd);
    }
    d.fire('seq.unacceptable');
    sendAck(d);
    return [d];
  }
  // second: RST
  if (seg.ctl & RST) return checkRst(d, seg);
  // fourth: SYN (the third, security and precedence, is out of scope)
  if (seg.ctl & SYN) return checkSyn(d, seg);
  // fifth: ACK
  if (!(seg.ctl & ACK)) {
    if (t.state !== 'SynReceived' && t.state !== 'TimeWait' && (seg.data.length > 0 || seg.ctl & FIN) && d.p.features.has('textWithoutAck')) {
      // A bug where it occurs: text and FIN are taken without the ACK bit, skipping the fifth check's drop.
      d.fire('ack.missing.textAccepted');
      return text(d, seg, wnd, t.state);
    }
    d.fire('ack.missing');
    return [d];
  }
  const stateBefore = t.state;
  if (t.state === 'SynReceived') {
    // A bug where it occurs ('synReceivedAckOfNothing'): in an active SYN-RECEIVED an ACK of SND.UNA, which
    // acknowledges nothing, completes the handshake.
    const ofNothing = seg.ack === t.sndUna && !t.passive && d.p.features.has('synReceivedAckOfNothing');
    if (ofNothing) d.fire('synReceived.ackOfNothing');
    else if (!between(t.sndUna, seg.ack, t.sndNxt)) {
      d.fire('synReceived.ackUnacceptable');
      sendResetFor(d, seg);
      return [d];
    }
    if (!enterEstablished(d, seg, 'synReceived.ack')) return [d];
  }
  if (!checkAck(d, seg)) {
    // CLOSING and LAST-ACK ignore the rest of a segment that does not acknowledge our FIN, but what it did
    // acknowledge may let queued data (and the FIN behind it) go out.
    const s = d.t.state;
    if ((s === 'Closing' || s === 'LastAck') && d.p.features.has('oldTextAckedAfterFin') && !seqLeq(d.t.rcvNxt, seg.seq)) {
      // Implementation behaviour: a segment starting below RCV.NXT is still answered with an ACK.
      d.fire('closing.oldSeq.acked');
      return after(d, 'now');
    }
    return (s === 'Closing' || s === 'LastAck') && (d.t.sendQueue.length > 0 || (d.t.finQueued && !d.t.finSent)) ? transmit(d) : [d];
  }
  if (d.t.state === 'Closed') return [d];
  if (stateBefore === 'SynReceived' && d.t.state === 'FinWait1' && !d.t.passive && !d.t.finSent && d.t.sendQueue.length === 0 && d.p.features.has('closeQueuedInSynReceived')) {
    // Implementation choice: the CLOSE queued in SYN-RECEIVED is carried out as the handshake completes,
    // before the rest of the segment: its FIN acknowledges RCV.NXT as it stood.
    d.fire('synReceived.ack.queuedFin');
    return transmit(d).flatMap((x) => text(x, seg, wnd, stateBefore));
  }
  // sixth (URG) is out of scope; seventh: text; eighth: FIN
  return text(d, seg, wnd, stateBefore);
}

function isRetransmittedFin(d: Draft, seg: Segment): boolean {
  // The peer's FIN occupies RCV.NXT-1; a copy of it may carry the data before it too.
  return (seg.ctl & FIN) !== 0 && seqAdd(seg.seq, seg.data.length) === seqAdd(d.t.rcvNxt, -1);
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
  const riding = checkAcceptable(d, bare, true, wnd).filter((o) => o.segments.length > before && o.segments.slice(before).every((x) => x.ctl & ACK && !(x.ctl & RST)));
  return [...checkAcceptable(first, bare, true, wnd), ...riding];
}

/**
 * The ACK of our SYN arrived in SYN-RECEIVED: ESTABLISHED, or FIN-WAIT-1 when a CLOSE was queued meanwhile,
 * with the send window taken from the segment (RFC 9293 §3.10.7.4, fifth). Where the profile lets the
 * listener go before the connection was accepted, nobody is left to take it: it is reset instead, and
 * false is returned.
 */
export function enterEstablished(d: Draft, seg: Segment, rule: RuleId): boolean {
  const t = d.t;
  if (t.listenerClosed) {
    d.fire('synReceived.ack.listenerClosed');
    sendReset(d);
    deleteTcb(d);
    return false;
  }
  d.fire(rule);
  t.state = t.finQueued ? 'FinWait1' : 'Established';
  t.sndWnd = seg.wnd;
  t.sndWl1 = seg.seq;
  t.sndWl2 = seg.ack;
  return true;
}

function checkRst(d: Draft, seg: Segment): Draft[] {
  const t = d.t;
  if (d.p.features.has('rfc5961.rst') && seg.seq !== t.rcvNxt) {
    d.fire('rst.challenge');
    sendAck(d);
    return [d];
  }
  switch (t.state) {
    case 'SynReceived':
      if (t.listenerClosed) {
        d.fire('rst.synReceived.listenerClosed');
        deleteTcb(d);
      } else if (t.passive) {
        d.fire('rst.synReceived.passive');
        returnToListen(d);
      } else {
        d.fire('rst.synReceived.active');
        d.signals.push('connection refused');
        deleteTcb(d);
      }
      return [d];
    case 'Established':
    case 'FinWait1':
    case 'FinWait2':
    case 'CloseWait':
      d.fire('rst.reset');
      d.signals.push('connection reset');
      deleteKeepingText(d);
      return [d];
    default:
      d.fire('rst.closing');
      if (d.t.state !== 'TimeWait' && d.p.features.has('resetReportedWhenClosing')) {
        // Implementation choice: the user, who still holds the connection, is told of the reset.
        d.fire('rst.closing.reported');
        d.signals.push('connection reset');
      }
      deleteKeepingText(d);
      return [d];
  }
}

function checkSyn(d: Draft, seg: Segment): Draft[] {
  const t = d.t;
  if (t.state === 'SynReceived' && t.passive && d.p.features.has('rfc1122.synInSynReceived')) {
    d.fire('syn.synReceived.passive');
    if (d.p.features.has('synReceivedSynResets')) {
      // Implementation choice: the SYN is also refused with a reset formed from it (RFC 793 p.71's answer).
      d.fire('syn.synReceived.reset');
      sendResetFor(d, seg);
    }
    returnToListen(d);
    return [d];
  }
  if (d.p.features.has('rfc5961.syn')) {
    d.fire('syn.challenge');
    sendAck(d);
    return [d];
  }
  d.fire('syn.reset');
  sendResetFor(d, seg);
  d.signals.push('connection reset');
  deleteTcb(d);
  return [d];
}
