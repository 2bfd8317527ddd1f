// Linux in SYN-SENT (profile linux): its departures from RFC 9293 §3.10.7.3, each switched on by its feature
// (docs/design.md §7).
import { Draft } from '../outcome';
import type { SynSentVariations } from '../profile';
import { Segment } from '../segment';
import { synAckTextDropped } from './syn-ack-text';

/** After crossed SYNs the peer's offered no scaling, so neither side may scale (RFC 7323 §2.2), yet the
 *  windows advertised from now on are shifted by what our own SYN offered ('simultaneousOpenKeepsShift', a
 *  bug: tcp_input.c, tcp_rcv_synsent_state_process()). */
function simultaneousOpen(d: Draft, seg: Segment): void {
  if (seg.wscale !== undefined || d.t.offeredShift === null || !d.p.features.has('simultaneousOpenKeepsShift')) return;
  d.fire('synSent.syn.shiftKept');
  d.t.rcvWindShift = d.t.offeredShift;
}

/** After an unacceptable ACK, a SYN not yet retransmitted goes out again soon (params.synRetryAfterBadAck): the
 *  peer may have lost track of an earlier connection, the reset lets it forget, and the SYN then finds it ready
 *  (tcp_input.c: tcp_rcv_synsent_state_process(), which resets the retransmit timer to TCP_TIMEOUT_MIN). */
function ackRefused(d: Draft): void {
  const t = d.t;
  const retry = d.p.params.synRetryAfterBadAck;
  if (retry == null || t.rtxCount !== 0 || t.rtxLo === null) return;
  d.fire('synSent.ackUnacceptable.synSoon');
  t.rtxLo = t.now;
  t.rtxHi = t.now + retry;
}

export const linuxSynSent: SynSentVariations = { synAckTextDropped, simultaneousOpen, ackRefused };
