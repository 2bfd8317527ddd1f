// SEGMENT ARRIVES on gVisor's netstack (profile gvisor) where it departs from RFC 9293 §3.10.7 on purpose: its own
// tests of the window edge, TIME-WAIT's treatment of a RST, and what the user is told of a reset (docs/design.md §7).
import { Draft } from '../outcome';
import { RST, Segment, segLen } from '../segment';
import { Tcb } from '../tcb';
import type { RuleId } from '.';
import { gvisorRateLimited } from './gvisor-rate-limit';
import { ACK, FIN, SYN } from '../segment';
import { seqAdd, seqDiff } from '../seq';
import { acceptable } from '../window';
import { sendAbortReset, sendAck } from '../emit';
import { restartTimeWait } from '../connection-timers';
import { deleteTcb } from '../output';

/** The window edge counts as inside only where header.Acceptable() is the test ('windowEdgeInclusive'): the
 *  handshake (connect.go: handshake.synRcvdState(), SeqNum.InWindow) and TIME-WAIT (rcv.go:
 *  receiver.handleTimeWaitSegment(), only RCV.NXT) have tests of their own that exclude it. */
export function gvisorWindowEdgePasses(d: Draft, seg: Segment): RuleId | null {
  if (!d.p.features.has('windowEdgeInclusive') || segLen(seg) > 0) return null;
  if (d.t.state === 'SynReceived' || d.t.state === 'TimeWait') return null;
  return 'seq.windowEdge.accepted';
}

/** TIME-WAIT drops every RST (RFC 1337 §3 fix 1, 'timeWaitIgnoresRst'), and after the peer's FIN text past
 *  RCV.NXT is refused ('afterFinDropsWhole'); null elsewhere, for the RFC's steps. */
export function gvisorSegmentArrives(d: Draft, seg: Segment): Draft[] | null {
  if (d.t.state === 'TimeWait' && seg.ctl & RST && d.p.features.has('timeWaitIgnoresRst')) {
    d.fire('timeWait.rst.ignored');
    return [d];
  }
  if (d.t.state === 'TimeWait' && d.p.features.has('timeWaitOwnTest')) return timeWait(d, seg);
  return afterPeerFin(d, seg);
}

/**
 * rcv.go: receiver.handleTimeWaitSegment() has a test of its own, without the sequence test: a SYN past
 * RCV.NXT is for a listener; without ACK nothing; the FIN again at RCV.NXT-1
 * is acknowledged and restarts TIME-WAIT; any other segment but a bare ACK at RCV.NXT is acknowledged (RCV.NXT
 * as it stands: nothing more is taken) without a restart.
 */
function timeWait(d: Draft, seg: Segment): Draft[] | null {
  const t = d.t;
  if (seg.ctl & SYN && seqDiff(seg.seq, t.rcvNxt) > 0) {
    // A new SYN goes to a listener on the port if there is one (connect.go: handleTimeWaitSegments()); the shim
    // keeps none past the accept, so it is dropped and TIME-WAIT goes on.
    d.fire('timeWait.ownTest.newSyn');
    return [d];
  }
  if (!(seg.ctl & ACK)) {
    d.fire('timeWait.ownTest');
    return [d];
  }
  if (seg.ctl & FIN && seqAdd(seg.seq, 1) === t.rcvNxt) {
    d.fire('timeWait.ownTest.finAgain');
    sendAck(d);
    restartTimeWait(d);
    return [d];
  }
  d.fire('timeWait.ownTest');
  if (seg.seq !== t.rcvNxt || seg.data.length > 0) sendAck(d);
  return [d];
}

/** Text received before a RST stays readable after it ('resetKeepsReceived'): endpoint.Read() hands over what
 *  the receive queue holds before it reports the error (endpoint.go: endpoint.Read(), commitRead()). */
export function gvisorAfterReset(d: Draft, unread: string): void {
  if (!unread || !d.p.features.has('resetKeepsReceived')) return;
  d.fire('rst.textKept');
  d.t.rcvQueue = unread;
}

