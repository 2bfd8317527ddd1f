// gVisor's rate limit on ACKs that answer dropped segments (profile gvisor, 'oowAckRateLimited'), applied to the
// outcomes of SEGMENT ARRIVES (docs/design.md §7). Linux's limit (linux-rate-limit.ts) spares segments with a
// FIN; gVisor's spares only segments with text, and during the handshake none. It is state with a clock: the
// time of the last such ACK the endpoint let out.
import { Draft } from '../outcome';
import type { RuleId } from '.';
import { ACK, Segment } from '../segment';
import { Tcb, profileState } from '../tcb';

/** stack/stack_options.go: defaultTCPInvalidRateLimit, the stack's TCPInvalidRateLimitOption (the shim keeps it). */
export const GVISOR_INVALID_RATE_LIMIT_MS = 500;

/** Rules whose only effect is an ACK answering a segment that is dropped, as gVisor sends them. */
const LIMITED = new Set<RuleId>(['seq.unacceptable', 'syn.challenge', 'ack.future']);

/** endpoint.lastOutOfWindowAckTime: null until the endpoint first let such an ACK out. */
const limit = profileState<{ oowAckAt: number | null }>({ oowAckAt: null });

/**
 * endpoint.go: endpoint.allowOutOfWindowAck() lets an ACK out when none did in the last 500 ms, and then
 * remembers the time; snd.go: sender.maybeSendOutOfWindowAck() asks it only for a segment without text;
 * connect.go: handshake.synRcvdState() asks it for every segment. An ACK it does not let out is withheld.
 */
export function gvisorRateLimited(drafts: Draft[], seg: Segment, before: Tcb): Draft[] {
  if (drafts.length === 0) return drafts;
  if (
    before.state === 'Established' &&
    seg.data.length === 0 &&
    drafts[0].p.features.has('futureAckIgnoredWhenEstablished')
  )
    for (const x of drafts) if (x.rules.includes('ack.future') && onlyAck(x)) withhold(x, before, 'ack.future.ignored');
  if (!drafts[0].p.features.has('oowAckRateLimited')) return drafts;
  if (before.state !== 'SynReceived' && seg.data.length > 0) return drafts;
  const last = limit.get(before, 'oowAckAt');
  for (const x of drafts) {
    if (!x.rules.some((id) => LIMITED.has(id)) || !onlyAck(x)) continue;
    if (last === null || x.t.now - last >= GVISOR_INVALID_RATE_LIMIT_MS) {
      limit.set(x.t, { oowAckAt: x.t.now });
      continue;
    }
    withhold(x, before, 'ack.rateLimited');
  }
  return drafts;
}

const onlyAck = (x: Draft) => x.segments.length === 1 && x.segments[0].ctl === ACK;

function withhold(x: Draft, before: Tcb, rule: RuleId): void {
  x.segments = [];
  // The withheld ACK neither carried an acknowledgment owed from before (still owed) nor advertised a window.
  x.t.ackDue = before.ackDue;
  x.t.rcvWnd = before.rcvWnd;
  x.t.rcvWndMax = before.rcvWndMax;
  x.fire(rule);
}

// This profile's own switch joins the model's features (models/rule.ts).
declare module '../rule' {
  interface Features {
    /** In ESTABLISHED an ACK of something not yet sent is ignored without an ACK. */
    futureAckIgnoredWhenEstablished: true;
  }
}
