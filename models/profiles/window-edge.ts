// A segment without octets at the right edge of the window, RCV.NXT+RCV.WND, passes the sequence test
// (profiles linux and lwip): RFC 9293 §3.4 takes RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND (docs/design.md §7).
import { Draft } from '../outcome';
import { RST, Segment } from '../segment';
import type { RuleId } from '.';

/** The rule under which it passes: any such segment ('windowEdgeInclusive', Linux's tcp_sequence()), or only
 *  a RST, which is then challenged ('rstWindowEdgeInclusive', lwIP's TCP_SEQ_BETWEEN). */
export function windowEdgePasses(d: Draft, seg: Segment): RuleId | null {
  if (d.p.features.has('windowEdgeInclusive')) return 'seq.windowEdge.accepted';
  if (seg.ctl & RST && d.p.features.has('rstWindowEdgeInclusive')) return 'seq.windowEdge.rstChallenged';
  return null;
}
