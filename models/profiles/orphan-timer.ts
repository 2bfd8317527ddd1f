// The limit sockets implementations put on an orphaned FIN-WAIT-2 (profiles linux and lwip): after close() the
// application can no longer read, so a peer that never sends its FIN would hold the connection for ever. The RFC
// has no such timer (RFC 9293 §3.10.8 names only the retransmission, TIME-WAIT and user timeouts); Linux counts
// tcp_fin_timeout (tcp_timer.c: tcp_keepalive_timer(), TCP_FIN_WAIT2 case), lwIP TCP_FIN_WAIT_TIMEOUT
// (tcp.c: tcp_slowtmr()).
import { Draft } from '../outcome';
import { deleteTcb } from '../output';
import type { ProfileTimer } from '../timer-table';
import { closedWindow } from './last-arrival';
import { socketsState as ss } from './sockets-state';

export const FIN_WAIT_2_TIMER: ProfileTimer = {
  name: 'finWait2',
  rule: 'timeout.finWait2',
  window: (t) => {
    const lo = ss.get(t, 'fw2Lo');
    const hi = ss.get(t, 'fw2Hi');
    // It runs in FIN-WAIT-2 only: TIME-WAIT ends it.
    return t.state === 'FinWait2' && lo !== null && hi !== null ? [lo, hi] : null;
  },
  earliest: ['finWait2TimeoutLo'],
  latest: ['finWait2TimeoutHi'],
  fire(d) {
    d.fire('timeout.finWait2');
    deleteTcb(d);
  },
};

/** FIN-WAIT-2 with the receiving side closed (close(), not shutdown()): the limit starts, once. */
export function finWait2Closed(d: Draft): void {
  const p = d.p.params;
  const t = d.t;
  if (!t.receiveClosed || p.finWait2TimeoutLo == null || p.finWait2TimeoutHi == null) return;
  if (ss.get(t, 'fw2Lo') !== null) return;
  const [fw2Lo, fw2Hi] = closedWindow(d, p.finWait2TimeoutLo, p.finWait2TimeoutHi);
  ss.set(t, { fw2Lo, fw2Hi });
}
