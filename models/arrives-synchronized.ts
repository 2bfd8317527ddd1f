// SEGMENT ARRIVES in SYN-RECEIVED and the synchronized states: the ordered checks of RFC 793 §3.9 p.69-76
// and RFC 9293 §3.10.7.4 — sequence number, RST, SYN, ACK, text, FIN.
import { Draft } from './outcome';
import type { RuleId } from './profiles';
import { deleteTcb, rtoCeiling, rtoFloor, resend, retransmission, returnToListen, sendAck, sendReset, sendResetFor, transmit } from './output';
import { between, inWindow, seqAdd, seqDiff, seqGt, seqLeq, seqLt } from './seq';
import { ACK, FIN, RST, SYN, Segment, segLen } from './segment';
import { State } from './state';
import { Tcb } from './tcb';

/** The four cases of the acceptability test (RFC 793 §3.3 p.26; RFC 9293 §3.4) for a given RCV.WND. */
export function acceptable(seq: number, len: number, rcvNxt: number, wnd: number): boolean {
  if (len === 0) return wnd === 0 ? seq === rcvNxt : inWindow(seq, rcvNxt, wnd);
  if (wnd === 0) return false;
  return inWindow(seq, rcvNxt, wnd) || inWindow(seqAdd(seq, len - 1), rcvNxt, wnd);
}

/**
 * The IUT's true RCV.WND lies between what it last advertised and what its buffer could hold (the largest
 * window it ever advertised, less what is queued): where the two readings disagree, both are allowed.
 */
export function windows(d: Draft): number[] {
  const t = d.t;
  const wide = Math.max(t.rcvWnd, t.rcvWndMax - t.rcvQueue.length);
  return wide === t.rcvWnd ? [t.rcvWnd] : [t.rcvWnd, wide];
}

/** Where the profile bounds SYN-RECEIVED (an implementation choice), (re)start its timer. */
export function startSynReceivedTimer(d: Draft): void {
  const p = d.p.params;
  if (p.synReceivedTimeoutLo != null && p.synReceivedTimeoutHi != null) {
    d.t.srLo = d.t.now + p.synReceivedTimeoutLo;
    d.t.srHi = d.t.now + p.synReceivedTimeoutHi;
  }
}

/** Where the profile bounds LAST-ACK (an implementation choice), (re)start its timer on an arrival. */
function startLastAckTimer(d: Draft, seg: Segment): void {
  const p = d.p.params;
  if (p.lastAckTimeoutLo == null || p.lastAckTimeoutHi == null || seg.ctl & (RST | SYN) || d.t.receiveClosed) return;
  d.t.laLo = d.t.now + p.lastAckTimeoutLo;
  d.t.laHi = d.t.now + p.lastAckTimeoutHi;
}

export function arrivesSynchronized(d: Draft, seg: Segment): Draft[] {
  // The SYN-RECEIVED timer counts from the last segment that was not a RST.
  if (d.t.state === 'SynReceived' && !(seg.ctl & RST)) startSynReceivedTimer(d);
  startLastAckTimer(d, seg);
  if (d.t.state === 'SynReceived' && (seg.ctl & (SYN | ACK | RST)) === SYN && d.p.features.has('synReceivedSynIsRetransmission')) {
    return synAgain(d, seg);
  }
  if (d.t.state === 'SynReceived' && d.t.passive && (seg.ctl & (SYN | ACK | RST)) === SYN && seg.seq === d.t.irs && d.p.features.has('synAgainGetsSynAck')) {
    // Implementation choice: the peer sent its SYN again, so our SYN,ACK was lost: it goes again, where the
    // first check would send an ACK the peer cannot accept. Like that ACK, it may be withheld (rate limit).
    const quiet = d.fork();
    quiet.fire('synReceived.syn.synAckAgain');
    quiet.fire('ack.rateLimited');
    d.fire('synReceived.syn.synAckAgain');
    const again = retransmission(d);
    if (again) resend(d, again);
    return [d, quiet];
  }
  if (d.t.state === 'SynReceived' && (seg.ctl & (ACK | RST)) === ACK && d.p.features.has('synReceivedAckFirst')) {
    const len = segLen(seg);
    if (seg.ctl & SYN || !windows(d).some((w) => acceptable(seg.seq, len, d.t.rcvNxt, w))) return ackFirst(d, seg);
  }
  const crossed = crossedSynAck(d, seg);
  if (crossed) {
    // With 'oldSegmentControls' the crossed SYN,ACK is an old segment whose controls count: the handshake
    // completes and its duplicate SYN is acknowledged.
    const acked: Draft[] = [];
    if (d.p.features.has('oldSegmentControls')) {
      const a = crossed.fork();
      a.fire('seq.old.controlsAccepted');
      sendAck(a);
      acked.push(...transmit(a));
      // The acknowledgment may also follow what the completed handshake lets out (a queued FIN, say): an
      // implementation that sends data before it checks for owed ACKs (Linux: tcp_data_snd_check() comes
      // before tcp_ack_snd_check()).
      const b = crossed.fork();
      b.fire('seq.old.controlsAccepted');
      const before = b.segments.length;
      for (const o of transmit(b))
        if (o.segments.length > before) {
          sendAck(o);
          acked.push(o);
        }
    }
    return [...arrivesInWindow(d, seg), ...transmit(crossed), ...acked];
  }
  return arrivesInWindow(d, seg);
}

