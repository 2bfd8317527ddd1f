// lwIP in SYN-SENT (profile lwip): its departures from RFC 9293 §3.10.7.3, each switched on by its feature
// (docs/design.md §7). File and function names are lwIP's (src/core/tcp_in.c: tcp_process(), case SYN_SENT).
import { Draft } from '../outcome';
import { dataBehindSyn, resend, retransmission } from '../output';
import { sendResetFor } from '../emit';
import type { SynSentSendState, SynSentVariations } from '../profile';
import { RST, SYN, Segment } from '../segment';
import { giveUpSoon } from '../timers';
import { synAckTextDropped } from './syn-ack-text';

/** The MSS option of any SYN is taken before the segment is judged ('synSentMssFromAnySyn'), so even one
 *  that is then rejected or dropped sets the size of later segments (and of the congestion window). */
function arrives(d: Draft, seg: Segment): void {
  if (!(seg.ctl & SYN) || seg.ctl & RST || seg.mss === undefined || !d.p.features.has('synSentMssFromAnySyn')) return;
  d.fire('synSent.mssTakenEarly');
  d.t.sndMss = seg.mss === 0 || seg.mss > 1460 ? 1460 : seg.mss;
}

/**
 * Implementation choice ('synAgainAfterReset'): after resetting a half-open connection the peer held, send the
 * SYN again at once instead of waiting for the retransmission timer; it counts as a retransmission.
 */
function synAgain(d: Draft): void {
  if (!d.p.features.has('synAgainAfterReset')) return;
  const t = d.t;
  const max = d.p.params.maxRetransmissions;
  const seg = retransmission(d);
  if (!seg || (max && t.rtxCount >= max.syn)) return;
  d.fire('synSent.ackUnacceptable.synAgain');
  resend(d, seg);
  dataBehindSyn(d);
  t.rtxCount += 1;
  if (giveUpSoon(d, t.now, t.now)) return;
  t.rtxLo = t.now + d.p.params.rtoInitial;
  t.rtxHi = t.now + d.p.params.rtoMax;
}

/** An acceptable ACK without SYN is taken for a half-open peer's too and reset like an unacceptable one
 *  ('synSentAckResets'), where the RFC drops it (fifth step). */
function ackWithoutSyn(d: Draft, seg: Segment): Draft[] | null {
  if (!d.p.features.has('synSentAckResets')) return null;
  d.fire('synSent.ack.reset');
  sendResetFor(d, seg);
  synAgain(d);
  return [d];
}

/** With nothing left unacknowledged the SYN's retransmissions stay counted ('rtxCountKept', a bug), and
 *  count against the data and FIN sent later. */
function synAckKeepsRtxCount(d: Draft): boolean {
  if (!d.p.features.has('rtxCountKept') || d.t.sndUna !== d.t.sndNxt) return false;
  d.fire('synSent.synAck.rtxCountKept');
  return true;
}

/** No simultaneous open ('noSimultaneousOpen'): the SYN is dropped and nothing of it is kept (but an MSS
 *  option taken before, 'synSentMssFromAnySyn'). */
function synWithoutAck(d: Draft, _seg: Segment, before: SynSentSendState): Draft[] | null {
  if (!d.p.features.has('noSimultaneousOpen')) return null;
  d.fire('synSent.syn.ignored');
  d.t.irs = d.t.rcvNxt = 0;
  Object.assign(d.t, before);
  return [d];
}

export const lwipSynSent: SynSentVariations = {
  arrives,
  resetSent: synAgain,
  ackWithoutSyn,
  synAckKeepsRtxCount,
  synAckTextDropped,
  synWithoutAck,
};
