// Linux's rate limit on ACKs that answer dropped segments (profile linux), applied to the outcomes of
// SEGMENT ARRIVES (docs/design.md §7).
import { Draft } from '../outcome';
import type { RuleId } from '.';
import { ACK, FIN, SYN, Segment } from '../segment';
import { Tcb } from '../tcb';

/** Rules whose only effect is an ACK answering a segment that is dropped: out of the window, or challenged. */
const RATE_LIMITABLE = new Set<RuleId>([
  'seq.unacceptable',
  'rst.challenge',
  'syn.challenge',
  'ack.tooOld',
  'ack.future',
  // In TIME-WAIT every ACK goes through tcp_timewait_check_oow_rate_limit(): a FIN sent again with a SYN too.
  'timeWait.finRetransmitted',
]);

/**
 * An implementation choice (profiles with 'oowAckRateLimited'): the ACKs that answer dropped segments are
 * rate-limited (RFC 5961 §7 for challenge ACKs; ACK loops between two confused endpoints for the rest), so any
 * one of them may be withheld. Segments with text or a FIN and no SYN are exempt, except from challenge ACKs.
 * Where the profile knows no more about the limit (its clock, its budget), both outcomes are allowed.
 */
export function rateLimited(drafts: Draft[], seg: Segment, before: Tcb): Draft[] {
  if (drafts.length === 0 || !drafts[0].p.features.has('oowAckRateLimited')) return drafts;
  const exempt = (seg.data.length > 0 || (seg.ctl & FIN) !== 0) && !(seg.ctl & SYN);
  const out = drafts.slice();
  for (const x of drafts) {
    const r = x.rules.find((id) => RATE_LIMITABLE.has(id));
    if (!r || x.segments.length !== 1 || x.segments[0].ctl !== ACK) continue;
    if (exempt && r !== 'rst.challenge' && r !== 'syn.challenge' && r !== 'ack.tooOld' && r !== 'ack.future') continue;
    const y = x.fork();
    y.segments = [];
    // The withheld ACK neither carried an acknowledgment owed from before (still owed) nor advertised a window.
    y.t.ackDue = before.ackDue;
    y.t.rcvWnd = before.rcvWnd;
    y.t.rcvWndMax = before.rcvWndMax;
    y.fire('ack.rateLimited');
    out.push(y);
  }
  return out;
}
