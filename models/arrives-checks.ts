// SEGMENT ARRIVES in SYN-RECEIVED and the synchronized states: the ordered checks of RFC 793 §3.9 p.69-76 and
// RFC 9293 §3.10.7.4 — sequence number (first), RST (second), SYN (fourth), ACK (fifth), then text and FIN.
import { Draft } from './outcome';
import { deleteTcb, returnToListen, transmit } from './output';
import { sendAck, sendResetFor } from './emit';
import type { RuleId } from './profiles';
import { ACK, FIN, RST, Segment, SYN } from './segment';
import { between, seqAdd, seqLeq } from './seq';
import { checkAck } from './arrives-ack';
import { deleteOnReset, text } from './arrives-text';
import { restartTimeWait } from './connection-timers';

/** The checks in the RFC's order; `ok` is the sequence test's verdict and `wnd` the window it was made with. */
export function checkAcceptable(d: Draft, seg: Segment, ok: boolean, wnd: number): Draft[] {
  const t = d.t;
  const vary = d.p.replaces?.synchronized;
  // first: the sequence number
  if (!ok) {
    if (seg.ctl & RST) {
      if (vary?.rstExact?.(d, seg)) return checkRst(d, seg, true);
      d.fire('seq.unacceptable.rst');
      return [d];
    }
    if (t.state === 'TimeWait' && isRetransmittedFin(d, seg)) {
      d.fire('timeWait.finRetransmitted');
      sendAck(d);
      restartTimeWait(d);
      return [d];
    }
    const withAck = seg.ctl & ACK && !(seg.ctl & SYN) && t.state !== 'TimeWait';
    const taken = withAck ? vary?.unacceptableWithAck?.(d, seg, wnd) : null;
    if (taken) return taken;
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
    const occupies = seg.data.length > 0 || seg.ctl & FIN;
    const taken =
      t.state !== 'SynReceived' && t.state !== 'TimeWait' && occupies ? vary?.textWithoutAck?.(d, seg, wnd) : null;
    if (taken) return taken;
    d.fire('ack.missing');
    return [d];
  }
  const stateBefore = t.state;
  if (t.state === 'SynReceived') {
    const ofNothing = seg.ack === t.sndUna && !t.passive && (vary?.ackOfNothingCompletes?.(d) ?? false);
    if (!ofNothing && !between(t.sndUna, seg.ack, t.sndNxt)) {
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
    const closing = s === 'Closing' || s === 'LastAck';
    const old = closing && !seqLeq(d.t.rcvNxt, seg.seq) ? vary?.oldIgnoredInClosing?.(d, seg, wnd) : null;
    if (old) return old;
    return (s === 'Closing' || s === 'LastAck') && (d.t.sendQueue.length > 0 || (d.t.finQueued && !d.t.finSent))
      ? transmit(d)
      : [d];
  }
  if (d.t.state === 'Closed') return [d];
  const queuedClose = stateBefore === 'SynReceived' && d.t.state === 'FinWait1' && !d.t.passive && !d.t.finSent;
  const closed = queuedClose && d.t.sendQueue.length === 0 ? vary?.queuedCloseOnHandshake?.(d, seg, wnd) : null;
  if (closed) return closed;
  // sixth (URG) is out of scope; seventh: text; eighth: FIN
  return text(d, seg, wnd, stateBefore);
}

function isRetransmittedFin(d: Draft, seg: Segment): boolean {
  // The peer's FIN occupies RCV.NXT-1; a copy of it may carry the data before it too.
  return (seg.ctl & FIN) !== 0 && seqAdd(seg.seq, seg.data.length) === seqAdd(d.t.rcvNxt, -1);
}

/**
 * The ACK of our SYN arrived in SYN-RECEIVED: ESTABLISHED, or FIN-WAIT-1 when a CLOSE was queued meanwhile,
 * with the send window taken from the segment (RFC 9293 §3.10.7.4, fifth). False where the profile refuses the
 * handshake instead (its rules fired).
 */
export function enterEstablished(d: Draft, seg: Segment, rule: RuleId): boolean {
  const t = d.t;
  if (d.p.replaces?.synchronized?.handshakeRefused?.(d)) return false;
  d.fire(rule);
  t.state = t.finQueued ? 'FinWait1' : 'Established';
  t.sndWnd = seg.wnd;
  t.sndWl1 = seg.seq;
  t.sndWl2 = seg.ack;
  return true;
}

/** The second check; `exact`: the profile took the RST's SEQ as RCV.NXT (SynchronizedVariations.rstExact). */
function checkRst(d: Draft, seg: Segment, exact = false): Draft[] {
  const t = d.t;
  const atRcvNxt = exact || seg.seq === t.rcvNxt || (d.p.replaces?.synchronized?.rstExact?.(d, seg) ?? false);
  if (d.p.features.has('rfc5961.rst') && !atRcvNxt) {
    d.fire('rst.challenge');
    sendAck(d);
    return [d];
  }
  switch (t.state) {
    case 'SynReceived':
      if (d.p.replaces?.synchronized?.resetInSynReceived?.(d)) {
        // The profile's own answer.
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
      deleteOnReset(d);
      return [d];
    default:
      d.fire('rst.closing');
      if (d.t.state !== 'TimeWait') d.p.replaces?.synchronized?.resetWhileClosing?.(d);
      deleteOnReset(d);
      return [d];
  }
}

function checkSyn(d: Draft, seg: Segment): Draft[] {
  const t = d.t;
  if (t.state === 'SynReceived' && t.passive && d.p.features.has('rfc1122.synInSynReceived')) {
    d.fire('syn.synReceived.passive');
    d.p.replaces?.synchronized?.synBackToListen?.(d, seg);
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
