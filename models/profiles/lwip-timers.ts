// lwIP's own limits on SYN-RECEIVED and LAST-ACK (profile lwip; tcp.c: tcp_slowtmr(), TCP_SYN_RCVD_TIMEOUT and
// the LAST_ACK case of TCP_MSL-based pcb removal), timers the RFC does not have (RFC 9293 §3.10.8).
import { deleteTcb, returnToListen } from '../output';
import type { ProfileTimer } from '../timer-table';

export const SYN_RECEIVED_TIMER: ProfileTimer = {
  name: 'synReceived',
  rule: 'timeout.synReceived',
  window: (t) => (t.state === 'SynReceived' && t.srLo !== null && t.srHi !== null ? [t.srLo, t.srHi] : null),
  earliest: ['synReceivedTimeoutLo'],
  latest: ['synReceivedTimeoutHi'],
  fire(d) {
    // A half-open connection is dropped without a segment; a passive one's listener stays (as after a RST,
    // RFC 9293 §3.10.7.4 second).
    d.fire('timeout.synReceived');
    if (d.t.passive && !d.t.listenerClosed) returnToListen(d);
    else deleteTcb(d);
  },
};

export const LAST_ACK_TIMER: ProfileTimer = {
  name: 'lastAck',
  rule: 'timeout.lastAck',
  window: (t) => (t.state === 'LastAck' && t.laLo !== null && t.laHi !== null ? [t.laLo, t.laHi] : null),
  earliest: ['lastAckTimeoutLo'],
  latest: ['lastAckTimeoutHi'],
  fire(d) {
    // The connection is aborted without a segment.
    d.fire('timeout.lastAck');
    d.signals.push('connection aborted due to user timeout');
    deleteTcb(d);
  },
};
