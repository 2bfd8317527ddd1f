// libslirp's connection-establishment timer (profile slirp): 4.4BSD's keep-alive timer, armed with
// TCPTV_KEEP_INIT (75 s) when a connection starts and rearmed with the 2-hour idle value by every segment that
// reaches the connection (tcp_input.c: tcp_input(), "Segment received on connection"). If it runs out before
// ESTABLISHED the connection is dropped (tcp_timer.c: tcp_timers(), TCPT_KEEP → tcp_drop()), where RFC 9293
// §3.8.3 would go on retransmitting the SYN for at least 3 minutes (docs/design.md §7).
import { Draft } from '../outcome';
import { deleteTcb, returnToListen } from '../output';
import { sendAbortReset } from '../emit';
import { Segment } from '../segment';
import { Tcb, profileState } from '../tcb';
import type { ProfileTimer } from '../timer-table';

/** The window in which TCPT_KEEP, armed with TCPTV_KEEP_INIT, runs out; null: not armed so (or rearmed with the
 *  2-hour idle value). */
const keep = profileState<{ kiLo: number | null; kiHi: number | null }>({ kiLo: null, kiHi: null });

const OPENING = new Set(['SynSent', 'SynReceived']);

export const KEEP_INIT_TIMER: ProfileTimer = {
  name: 'keepInit',
  rule: 'timeout.keepInit',
  window(t) {
    const lo = keep.get(t, 'kiLo');
    const hi = keep.get(t, 'kiHi');
    return lo !== null && hi !== null && OPENING.has(t.state) ? [lo, hi] : null;
  },
  earliest: ['synReceivedTimeoutLo'],
  latest: ['synReceivedTimeoutHi'],
  fire(d) {
    d.fire('timeout.keepInit');
    // tcp_drop(): a connection that has seen the peer's SYN sends a RST (with ACK, tcp_outflags[TCPS_CLOSED]).
    if (d.t.state === 'SynReceived') sendAbortReset(d);
    if (d.t.state === 'SynReceived' && d.t.passive) returnToListen(d);
    else deleteTcb(d);
  },
};

// The profile keeps TCPTV_KEEP_INIT, counted by the 500 ms slow timer, in the SYN-RECEIVED timeout parameters.
function arm(d: Draft): void {
  const p = d.p.params;
  if (p.synReceivedTimeoutLo == null || p.synReceivedTimeoutHi == null) return;
  keep.set(d.t, { kiLo: d.t.now + p.synReceivedTimeoutLo, kiHi: d.t.now + p.synReceivedTimeoutHi });
}

/** OPEN active (tcp_subr.c: tcp_connect()) arms the timer. */
export function keepInitOnOpen(drafts: Draft[]): Draft[] {
  for (const d of drafts) if (d.t.state === 'SynSent') arm(d);
  return drafts;
}

/** A SYN in LISTEN arms it (tcp_input.c, LISTEN case); any other segment on an opening connection rearms it with
 *  the idle value, which no wait reaches. */
export function keepInitOnSegment(drafts: Draft[], _seg: Segment, before: Tcb): Draft[] {
  for (const d of drafts) {
    if (before.state === 'Listen' && d.t.state === 'SynReceived') arm(d);
    else if (OPENING.has(before.state) && d.t.state !== 'Closed' && d.t.state !== 'Listen')
      keep.set(d.t, { kiLo: null, kiHi: null });
  }
  return drafts;
}
