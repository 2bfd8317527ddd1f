// How Linux forms and times its segments where RFC 9293 §3.5.2, §3.8 and §3.10 say otherwise (profile linux),
// each switched on by its feature (docs/design.md §7).
import { Draft } from '../outcome';
import { armTimers, emit } from '../emit';
import type { OutputVariations } from '../profile';
import { ACK, RST } from '../segment';

/** The reset of ABORT, and of close() with unread data, carries ACK=RCV.NXT ('abortResetCarriesAck',
 *  tcp_output.c: tcp_send_active_reset()). */
function abortReset(d: Draft): boolean {
  if (!d.p.features.has('abortResetCarriesAck') || d.p.features.has('resetCarriesAck')) return false;
  d.fire('rst.abort.withAck');
  emit(d, { seq: d.t.sndNxt, ack: d.t.rcvNxt, ctl: RST | ACK, wnd: 0, data: '' });
  return true;
}

/** A congestion window counted in segments holds back a segment with only the FIN as it does a data segment,
 *  while something is in flight ('finCongestionLimited'; after a SYN,ACK went out again the window of one
 *  segment is the SYN,ACK's). */
function finHeldBack(d: Draft, sentSomething: boolean): Draft | null {
  if (!d.p.features.has('finCongestionLimited')) return null;
  const held = d.fork();
  held.fire('close.finCongestionLimited');
  if (sentSomething) armTimers(held);
  return held;
}

export const linuxOutput: OutputVariations = {
  abortReset,
  finHeldBack,
  // TIME-WAIT is a record apart from the socket ('timeWaitMinimal'): unread text stays on the socket.
  timeWaitEndKeepsText: (d) => d.p.features.has('timeWaitMinimal'),
};
