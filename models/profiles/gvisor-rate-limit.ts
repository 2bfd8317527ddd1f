// gVisor's rate limit on ACKs that answer dropped segments (profile gvisor, 'oowAckRateLimited'), applied to the
// outcomes of SEGMENT ARRIVES (docs/design.md §7). Linux's limit (linux-rate-limit.ts) spares segments with a
// FIN; gVisor's spares only segments with text, and during the handshake none.
import { Draft } from '../outcome';
import type { RuleId } from '.';
import { ACK, Segment } from '../segment';
import { Tcb } from '../tcb';

/** Rules whose only effect is an ACK answering a segment that is dropped, as gVisor sends them. */
const LIMITED = new Set<RuleId>(['seq.unacceptable', 'syn.challenge', 'ack.future']);

/**
 * snd.go: sender.maybeSendOutOfWindowAck() sends the ACK for a segment with text, and otherwise only if
 * endpoint.allowOutOfWindowAck() lets it; connect.go: handshake.synRcvdState() asks allowOutOfWindowAck() for
 * every segment. Where such an ACK may be withheld, both outcomes are allowed: the model keeps no clock of the limit.
 */
export function gvisorRateLimited(drafts: Draft[], seg: Segment, before: Tcb): Draft[] {
  if (drafts.length === 0 || !drafts[0].p.features.has('oowAckRateLimited')) return drafts;
  if (before.state !== 'SynReceived' && seg.data.length > 0) return drafts;
  const out = drafts.slice();
  for (const x of drafts) {
    if (!x.rules.some((id) => LIMITED.has(id)) || x.segments.length !== 1 || x.segments[0].ctl !== ACK) continue;
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