function arrivesInWindow(d: Draft, seg: Segment): Draft[] {
  const t = d.t;
  const len = segLen(seg);
  // A bug where it occurs ('windowEdgeInclusive'): a segment without octets at the right edge passes the test.
  const edgeFeature = d.p.features.has('windowEdgeInclusive') || ((seg.ctl & RST) !== 0 && d.p.features.has('rstWindowEdgeInclusive'));
  const edge = (w: number) => len === 0 && w > 0 && seg.seq === seqAdd(t.rcvNxt, w) && edgeFeature;
  const ws = windows(d);
  const verdicts = ws.map((w) => acceptable(seg.seq, len, t.rcvNxt, w) || edge(w));
  const edgeRule = d.p.features.has('windowEdgeInclusive') ? 'seq.windowEdge.accepted' : 'seq.windowEdge.rstChallenged';
  if ((t.state !== 'SynReceived' || !t.passive) && len > 0 && !(seg.ctl & SYN) && !(seg.ctl & FIN && t.state === 'TimeWait') && seqAdd(seg.seq, len) === t.rcvNxt && d.p.features.has('oldSegmentControls')) return oldSegmentControls(d, seg);
  if (verdicts.length === 2 && verdicts[0] !== verdicts[1]) {
    // The advertised window refuses the segment, the wider one takes it.
    const wide = d.fork();
    if (edge(ws[1])) wide.fire(edgeRule);
    return [...checkAcceptable(d, seg, false, t.rcvWnd), ...checkAcceptable(wide, seg, true, wide.t.rcvWndMax - wide.t.rcvQueue.length)];
  }
  if (verdicts[0] && ws.some(edge)) d.fire(edgeRule);
  const outs = checkAcceptable(d, seg, verdicts[0], verdicts.length === 2 ? t.rcvWndMax - t.rcvQueue.length : t.rcvWnd);
  if (len === 0 && ws.length === 1 && t.rcvWnd === 0 && verdicts[0] && !(seg.ctl & RST) && d.p.features.has('zeroWindowAcksAll')) {
    // A bug where it occurs: with the window closed, the acceptable segment is answered with an ACK anyway.
    for (const o of outs)
      if (o.t.state !== 'Closed' && !o.segments.some((x) => x.ctl & ACK)) {
        o.fire('seq.zeroWindow.acked');
        sendAck(o);
      }
  }
  return outs;
}

/** SYN-SENT → ESTABLISHED with text or a FIN on the SYN,ACK: process them now, acknowledging at once. */
export function textAfterSyn(d: Draft, seg: Segment): Draft[] {
  const rest: Segment = { ...seg, seq: seqAdd(seg.seq, 1), ctl: seg.ctl & ~SYN };
  const outs = text(d, rest, d.t.rcvWnd > 0 ? d.t.rcvWnd : d.p.params.rcvBuffer, 'Established');
  // The SYN,ACK itself must be acknowledged at once: the delayed variants are not allowed here.
  return outs.filter((o) => o.t.ackDue === null);
}

