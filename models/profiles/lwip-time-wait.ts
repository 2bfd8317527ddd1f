// SEGMENT ARRIVES in TIME-WAIT for profiles with 'timeWaitLean' (lwIP: tcp_in.c, tcp_timewait_input()): the
// checks of RFC 9293 §3.10.7.4 cut down to what a connection that only waits for its peer's FIN needs. No
// sequence test and no ACK processing: a RST is ignored (RFC 1337 §3 recommends this), a SYN in the window is
// refused with a reset but the connection stays, a FIN restarts the 2·MSL timer, and anything that occupies
// sequence space is acknowledged; an empty segment gets nothing.
import { restartTimeWait } from '../connection-timers';
import { windows } from '../window';
import { Draft } from '../outcome';
import { sendAck, sendResetFor } from '../emit';
import { seqAdd, seqLeq } from '../seq';
import { FIN, RST, SYN, Segment, segLen } from '../segment';
import { heard } from './last-arrival';
import { lwipRst } from './lwip-rst';

/** The lwip profile's replacement of SEGMENT ARRIVES, or null where the RFC's processing applies. */
export function lwipSegmentArrives(d: Draft, seg: Segment): Draft[] | null {
  heard(d, seg);
  if (d.t.state === 'TimeWait' && d.p.features.has('timeWaitLean')) return arrivesTimeWaitLean(d, seg);
  return lwipRst(d, seg);
}

function arrivesTimeWaitLean(d: Draft, seg: Segment): Draft[] {
  const t = d.t;
  if (seg.ctl & RST) {
    d.fire('timeWait.lean.rstIgnored');
    return [d];
  }
  if (seg.ctl & SYN) {
    // In the window here means RCV.NXT =< SEG.SEQ =< RCV.NXT+RCV.WND, both edges included.
    const inside = (w: number) => seqLeq(t.rcvNxt, seg.seq) && seqLeq(seg.seq, seqAdd(t.rcvNxt, w));
    const verdicts = [...new Set(windows(d).map(inside))];
    return verdicts.map((yes) => syn(verdicts.length > 1 ? d.fork() : d, seg, yes));
  }
  if (seg.ctl & FIN) restartTimeWait(d);
  return [answer(d, seg)];
}

function syn(d: Draft, seg: Segment, inWindow: boolean): Draft {
  if (inWindow) {
    d.fire('timeWait.lean.synReset');
    sendResetFor(d, seg);
    return d;
  }
  return answer(d, seg);
}

function answer(d: Draft, seg: Segment): Draft {
  if (segLen(seg) > 0) {
    d.fire('timeWait.lean.acked');
    sendAck(d);
  } else d.fire('timeWait.lean.emptyIgnored');
  return d;
}
