// What Linux looks at before, and instead of, the RFC's first check in a full socket (profile linux):
// tcp_rcv_established() and tcp_rcv_state_process() drop a segment with none of ACK, RST and SYN before the
// sequence test, so an old or out-of-window one gets no ACK (RFC 9293 §3.10.7.4, first, would send one); and
// tcp_validate_incoming() resets on a RST at RCV.NXT-1 once the peer's FIN is in (tcp_reset_check()), where the
// RFC's test finds it below the window. Each is switched on by its feature.
import { checkAcceptable } from '../arrives-checks';
import { text } from '../arrives-text';
import { sendAck } from '../emit';
import { Draft } from '../outcome';
import { ACK, FIN, RST, SYN, Segment, segLen } from '../segment';
import { seqAdd, seqLt } from '../seq';
import { State } from '../state';
import { windows } from '../window';
import { socketsState as ss } from './sockets-state';

/** States of a full socket, where the kernel's checks above apply; TIME-WAIT and an orphaned FIN-WAIT-2 are
 *  minimal records (linux-records.ts), a passive SYN-RECEIVED a request sock (tcp_check_req()). */
function fullSocket(d: Draft): boolean {
  const t = d.t;
  switch (t.state) {
    case 'SynReceived':
      return !t.passive;
    case 'FinWait2':
      return !(t.receiveClosed && d.p.features.has('orphanFinWait2Minimal'));
    case 'Established':
    case 'FinWait1':
    case 'CloseWait':
    case 'Closing':
    case 'LastAck':
      return true;
    default:
      return false;
  }
}

/** A segment with none of ACK, RST and SYN, dropped unseen ('noAckDropped'), or null. */
export function flagsDropped(d: Draft, seg: Segment): Draft[] | null {
  if (seg.ctl & (ACK | RST | SYN) || !d.p.features.has('noAckDropped') || !fullSocket(d)) return null;
  d.fire('flags.noAck.dropped');
  return [d];
}

/** After the peer's FIN, a RST may carry the FIN's own sequence number: RCV.NXT-1 ends the connection too. */
const AFTER_FIN: ReadonlySet<State> = new Set<State>(['CloseWait', 'Closing', 'LastAck']);

export function rstAfterFinExact(d: Draft, seg: Segment): boolean {
  if (!d.p.features.has('rstAfterFinAccepted') || !AFTER_FIN.has(d.t.state)) return false;
  if (seg.seq !== seqAdd(d.t.rcvNxt, -1)) return false;
  d.fire('rst.afterFin.accepted');
  return true;
}

/**
 * CLOSING and LAST-ACK go on to the text of a segment below RCV.NXT that does not acknowledge our FIN, where the
 * RFC ignores the rest of it ('closingTextProcessed'): step 5 only notes that the FIN is not yet acknowledged.
 * Text that starts below RCV.NXT and runs past it is then reset as new data after the peer's FIN.
 */
export function closingText(d: Draft, seg: Segment, wnd: number): Draft[] | null {
  if (!d.p.features.has('closingTextProcessed')) return null;
  // Only a segment whose ACK was merely short of our FIN: one refused for its ACK (too old, unsent) is dropped.
  const last = d.rules[d.rules.length - 1];
  if (last !== 'closing.finUnacked' && last !== 'lastAck.finUnacked') return null;
  d.fire('closing.finUnacked.textProcessed');
  return text(d, seg, wnd, d.t.state);
}

/**
 * Text or a FIN with ACK that starts at the right edge of the window ('windowEdgeStartTested'): the kernel's test
 * passes it, so its ACK field is processed (an ACK too old or of unsent data is answered, the segment dropped);
 * then the text, all of it outside the window, is dropped and acknowledged at once (tcp_data_queue()).
 */
export function edgeText(d: Draft, seg: Segment, wnd: number): Draft[] | null {
  if (!d.p.features.has('windowEdgeStartTested') || seg.ctl & (RST | SYN) || segLen(seg) === 0) return null;
  // A passive SYN-RECEIVED's request sock tests the whole segment (tcp_in_window()).
  if (d.t.state === 'SynReceived' && d.t.passive) return null;
  if (!windows(d).some((w) => w > 0 && seg.seq === seqAdd(d.t.rcvNxt, w))) return null;
  d.fire('seq.windowEdge.accepted');
  const outs = checkAcceptable(d, { ...seg, data: '', ctl: seg.ctl & ~FIN }, true, wnd);
  // An ACK refused (too old, or of something never sent) was answered already and the segment dropped.
  const refused = (o: Draft) => o.rules.includes('ack.tooOld') || o.rules.includes('ack.future');
  for (const o of outs) if (o.t.state !== 'Closed' && !refused(o)) sendAck(o);
  return outs;
}

/**
 * A segment that runs past the right edge of the window while the socket holds something unread (text, or the
 * peer's FIN not yet read) is refused whole ('endPastWindowRefused'), where RFC 9293 §3.4 takes its part in the
 * window: the kernel accepts such a segment only into an empty receive queue. Not after close(), which emptied it.
 */
export function endPastWindow(d: Draft, seg: Segment, w: number): boolean {
  const t = d.t;
  if (!d.p.features.has('endPastWindowRefused') || !fullSocket(d) || t.receiveClosed) return false;
  // Seen on 6.18: a SYN,FIN,RST that starts inside the window and ends one past is challenged as in the window,
  // while a SYN,RST starting at the edge is refused (and dropped); so a SYN starting inside is left to the
  // other tests (a SYN without RST is challenged either way).
  if (seg.ctl & SYN && seqLt(seg.seq, seqAdd(t.rcvNxt, w))) return false;
  const finUnread = AFTER_FIN.has(t.state) && !ss.get(t, 'finRead');
  if (t.rcvQueue.length === 0 && !finUnread) return false;
  d.fire('seq.endPastWindow.refused');
  return true;
}