/**
 * Simultaneous open (RFC 793 §3.4 Figure 8; RFC 9293 §3.5 Figure 7, line 6): the peer's SYN,ACK lies at IRS,
 * just below RCV.NXT, so the acceptability test rejects it and an ACK goes back; the figure instead shows it
 * completing the handshake at once. Both readings are allowed.
 */
function crossedSynAck(d: Draft, seg: Segment): Draft | null {
  const t = d.t;
  if (t.state !== 'SynReceived' || t.passive || (seg.ctl & (SYN | ACK | RST)) !== (SYN | ACK)) return null;
  if (seg.seq !== t.irs || !between(t.sndUna, seg.ack, t.sndNxt)) return null;
  const x = d.fork();
  x.fire('synReceived.synAckCrossed');
  x.t.state = x.t.finQueued ? 'FinWait1' : 'Established';
  x.t.sndUna = seg.ack;
  x.t.sndWnd = seg.wnd;
  x.t.sndWl1 = seg.seq;
  x.t.sndWl2 = seg.ack;
  x.t.rtxLo = x.t.rtxHi = x.t.utLo = x.t.utHi = null;
  x.t.rtxCount = 0;
  return x;
}

/**
 * An implementation choice (profiles with 'oldSegmentControls'): a segment whose text ends exactly at RCV.NXT
 * is old, and unacceptable by the first check of RFC 9293 §3.10.7.4; it is taken as acceptable instead, so
 * its RST and ACK fields are processed, and its text, all of it a duplicate, is answered with an ACK (or not).
 * Not in a passive SYN-RECEIVED (an implementation may keep only a small record of a half-open connection, with
 * the RFC's test), and not for segments with SYN or FIN, which the RFC's tests already cover.
 */
