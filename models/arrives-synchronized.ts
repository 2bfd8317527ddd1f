// SEGMENT ARRIVES in SYN-RECEIVED and the synchronized states: which receive window the sequence test uses,
// and the cases ahead of the ordered checks (arrives-checks.ts): a crossed SYN,ACK, text on a SYN,ACK.
import { Draft } from './outcome';
import { resend, retransmission, sendAck, sendResetFor, transmit } from './output';
import { ACK, FIN, RST, segLen, Segment, SYN } from './segment';
import { between, seqAdd } from './seq';
import { checkAcceptable, enterEstablished } from './arrives-checks';
import { text } from './arrives-text';
import { startLastAckTimer, startSynReceivedTimer } from './connection-timers';
import { acceptable, windows } from './window';

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
