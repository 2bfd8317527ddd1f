// lwIP's own limits on SYN-RECEIVED and LAST-ACK (profile lwip; tcp.c: tcp_slowtmr(), TCP_SYN_RCVD_TIMEOUT and
// the LAST_ACK case of TCP_MSL-based pcb removal), timers the RFC does not have (RFC 9293 §3.10.8).
import { Draft } from '../outcome';
import { deleteTcb, returnToListen } from '../output';
import type { TimerStarts } from '../profile';
import { RST, SYN, Segment } from '../segment';
import type { ProfileTimer } from '../timer-table';
import { closedWindow } from './last-arrival';
import { finWait2Closed } from './orphan-timer';
import { socketsState as ss } from './sockets-state';
import { lwipState as lw } from './lwip-state';

/** A window, in the state it counts in. */
const span = (counts: boolean, lo: number | null, hi: number | null): [number, number] | null =>
  counts && lo !== null && hi !== null ? [lo, hi] : null;

export const SYN_RECEIVED_TIMER: ProfileTimer = {
  name: 'synReceived',
  rule: 'timeout.synReceived',
  window: (t) => span(t.state === 'SynReceived', lw.get(t, 'srLo'), lw.get(t, 'srHi')),
  earliest: ['synReceivedTimeoutLo'],
  latest: ['synReceivedTimeoutHi'],
  fire(d) {
    // A half-open connection is dropped without a segment; a passive one's listener stays (as after a RST,
    // RFC 9293 §3.10.7.4 second).
    d.fire('timeout.synReceived');
    if (d.t.passive && !ss.get(d.t, 'listenerClosed')) returnToListen(d);
    else deleteTcb(d);
  },
};

export const LAST_ACK_TIMER: ProfileTimer = {
  name: 'lastAck',
  rule: 'timeout.lastAck',
  window: (t) => span(t.state === 'LastAck', lw.get(t, 'laLo'), lw.get(t, 'laHi')),
  earliest: ['lastAckTimeoutLo'],
  latest: ['lastAckTimeoutHi'],
  fire(d) {
    // The connection is aborted without a segment.
    d.fire('timeout.lastAck');
    d.signals.push('connection aborted due to user timeout');
    deleteTcb(d);
  },
};

/** SYN-RECEIVED is entered, or a segment other than a RST arrives there: its limit (re)starts. */
function startSynReceived(d: Draft): void {
  const p = d.p.params;
  if (p.synReceivedTimeoutLo == null || p.synReceivedTimeoutHi == null) return;
  lw.set(d.t, { srLo: d.t.now + p.synReceivedTimeoutLo, srHi: d.t.now + p.synReceivedTimeoutHi });
}

/** LAST-ACK's limit counts from the last arrival, while the application may still read. */
function startLastAck(d: Draft, seg: Segment): void {
  const p = d.p.params;
  if (p.lastAckTimeoutLo == null || p.lastAckTimeoutHi == null || seg.ctl & (RST | SYN) || d.t.receiveClosed) return;
  lw.set(d.t, { laLo: d.t.now + p.lastAckTimeoutLo, laHi: d.t.now + p.lastAckTimeoutHi });
}

export const lwipTimerStarts: TimerStarts = {
  arrived(d, seg) {
    if (d.t.state === 'SynReceived' && !(seg.ctl & RST)) startSynReceived(d);
    startLastAck(d, seg);
  },
  synReceived: startSynReceived,
  finWait2Closed,
  timeWaitWindow: (d) => closedWindow(d, d.p.params.timeWaitLo, d.p.params.timeWaitHi),
};
