// Linux's minimal records (profile linux): SEGMENT ARRIVES for connections the kernel no longer keeps a full
// socket for, replacing the RFC's processing of that state (docs/design.md §7). Each is switched on by a
// feature of the profile, so that `tcpconform diff` can take it away.
import { enterTimeWait, restartTimeWait } from '../connection-timers';
import { acceptable, windows } from '../window';
import { arrivesClosed, arrivesListen } from '../arrives-unsynchronized';
import { Draft } from '../outcome';
import { deleteTcb, returnToListen } from '../output';
import { sendAck, sendResetFor } from '../emit';
import { seqAdd, seqGt, seqLeq } from '../seq';
import { ACK, FIN, RST, SYN, Segment, segLen } from '../segment';
import { socketsState as ss } from './sockets-state';
import { linuxListen } from './linux-listen';
import { flagsDropped } from './linux-validate';

/** The linux profile's replacement of SEGMENT ARRIVES, or null where the RFC's processing applies. */
export function linuxSegmentArrives(d: Draft, seg: Segment, iss: number): Draft[] | null {
  const f = d.p.features;
  switch (d.t.state) {
    case 'TimeWait':
      return f.has('timeWaitMinimal') ? arrivesTimeWaitMinimal(d, seg) : null;
    case 'FinWait2':
      return d.t.receiveClosed && f.has('orphanFinWait2Minimal') ? arrivesOrphanFinWait2(d, seg) : flagsDropped(d, seg);
    case 'SynReceived':
      return ss.get(d.t, 'listenerClosed') && f.has('orphanRequestDropped')
        ? orphanRequest(d, seg, iss)
        : flagsDropped(d, seg);
    case 'Listen':
      return linuxListen(d, seg);
    default:
      return flagsDropped(d, seg);
  }
}

/** A half-open connection died with its listener: the segment finds what is there now, a new listener on the
 *  port or nothing (tcp_ipv4.c: tcp_v4_rcv() drops a request sock whose listener is no longer listening). */
function orphanRequest(d: Draft, seg: Segment, iss: number): Draft[] {
  d.fire('synReceived.orphan.dropped');
  if (ss.get(d.t, 'relistened')) {
    returnToListen(d);
    return arrivesListen(d, seg, iss);
  }
  deleteTcb(d);
  return arrivesClosed(d, seg);
}

/**
 * FIN-WAIT-2 after a half-duplex CLOSE ('orphanFinWait2Minimal'): nobody can read from the connection any more
 * and the kernel keeps a timewait socket for it (tcp_minisocks.c: tcp_timewait_state_process(), substate
 * FIN-WAIT-2), which repeats a reduced form of the checks of RFC 9293 §3.10.7.4.
 */
function arrivesOrphanFinWait2(d: Draft, seg: Segment): Draft[] {
  const len = segLen(seg);
  // The record's window test (Linux tcp_in_window()) also takes a segment without octets at its right edge.
  const edge = (w: number) =>
    len === 0 && w > 0 && seg.seq === seqAdd(d.t.rcvNxt, w) && d.p.features.has('windowEdgeInclusive');
  const verdicts = [...new Set(windows(d).map((w) => acceptable(seg.seq, len, d.t.rcvNxt, w) || edge(w)))];
  return verdicts.map((ok) => {
    const x = verdicts.length > 1 ? d.fork() : d;
    if (ok && windows(d).some(edge)) x.fire('seq.windowEdge.accepted');
    return judge(x, seg, ok);
  });
}

function judge(d: Draft, seg: Segment, ok: boolean): Draft {
  const t = d.t;
  // first: outside the window, whatever its controls, the segment is answered with an ACK of RCV.NXT
  if (!ok) {
    d.fire('seq.unacceptable');
    sendAck(d);
    return d;
  }
  // second: any RST in the window ends the connection (no challenge ACK)
  if (seg.ctl & RST) {
    d.fire('finWait2.orphan.rst');
    deleteTcb(d);
    return d;
  }
  const end = seqAdd(seg.seq, segLen(seg));
  // a SYN at or above RCV.NXT is refused with a reset formed from it, and the record dropped
  if (seg.ctl & SYN && seqLeq(t.rcvNxt, seg.seq)) return reset(d, seg);
  // no ACK, nothing new, or nothing at all: dropped silently (a duplicate is not acknowledged)
  if (!(seg.ctl & ACK) || !seqGt(end, t.rcvNxt) || segLen(seg) === 0) {
    d.fire('finWait2.orphan.ignored');
    return d;
  }
  // new text, or a FIN not exactly at RCV.NXT: nobody will read it, the connection is reset
  if (!(seg.ctl & FIN) || end !== seqAdd(t.rcvNxt, 1)) return reset(d, seg);
  // the peer's FIN at RCV.NXT: acknowledged, TIME-WAIT
  d.fire('finWait2.orphan.fin');
  t.rcvNxt = end;
  sendAck(d);
  enterTimeWait(d);
  return d;
}

function reset(d: Draft, seg: Segment): Draft {
  d.fire('finWait2.orphan.reset');
  sendResetFor(d, seg);
  deleteTcb(d);
  return d;
}

/**
 * SEGMENT ARRIVES in TIME-WAIT for profiles with 'timeWaitMinimal' (Linux: tcp_timewait_state_process(), substate
 * TIME-WAIT). At RCV.NXT only a RST (ends it, RFC 1337 not applied) or an empty segment (restarts the timer,
 * silently) is expected; a SYN without ACK above RCV.NXT would open a new connection through a listener and
 * without one is answered with an ACK; any other RST is dropped; everything else is answered with an ACK of
 * RCV.NXT, and restarts the timer when it carries ACK.
 */
function arrivesTimeWaitMinimal(d: Draft, seg: Segment): Draft[] {
  const t = d.t;
  const len = segLen(seg);
  if (seg.seq === t.rcvNxt && (len === 0 || seg.ctl & RST)) {
    if (seg.ctl & RST) {
      d.fire('timeWait.minimal.rst');
      // The record ends; the socket the application may still hold keeps the text it had not read.
      const kept = t.rcvQueue;
      deleteTcb(d);
      d.t.rcvQueue = kept;
    } else {
      d.fire('timeWait.minimal.ignored');
      restartTimeWait(d);
    }
    return [d];
  }
  if ((seg.ctl & (SYN | RST | ACK)) === SYN && seqGt(seg.seq, t.rcvNxt)) {
    d.fire('timeWait.minimal.syn');
    sendAck(d);
    return [d];
  }
  if (seg.ctl & RST) {
    d.fire('timeWait.minimal.rstIgnored');
    return [d];
  }
  const finAgain = (seg.ctl & FIN) !== 0 && seqAdd(seg.seq, seg.data.length) === seqAdd(t.rcvNxt, -1);
  d.fire(finAgain ? 'timeWait.finRetransmitted' : 'seq.unacceptable');
  sendAck(d);
  if (seg.ctl & ACK) restartTimeWait(d);
  return [d];
}
