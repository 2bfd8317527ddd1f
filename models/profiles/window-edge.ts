// A segment without octets at the right edge of the window, RCV.NXT+RCV.WND, passes the sequence test
// (profiles linux and lwip): RFC 9293 §3.4 takes RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND (docs/design.md §7).
import { Draft } from '../outcome';
import { RST, SYN, Segment, segLen } from '../segment';
import type { RuleId } from '.';

/** The rule under which it passes: any such segment ('windowEdgeInclusive', Linux's tcp_sequence()), or only
 *  a RST, which is then challenged ('rstWindowEdgeInclusive', lwIP's TCP_SEQ_BETWEEN); with octets, only where
 *  the profile tests a segment's start alone ('windowEdgeStartTested'). */
export function windowEdgePasses(d: Draft, seg: Segment): RuleId | null {
  const f = d.p.features;
  if (segLen(seg) > 0) {
    // Linux's full socket tests only where a segment starts, so its RST or SYN counts (and is challenged); its
    // text is out of the window all the same. A passive SYN-RECEIVED's request sock tests the whole segment.
    const full = !(d.t.state === 'SynReceived' && d.t.passive);
    return f.has('windowEdgeStartTested') && full && seg.ctl & (RST | SYN) ? 'seq.windowEdge.accepted' : null;
  }
  if (f.has('windowEdgeInclusive')) return 'seq.windowEdge.accepted';
  if (seg.ctl & RST && f.has('rstWindowEdgeInclusive')) return 'seq.windowEdge.rstChallenged';
  return null;
}