/**
 * rcv.go: receiver.handleRcvdSegmentClosing() runs before the sender sees the ACK (connect.go:
 * endpoint.handleSegmentLocked()). After the peer's FIN it drops a segment starting past RCV.NXT whole; in
 * CLOSING and LAST-ACK text running past RCV.NXT aborts the connection; in CLOSE-WAIT it is dropped whole. The
 * segment's ACK is lost with it. Only for acceptable segments (header.Acceptable()) without RST or SYN that
 * acknowledge nothing unsent: those take gVisor's other paths.
 */
function afterPeerFin(d: Draft, seg: Segment): Draft[] | null {
  const t = d.t;
  if (t.state !== 'CloseWait' && t.state !== 'Closing' && t.state !== 'LastAck') return null;
  if (!d.p.features.has('afterFinDropsWhole') || seg.ctl & (RST | SYN) || !(seg.ctl & ACK)) return null;
  const len = seg.data.length + (seg.ctl & FIN ? 1 : 0);
  const edge = len === 0 && seg.seq === seqAdd(t.rcvNxt, t.rcvWnd);
  if (!(acceptable(seg.seq, len, t.rcvNxt, t.rcvWnd) || edge) || seqDiff(seg.ack, t.sndNxt) > 0) return null;
  const ahead = seqDiff(seg.seq, t.rcvNxt) > 0;
  const pastEnd = seqDiff(seqAdd(seg.seq, seg.data.length), t.rcvNxt) > 0;
  if (!ahead && pastEnd && t.state !== 'CloseWait') {
    d.fire('text.afterFin.reset');
    sendAbortReset(d);
    deleteTcb(d);
    return [d];
  }
  if (!ahead && !pastEnd) return null;
  d.fire('seq.afterFin.dropped');
  return [d];
}

/** After a half-duplex CLOSE, text at RCV.NXT resets with ACK, as every reset gVisor sends on its own account
 *  (connect.go: endpoint.resetConnectionLocked()). */
export function gvisorTextAfterClose(d: Draft): Draft[] | null {
  if (!d.p.features.has('abortResetCarriesAck')) return null;
  sendAbortReset(d);
  deleteTcb(d);
  return [d];
}

/** A RST in CLOSING or LAST-ACK ends the endpoint with ErrConnectionReset, which the application reads
 *  ('resetReportedWhenClosing'). */
export function gvisorResetWhileClosing(d: Draft): void {
  if (!d.p.features.has('resetReportedWhenClosing')) return;
  d.fire('rst.closing.reset');
  d.signals.push('connection reset');
}

/** What the user learns of a reset, as gVisor says it: in SYN-SENT "connection refused" (ECONNREFUSED,
 *  'synSentResetRefused'), in CLOSE-WAIT nothing (ErrAborted, 'closeWaitResetSilent'); then the rate limit of
 *  the out-of-window ACKs (linux-rate-limit.ts). */
export function gvisorAfterSegment(drafts: Draft[], seg: Segment, before: Tcb): Draft[] {
  const f = drafts[0]?.p.features;
  if (f && seg.ctl & RST)
    for (const x of drafts) {
      if (x.t.state !== 'Closed' || !x.signals.includes('connection reset')) continue;
      if (before.state === 'SynSent' && f.has('synSentResetRefused')) {
        x.fire('synSent.rst.refused');
        x.signals = x.signals.map((s) => (s === 'connection reset' ? 'connection refused' : s));
      } else if (before.state === 'CloseWait' && f.has('closeWaitResetSilent')) {
        x.fire('rst.closeWait.silent');
        x.signals = x.signals.filter((s) => s !== 'connection reset');
      }
    }
  return gvisorRateLimited(drafts, seg, before);
}

// This profile's own switches join the model's features (models/rule.ts).
declare module '../rule' {
  interface Features {
    /** TIME-WAIT drops a RST (RFC 1337 fix 1) instead of closing. */
    timeWaitIgnoresRst: true;
    /** A RST acknowledging the SYN in SYN-SENT is reported as "connection refused". */
    synSentResetRefused: true;
    /** A RST in CLOSE-WAIT ends the connection without telling the user. */
    closeWaitResetSilent: true;
    /** After the peer's FIN, a segment with text past RCV.NXT is dropped whole (its ACK too), or resets. */
    afterFinDropsWhole: true;
    /** TIME-WAIT answers segments by a test of its own, with no sequence test. */
    timeWaitOwnTest: true;
  }
}
