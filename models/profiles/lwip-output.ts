// How lwIP forms and times its segments where RFC 9293 §3.5.2, §3.8 and §3.10 say otherwise (profile lwip),
// each switched on by its feature (docs/design.md §7). File and function names are lwIP's (src/core/).
import { Draft } from '../outcome';
import { emit, sendAck } from '../emit';
import type { OutputVariations } from '../profile';
import { seqAdd } from '../seq';
import { ACK, FIN, RST, SYN, Segment } from '../segment';
import { lwipState } from './lwip-state';
import { dataBehindSyn, synRetransmitted } from './lwip-syn-data';
import { lwipFlight } from './lwip-flight';
import { lwipPresegment } from './lwip-presegment';

/** The reset answering a segment: every RST carries ACK ('resetCarriesAck', tcp_rst()), and SEG.LEN counts
 *  SYN and FIN together as one ('synFinCountOnce', a bug: tcp_input() counts each only once). */
function resetFor(d: Draft, seg: Segment): boolean {
  const f = d.p.features;
  const once = (seg.ctl & SYN) !== 0 && (seg.ctl & FIN) !== 0 && f.has('synFinCountOnce');
  const withAck = (seg.ctl & ACK) !== 0 && f.has('resetCarriesAck');
  if (!once && !withAck) return false;
  let len = seg.data.length + (seg.ctl & SYN ? 1 : 0) + (seg.ctl & FIN ? 1 : 0);
  if (once) {
    d.fire('rst.synFinCountedOnce');
    len -= 1;
  }
  if (!(seg.ctl & ACK)) emit(d, { seq: 0, ack: seqAdd(seg.seq, len), ctl: RST | ACK, wnd: 0, data: '' });
  else if (withAck) {
    d.fire('rst.withAck');
    emit(d, { seq: seg.ack, ack: seqAdd(seg.seq, len), ctl: RST | ACK, wnd: 0, data: '' });
  } else emit(d, { seq: seg.ack, ack: 0, ctl: RST, wnd: 0, data: '' });
  return true;
}

/** The reset of ABORT carries ACK=RCV.NXT ('resetCarriesAck'). */
function reset(d: Draft): boolean {
  if (!d.p.features.has('resetCarriesAck')) return false;
  d.fire('rst.withAck');
  emit(d, { seq: d.t.sndNxt, ack: d.t.rcvNxt, ctl: RST | ACK, wnd: 0, data: '' });
  return true;
}

/** A connection torn down while an ACK is being delayed sends that ACK first ('removalSendsOwedAck',
 *  tcp_pcb_remove()). */
function beforeRemoval(d: Draft): void {
  if (d.t.ackDue === null || d.t.state === 'TimeWait' || !d.p.features.has('removalSendsOwedAck')) return;
  d.fire('remove.owedAckSent');
  sendAck(d);
}

export const lwipOutput: OutputVariations = {
  ...lwipFlight,
  ...lwipPresegment,
  queuedBeforeEstablished: (d) => dataBehindSyn(d, false),
  synRetransmitted,
  // Once the estimate took a bogus sample (lwip-synchronized.ts: futureAck), the RTO may be anything up to
  // rtoWildMax.
  rtoCeiling: (d) => (lwipState.get(d.t, 'rtoWild') && d.p.params.rtoWildMax != null ? d.p.params.rtoWildMax : null),
  resetFor,
  reset,
  beforeRemoval,
  // The count is kept until an ACK of new data ('rtxCountKept'): an idle timer does not reset it.
  idleTimerKeepsRtxCount: (d) => d.p.features.has('rtxCountKept'),
  // A new connection may reuse the last ISS ('isnMayRepeat', a bug: MUST-8).
  issMayRepeat: (d) => d.p.features.has('isnMayRepeat'),
};