function oldSegmentControls(d: Draft, seg: Segment): Draft[] {
  d.fire('seq.old.controlsAccepted');
  // A FIN on it lies below RCV.NXT too: a copy of one already taken, or one overtaken; it is not processed.
  const outcomes = checkAcceptable(d, { ...seg, ctl: seg.ctl & ~FIN }, true, d.t.rcvWnd);
  // The duplicate text is acknowledged at once, by an ACK of its own after whatever the segment's controls
  // let out (a FIN, say), unless the segment ended the connection's life as a socket (an orphan leaving
  // FIN-WAIT-1 is consumed silently) or a segment that went anyway carried the acknowledgment: all allowed.
  const acked: Draft[] = [];
  for (const o of outcomes)
    if (o.t.state !== 'Closed') {
      const a = o.fork();
      sendAck(a);
      acked.push(a);
    }
  return [...acked, ...outcomes];
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
 * An implementation choice (profiles with 'synReceivedAckFirst'): in SYN-RECEIVED a segment with ACK is judged
 * by its ACK alone, before the sequence number and SYN checks (RFC 9293 §3.10.7.4 first, fourth, fifth). An
 * unacceptable ACK gets a reset; an acceptable one completes the handshake, and the rest of the segment is then
 * processed as in ESTABLISHED. Only segments the RFC's order would treat differently come here.
 */
/**
 * The ACK of our SYN arrived in SYN-RECEIVED: ESTABLISHED, or FIN-WAIT-1 when a CLOSE was queued meanwhile,
 * with the send window taken from the segment (RFC 9293 §3.10.7.4, fifth). Where the profile lets the
 * listener go before the connection was accepted, nobody is left to take it: it is reset instead, and
 * false is returned.
 */
function enterEstablished(d: Draft, seg: Segment, rule: RuleId): boolean {
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
  return arrivesInWindow(d, seg);
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

function isRetransmittedFin(d: Draft, seg: Segment): boolean {
  // The peer's FIN occupies RCV.NXT-1; a copy of it may carry the data before it too.
  return (seg.ctl & FIN) !== 0 && seqAdd(seg.seq, seg.data.length) === seqAdd(d.t.rcvNxt, -1);
}

function checkAcceptable(d: Draft, seg: Segment, ok: boolean, wnd: number): Draft[] {
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

/** CLOSED after a reset; profiles with 'resetKeepsReceived' keep the text received so far for RECEIVE. */
function deleteKeepingText(d: Draft): void {
  const kept = d.p.features.has('resetKeepsReceived') && !d.t.receiveClosed ? d.t.rcvQueue : '';
  deleteTcb(d);
  if (kept) {
    d.fire('rst.receivedKept');
    d.t.rcvQueue = kept;
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

/** The fifth check for the synchronized states. Returns false when the segment is dropped here. */
function checkAck(d: Draft, seg: Segment): boolean {
  const t = d.t;
  const ack = seg.ack;
  // RFC 5961 §5.2 bounds old ACKs by MAX.SND.WND; profiles with 'ackBoundBySent' bound them also by what
  // was ever acknowledged, since an ACK below our ISS+1 acknowledges octets we never sent (a passive open's
  // SYN is not counted: its ACK is taken before the connection has a send sequence of its own).
  const maxOld = d.p.features.has('ackBoundBySent') ? Math.min(t.maxSndWnd, seqDiff(t.sndUna, t.iss) - (t.passive ? 1 : 0)) : t.maxSndWnd;
  if (d.p.features.has('rfc5961.ack') && seqLt(ack, seqAdd(t.sndUna, -maxOld))) {
    d.fire('ack.tooOld');
    if (maxOld < t.maxSndWnd && !seqLt(ack, seqAdd(t.sndUna, -t.maxSndWnd))) d.fire('ack.tooOld.neverSent');
    sendAck(d);
    return false;
  }
  if (seqGt(ack, t.sndNxt)) {
    d.fire('ack.future');
    if (d.p.params.rtoWildMax != null && t.rtxLo !== null && seqGt(ack, t.sndUna)) {
      // A bug where it occurs: the ACK is taken as an RTT sample, and the RTO is recomputed from it.
      d.fire('ack.future.rttSample');
      t.rtoWild = true;
      t.rtxLo = t.now;
      t.rtxHi = t.now + rtoCeiling(d);
    }
    sendAck(d);
    return false;
  }
  if (between(t.sndUna, ack, t.sndNxt)) {
    d.fire('ack.new');
    let acked = seqDiff(ack, t.sndUna);
    if (t.sndUna === t.iss) acked -= 1; // our SYN
    const finAcked = t.finSent && ack === t.sndNxt;
    if (finAcked) acked -= 1;
    dropAcked(t, Math.max(0, acked));
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
        startFinWait2Timer(d);
      }
      return true;
    case 'Closing':
      if (finAcked) {
        d.fire('closing.finAcked');
        enterTimeWait(d);
        return true;
      }
      return false; // otherwise the segment is ignored
    case 'LastAck':
      if (finAcked) {
        d.fire('lastAck.finAcked');
        // A socket that outlives its TCB ('closedSocketRemembers') still holds the text nobody read.
        const kept = d.p.features.has('closedSocketRemembers') ? t.rcvQueue : '';
        deleteTcb(d);
        d.t.rcvQueue = kept;
      }
      return false;
    default:
      return true;
  }
}

/** Remove `n` acknowledged bytes from the front of the retransmission queue's entries. */
/** Remove n acknowledged octets from the retransmission queue, remembering those of a partly acknowledged
 *  front entry. */
function dropAcked(t: Tcb, n: number): void {
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
  // The last entry carries a FIN that has not gone yet (finOnWaiting): it stays until that FIN is sent.
  if (segs.length === 0 && t.finOnWaiting && t.unackedSegs.length > 0) {
    const whole = t.unackedHead + t.unacked;
    const last = t.unackedSegs[t.unackedSegs.length - 1] + (t.unackedSegs.length === 1 ? t.unackedHead.length : 0);
    t.unackedHead = whole.slice(whole.length - last);
    t.unacked = '';
    t.unackedSegs = [0];
    return;
  }
  t.unacked = t.unacked.slice(off + n);
  t.unackedSegs = segs;
  t.unackedHead = segs.length > 0 ? head : '';
}

/** Where the profile bounds FIN-WAIT-2 after a half-duplex CLOSE (an implementation choice), start the timer. */
export function startFinWait2Timer(d: Draft): void {
  const p = d.p.params;
  if (d.t.receiveClosed && p.finWait2TimeoutLo != null && p.finWait2TimeoutHi != null && d.t.fw2Lo === null) {
    [d.t.fw2Lo, d.t.fw2Hi] = closedWindow(d, p.finWait2TimeoutLo, p.finWait2TimeoutHi);
  }
}

/** The window [now+lo, now+hi], or where the profile counts it from the last arrival before a half-duplex
 *  CLOSE (closedTimersFromLastArrival), from then: at the latest one slack (hi-lo) from now if that is past. */
function closedWindow(d: Draft, lo: number, hi: number): [number, number] {
  const t = d.t;
  if (!(t.receiveClosed && d.p.params.closedTimersFromLastArrival && t.heardAt !== null)) return [t.now + lo, t.now + hi];
  d.fire('timer.fromLastArrival');
  return [t.heardAt + lo, Math.max(t.heardAt + hi, t.now + hi - lo)];
}

export function enterTimeWait(d: Draft): void {
  const t = d.t;
  t.fw2Lo = t.fw2Hi = null;
  t.state = 'TimeWait';
  t.rtxLo = t.rtxHi = t.utLo = t.utHi = null;
  [t.twLo, t.twHi] = closedWindow(d, d.p.params.timeWaitLo, d.p.params.timeWaitHi);
}

export function restartTimeWait(d: Draft): void {
  d.t.twLo = d.t.now + d.p.params.timeWaitLo;
  d.t.twHi = d.t.now + d.p.params.timeWaitHi;
}

type AckNeed = 'none' | 'now' | 'delayable';

function text(d: Draft, seg: Segment, wnd: number, stateBefore: State): Draft[] {
  const t = d.t;
  // Part of the segment may lie below RCV.NXT: only the new part counts.
  const skip = Math.max(0, seqDiff(t.rcvNxt, seg.seq));
  const start = seqAdd(seg.seq, skip);
  const data = seg.data.slice(Math.min(skip, seg.data.length));
  const fin = (seg.ctl & FIN) !== 0;
  if (t.state !== 'Established' && t.state !== 'FinWait1' && t.state !== 'FinWait2') {
    // The peer's FIN has been seen, so nothing after it can be genuine: its text is ignored (seventh check).
    if (data.length === 0 && !fin) return after(d, 'none');
    if (data.length > 0 && skip > 0 && t.state !== 'TimeWait' && d.p.features.has('dataAfterFinResets')) {
      // Implementation behaviour: text that starts below RCV.NXT and runs past the peer's FIN is taken for
      // data after a shutdown, and the connection is reset (a reset formed from the segment).
      d.fire('text.afterFin.reset');
      sendResetFor(d, seg);
      d.signals.push('connection reset');
      deleteKeepingText(d);
      return [d];
    }
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
  if (data.length > 0 && t.receiveClosed && !(start !== t.rcvNxt && d.p.features.has('resetAfterTakingText'))) {
    d.fire('text.afterHalfDuplexClose');
    if (d.p.features.has('resetAfterTakingText')) {
      // Implementation behaviour: the text (and a FIN behind it) is taken into the window first, so the
      // reset acknowledges the octets it throws away.
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
    }
    sendReset(d);
    deleteTcb(d);
    return [d];
  }
  if (start !== t.rcvNxt) {
    // Ahead of RCV.NXT: hold it for later or drop it; either way acknowledge RCV.NXT at once.
    d.fire('text.outOfOrder');
    const ackFirst = d.p.features.has('outOfOrderAckFirst');
    if (ackFirst) {
      // Implementation behaviour: the ACK goes out on its own at once, before what this segment's ACK lets out.
      d.fire('text.outOfOrder.ackFirst');
      sendAck(d);
    }
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
function drainHeld(d: Draft): boolean {
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
function after(d: Draft, need: AckNeed): Draft[] {
  const base = d.segments.length;
  // (Only worth a fork when something is waiting to go.)
  const waiting = d.t.sendQueue.length > 0 || (d.t.finQueued && !d.t.finSent) || d.t.finOnWaiting || d.t.resendTo !== null;
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
