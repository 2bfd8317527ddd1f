// SEGMENT ARRIVES in SYN-RECEIVED and the synchronized states: which receive window the sequence test uses,
// and the cases ahead of the ordered checks (arrives-checks.ts): a crossed SYN,ACK, text on a SYN,ACK.
import { Draft } from './outcome';
import { transmit } from './output';
import { ACK, FIN, RST, segLen, Segment, SYN } from './segment';
import { between, seqAdd, seqGt } from './seq';
import { checkAcceptable } from './arrives-checks';
import { text } from './arrives-text';
import { acceptable, windows } from './window';

export function arrivesSynchronized(d: Draft, seg: Segment): Draft[] {
  d.p.replaces?.timers?.arrived?.(d, seg);
  const vary = d.p.replaces?.synchronized;
  const first = d.t.state === 'SynReceived' ? vary?.synReceivedArrives?.(d, seg) : null;
  if (first) return first;
  const crossed = crossedSynAck(d, seg);
  if (crossed) {
    // The profile's outcomes fork from the crossed SYN,ACK before it lets anything out.
    const more = vary?.crossedSynAck?.(crossed) ?? [];
    return [...arrivesInWindow(d, seg), ...transmit(crossed), ...more];
  }
  return arrivesInWindow(d, seg);
}

/** The sequence test, with the window (or the two readings of it) the IUT may hold. */
export function arrivesInWindow(d: Draft, seg: Segment): Draft[] {
  const t = d.t;
  const len = segLen(seg);
  const vary = d.p.replaces?.synchronized;
  // Where a profile lets a segment at the right edge pass the test, the rule that says so.
  const edgeRule = vary?.windowEdgePasses?.(d, seg) ?? null;
  const edge = (w: number) => edgeRule !== null && w > 0 && seg.seq === seqAdd(t.rcvNxt, w);
  const ws = windows(d);
  const refused = (w: number) =>
    len > 0 && seqGt(seqAdd(seg.seq, len), seqAdd(t.rcvNxt, w)) && (vary?.endPastWindowRefused?.(d, seg, w) ?? false);
  const verdicts = ws.map((w) => (acceptable(seg.seq, len, t.rcvNxt, w) || edge(w)) && !refused(w));
  // A SYN ending there is covered by the RFC's tests, unless it carries a RST: the profile decides that one.
  const old =
    (t.state !== 'SynReceived' || !t.passive) &&
    len > 0 &&
    (!(seg.ctl & SYN) || (seg.ctl & RST) !== 0) &&
    !(seg.ctl & FIN && t.state === 'TimeWait') &&
    seqAdd(seg.seq, len) === t.rcvNxt;
  const taken = old ? vary?.oldSegment?.(d, seg) : null;
  if (taken) return taken;
  if (verdicts.length === 2 && verdicts[0] !== verdicts[1]) {
    // The advertised window refuses the segment, the wider one takes it.
    const wide = d.fork();
    if (edgeRule && edge(ws[1])) wide.fire(edgeRule);
    return [
      ...checkAcceptable(d, seg, false, t.rcvWnd),
      ...checkAcceptable(wide, seg, true, wide.t.rcvWndMax - wide.t.rcvQueue.length),
    ];
  }
  if (edgeRule && verdicts[0] && ws.some(edge)) d.fire(edgeRule);
  const outs = checkAcceptable(d, seg, verdicts[0], verdicts.length === 2 ? t.rcvWndMax - t.rcvQueue.length : t.rcvWnd);
  if (len === 0 && ws.length === 1 && t.rcvWnd === 0 && verdicts[0] && !(seg.ctl & RST)) vary?.zeroWindowEmpty?.(outs);
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
