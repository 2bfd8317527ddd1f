// SEGMENT ARRIVES in CLOSED, LISTEN and SYN-SENT (RFC 793 §3.9 p.65-68; RFC 9293 §3.10.7.1-3.10.7.3).
import { Draft } from './outcome';
import { sendSyn, deleteTcb, transmit, freshIss } from './output';
import { sendAck, sendResetFor } from './emit';
import { textAfterSyn } from './arrives-synchronized';
import { between, seqAdd } from './seq';
import { ACK, FIN, RST, SYN, Segment } from './segment';

/** No TCB: every segment but a RST gets a reset (RFC 9293 §3.10.7.1). */
export function arrivesClosed(d: Draft, seg: Segment): Draft[] {
  if (seg.ctl & RST) d.fire('closed.rst');
  else {
    d.fire(seg.ctl & ACK ? 'closed.ack' : 'closed.noAck');
    sendResetFor(d, seg);
  }
  return [d];
}

export function arrivesListen(d: Draft, seg: Segment, iss: number): Draft[] {
  const t = d.t;
  // first: a RST can only be about something that no longer exists
  if (seg.ctl & RST) {
    d.fire('listen.rst');
    return [d];
  }
  // second: nothing has been sent yet, so any ACK is bad
  if (seg.ctl & ACK) {
    d.fire('listen.ack');
    sendResetFor(d, seg);
    return [d];
  }
  // third: a SYN opens the connection
  if (seg.ctl & SYN) {
    d.fire('listen.syn');
    t.irs = seg.seq;
    t.rcvNxt = seqAdd(seg.seq, 1);
    iss = freshIss(d, iss);
    t.iss = iss;
    t.sndUna = iss;
    t.sndNxt = seqAdd(iss, 1);
    t.sndWnd = seg.wnd;
    t.maxSndWnd = seg.wnd;
    t.sndMss = Math.max(seg.mss ?? 536, d.p.params.sndMssMin ?? 0);
    t.state = 'SynReceived';
    t.incarnation += 1;
    d.p.replaces?.timers?.synReceived?.(d);
    sendSyn(d, true);
    return [d];
  }
  // fourth: anything else cannot be meant for this listener
  d.fire('listen.other');
  return [d];
}

export function arrivesSynSent(d: Draft, seg: Segment): Draft[] {
  const t = d.t;
  const sndMssBefore = t.sndMss;
  const vary = d.p.replaces?.synSent;
  vary?.arrives?.(d, seg);
  const hasAck = (seg.ctl & ACK) !== 0;
  // first: the ACK must acknowledge our SYN and nothing beyond it (SND.UNA < SEG.ACK =< SND.NXT)
  if (!(vary?.ackAcceptable?.(d, seg) ?? (!hasAck || between(t.iss, seg.ack, t.sndNxt)))) {
    d.fire('synSent.ackUnacceptable');
    if (!(seg.ctl & RST)) {
      sendResetFor(d, seg);
      vary?.resetSent?.(d);
    }
    vary?.ackRefused?.(d);
    return [d];
  }
  const plainAck = hasAck && !(seg.ctl & (SYN | RST)) ? vary?.ackWithoutSyn?.(d, seg) : null;
  if (plainAck) return plainAck;
  // second: a RST counts only if it acknowledges our SYN
  if (seg.ctl & RST) {
    if (!hasAck) {
      d.fire('synSent.rst.noAck');
      return [d];
    }
    d.fire('synSent.rst');
    d.signals.push('connection reset');
    deleteTcb(d);
    return [d];
  }
  // fourth: the peer's SYN
  if (seg.ctl & SYN) {
    const before = { sndMss: t.sndMss, sndWnd: t.sndWnd, sndWl1: t.sndWl1, sndWl2: t.sndWl2, maxSndWnd: t.maxSndWnd };
    t.irs = seg.seq;
    t.rcvNxt = seqAdd(seg.seq, 1);
    t.sndMss = Math.max(seg.mss ?? 536, d.p.params.sndMssMin ?? 0);
    t.sndWnd = seg.wnd;
    t.sndWl1 = seg.seq;
    t.sndWl2 = seg.ack;
    t.maxSndWnd = seg.wnd;
    if (hasAck) {
      d.fire('synSent.synAck');
      vary?.synAck?.(d, sndMssBefore);
      t.sndUna = seg.ack;
      t.state = 'Established';
      t.rtxLo = t.rtxHi = t.utLo = t.utHi = null;
      if (!vary?.synAckKeepsRtxCount?.(d)) t.rtxCount = 0;
      // Data sent behind the SYN (params.synSentDataWindow) stays on the retransmission queue.
      if (t.sndUna !== t.sndNxt) {
        t.rtxLo = t.now + d.p.params.rtoInitial;
        t.rtxHi = t.now + d.p.params.rtoMax;
      }
      // Text or a FIN on the SYN,ACK is processed as in the synchronized states (§3.10.7.3: "continue
      // processing at the sixth step").
      if ((seg.data.length > 0 || seg.ctl & FIN) && !vary?.synAckTextDropped?.(d)) return textAfterSyn(d, seg);
      // Queued data may ride on the ACK; either way the SYN,ACK is acknowledged at once.
      const before = d.segments.length;
      const outs = transmit(d);
      for (const o of outs) if (o.segments.length === before) sendAck(o);
      return outs;
    }
    const dropped = vary?.synWithoutAck?.(d, seg, before);
    if (dropped) return dropped;
    d.fire('synSent.syn');
    vary?.simultaneousOpen?.(d, seg);
    t.state = 'SynReceived';
    d.p.replaces?.timers?.synReceived?.(d);
    sendSyn(d, true);
    return [d];
  }
  // fifth: neither SYN nor RST
  d.fire('synSent.other');
  return [d];
}
