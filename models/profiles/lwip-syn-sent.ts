// lwIP in SYN-SENT (profile lwip): its departures from RFC 9293 §3.10.7.3, each switched on by its feature
// (docs/design.md §7). File and function names are lwIP's (src/core/tcp_in.c: tcp_process(), case SYN_SENT).
import { Draft } from '../outcome';
import { resend, retransmission } from '../output';
import { dataBehindSyn } from './lwip-syn-data';
import { sendResetFor } from '../emit';
import type { SynSentSendState, SynSentVariations } from '../profile';
import { between, seqAdd } from '../seq';
import { ACK, RST, SYN, Segment } from '../segment';
import { giveUpSoon } from '../timers';
import { synAckTextDropped } from './syn-ack-text';
import { lwipState } from './lwip-state';

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

/**
 * Where data went out behind the SYN (params.synSentDataWindow): only an ACK of exactly ISS+1 is taken, and a
 * RST only when it acknowledges everything sent, data included (tcp_in.c: tcp_process(), case SYN_SENT, which
 * compares ackno with the unacked queue's first segment).
 */
function ackAcceptable(d: Draft, seg: Segment): boolean | null {
  const t = d.t;
  if (d.p.params.synSentDataWindow == null) return null;
  const rstExact = (seg.ctl & RST) !== 0 && t.sndNxt !== seqAdd(t.iss, 1);
  if (rstExact) d.fire('synSent.rst.acksAllSent');
  if (!(seg.ctl & ACK)) return true;
  return rstExact ? seg.ack === t.sndNxt : between(t.iss, seg.ack, seqAdd(t.iss, 1));
}

/** Data queued in SYN-SENT was already cut into segments of the MSS then known (params.presegmentMss,
 *  tcp_write() before the SYN,ACK): those keep their size when the SYN,ACK announces another. */
function synAck(d: Draft, sndMssBefore: number): void {
  const t = d.t;
  if (!d.p.params.presegmentMss || t.sendQueue.length === 0) return;
  d.fire('synSent.synAck.presegmented');
  lwipState.set(t, { presized: t.sendQueue.length, presizeMss: Math.min(d.p.params.presegmentMss, sndMssBefore) });
}

export const lwipSynSent: SynSentVariations = {
  arrives,
  ackAcceptable,
  synAck,
  resetSent: synAgain,
  ackWithoutSyn,
  synAckKeepsRtxCount,
  synAckTextDropped,
  synWithoutAck,
};
