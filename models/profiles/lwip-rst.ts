// lwIP judges a RST by its sequence number alone, before anything else of the segment (profile lwip; tcp_in.c:
// tcp_process()): at RCV.NXT it resets; past RCV.NXT up to RCV.NXT+RCV.WND, both edges in, it is challenged
// (RFC 5961 §3.2); anywhere else it is dropped. The segment's length (text, SYN, FIN) never counts, where RFC 9293
// §3.4 tests the whole segment. Switched on by 'rstBySeqOnly'; only where the two readings differ does it answer.
import { Draft } from '../outcome';
import { sendAck } from '../emit';
import { seqAdd, seqGt, seqLeq } from '../seq';
import { RST, Segment, segLen } from '../segment';
import { OTHER_STATES } from '../state';
import { acceptable, windows } from '../window';

export function lwipRst(d: Draft, seg: Segment): Draft[] | null {
  const t = d.t;
  if (!(seg.ctl & RST) || !d.p.features.has('rstBySeqOnly') || t.state === 'TimeWait') return null;
  if (!OTHER_STATES.includes(t.state) || seg.seq === t.rcvNxt) return null;
  const len = segLen(seg);
  // lwIP's rcv_wnd: its buffer less what is unread, which may be less than the window it last announced (it
  // does not move an announced right edge back).
  const rcvWnd = Math.max(0, t.rcvWndMax - t.rcvQueue.length);
  const challenged = seqGt(seg.seq, t.rcvNxt) && seqLeq(seg.seq, seqAdd(t.rcvNxt, rcvWnd));
  // The RFC's reading, with lwIP's right edge for a RST without octets ('rstWindowEdgeInclusive'): where it
  // answers alike, its processing stands.
  const edge = (w: number) =>
    len === 0 && seg.seq === seqAdd(t.rcvNxt, w) && d.p.features.has('rstWindowEdgeInclusive');
  if (windows(d).some((w) => (acceptable(seg.seq, len, t.rcvNxt, w) || edge(w)) === challenged)) return null;
  d.fire(challenged ? 'rst.seqOnly.challenged' : 'rst.seqOnly.dropped');
  if (challenged) sendAck(d);
  return [d];
}
