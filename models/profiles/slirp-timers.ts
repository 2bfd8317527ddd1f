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
import { UNSYNCHRONIZED } from './slirp-proxy';

/** The window in which TCPT_KEEP, armed with TCPTV_KEEP_INIT, runs out; null: not armed so (or rearmed with the
 *  2-hour idle value). */
const keep = profileState<{ kiLo: number | null; kiHi: number | null }>({ kiLo: null, kiHi: null });

/** FIN-WAIT-2's idle limit: the window in which it ends, from the last segment that arrived. */
const idle = profileState<{ f2Lo: number | null; f2Hi: number | null }>({ f2Lo: null, f2Hi: null });

/**
 * FIN-WAIT-2 after the user's CLOSE (slirp read the end of its host socket: SS_FCANTRCVMORE, always so once our
 * FIN is out) arms TCPT_2MSL with TCP_MAXIDLE, 600 s; when it runs out the connection is closed if it has been
 * idle longer than that, else checked again every TCPTV_KEEPINTVL, 75 s (tcp_input.c, FIN_WAIT_1 case;
 * tcp_timer.c: tcp_timers(), TCPT_2MSL). So it ends 600-675 s after the last segment that arrived, silently.
 */
export const FIN_WAIT_2_IDLE_TIMER: ProfileTimer = {
  name: 'finWait2Idle',
  rule: 'timeout.finWait2Idle',
  window(t) {
    const lo = idle.get(t, 'f2Lo');
    const hi = idle.get(t, 'f2Hi');
    return lo !== null && hi !== null && t.state === 'FinWait2' ? [lo, hi] : null;
  },
  earliest: ['finWait2TimeoutLo'],
  latest: ['finWait2TimeoutHi'],
  fire(d) {
    d.fire('timeout.finWait2Idle');
    deleteTcb(d);
  },
};

export const KEEP_INIT_TIMER: ProfileTimer = {
  name: 'keepInit',
  rule: 'timeout.keepInit',
  window(t) {
    const lo = keep.get(t, 'kiLo');
    const hi = keep.get(t, 'kiHi');
    return lo !== null && hi !== null && UNSYNCHRONIZED.has(t.state) ? [lo, hi] : null;
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

/** Every segment that reaches a connection in FIN-WAIT-2 (and the one that brings it there) restarts its idle
 *  count (tcp_input.c: tcp_input(), t_idle = 0). */
function idleFrom(d: Draft): void {
  const p = d.p.params;
  if (d.t.state !== 'FinWait2' || p.finWait2TimeoutLo == null || p.finWait2TimeoutHi == null) return;
  idle.set(d.t, { f2Lo: d.t.now + p.finWait2TimeoutLo, f2Hi: d.t.now + p.finWait2TimeoutHi });
}

/** A SYN in LISTEN arms it (tcp_input.c, LISTEN case); any other segment on an opening connection rearms it with
 *  the idle value, which no wait reaches. */
export function keepInitOnSegment(drafts: Draft[], _seg: Segment, before: Tcb): Draft[] {
  for (const d of drafts) {
    idleFrom(d);
    if (before.state === 'Listen' && d.t.state === 'SynReceived') arm(d);
    else if (UNSYNCHRONIZED.has(before.state) && d.t.state !== 'Closed' && d.t.state !== 'Listen')
      keep.set(d.t, { kiLo: null, kiHi: null });
  }
  return drafts;
}
