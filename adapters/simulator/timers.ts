// The four timers of a connection and the virtual clock that drives them. Time moves only on 'wait' inputs;
// every timer due within a wait fires at its exact due time, in time order (docs/interpretations.md, "Timers").
import type { Endpoint } from './endpoint';
import { sendAck, retransmit } from './output';
import { OFF, RTO_INITIAL, RTO_MAX, TIME_WAIT_MS, USER_TIMEOUT_MS } from './tcb';

/** The n-th retransmission timeout (n = 0, 1, ...): 1 s doubled per firing, capped at 120 s (RFC 6298 §5.5). */
export function rto(ep: Endpoint, n: number): number {
  // Mutant 'rtoNoBackoff': the timer is re-armed with the initial RTO every time.
  if (ep.mutant === 'rtoNoBackoff') return RTO_INITIAL;
  return n >= 7 ? RTO_MAX : Math.min(RTO_INITIAL * (1 << n), RTO_MAX);
}

/**
 * A segment that occupies sequence space was (re)sent: start the retransmission timer if it is not running
 * (RFC 6298 §5.1) and the user timeout if nothing was outstanding before.
 */
export function armOnSend(ep: Endpoint): void {
  const tcb = ep.tcb;
  if (tcb.rtxDue === OFF) tcb.rtxDue = ep.now + rto(ep, tcb.rtxCount);
  if (tcb.userDue === OFF && ep.mutant !== 'rtxNeverGivesUp') tcb.userDue = ep.now + USER_TIMEOUT_MS;
}

/** SND.UNA advanced: the back-off ends and both timers restart, or stop when nothing is outstanding (§5.2-5.3). */
export function rearmOnAck(ep: Endpoint): void {
  const tcb = ep.tcb;
  tcb.rtxCount = 0;
  if (tcb.rtxQueue.length === 0) {
    tcb.rtxDue = OFF;
    tcb.userDue = OFF;
  } else {
    tcb.rtxDue = ep.now + rto(ep, 0);
    tcb.userDue = ep.mutant === 'rtxNeverGivesUp' ? OFF : ep.now + USER_TIMEOUT_MS;
  }
}

/** Enter TIME-WAIT: start the 2MSL timer, turn off the others (RFC 9293 §3.10.7.4 eighth). */
export function enterTimeWait(ep: Endpoint): void {
  const tcb = ep.tcb;
  tcb.state = 'TimeWait';
  tcb.rtxQueue.length = 0;
  tcb.rtxDue = OFF;
  tcb.userDue = OFF;
  restartTimeWait(ep);
}

export function restartTimeWait(ep: Endpoint): void {
  // Mutant 'timeWaitTooShort': one MSL instead of two.
  ep.tcb.timeWaitDue = ep.now + (ep.mutant === 'timeWaitTooShort' ? TIME_WAIT_MS / 2 : TIME_WAIT_MS);
}

const TIME_WAIT = 1;
const USER = 2;
const RETRANSMISSION = 3;
const DELAYED_ACK = 4;

/**
 * Let `ms` of virtual time pass. Timers fire at their due times in time order; at equal times the order is
 * TIME-WAIT, user timeout, retransmission, delayed ACK (a connection that is timing out does not first
 * retransmit).
 */
export function advance(ep: Endpoint, ms: number): void {
  const target = ep.now + (ms > 0 ? ms : 0);
  for (;;) {
    const tcb = ep.tcb;
    let due = OFF;
    let which = 0;
    if (tcb.timeWaitDue !== OFF) {
      due = tcb.timeWaitDue;
      which = TIME_WAIT;
    }
    if (tcb.userDue !== OFF && (due === OFF || tcb.userDue < due)) {
      due = tcb.userDue;
      which = USER;
    }
    if (tcb.rtxDue !== OFF && (due === OFF || tcb.rtxDue < due)) {
      due = tcb.rtxDue;
      which = RETRANSMISSION;
    }
    if (tcb.ackDue !== OFF && (due === OFF || tcb.ackDue < due)) {
      due = tcb.ackDue;
      which = DELAYED_ACK;
    }
    if (due === OFF || due > target) break;
    ep.now = due;
    switch (which) {
      case TIME_WAIT:
        // TIME-WAIT TIMEOUT (RFC 793 p.77; RFC 9293 §3.10.8): delete the TCB, CLOSED.
        ep.deleteTcb();
        break;
      case USER:
        // USER TIMEOUT (RFC 793 p.77; RFC 9293 §3.10.8): flush, tell the user, CLOSED; nothing is sent.
        ep.signals.push('connection aborted due to user timeout');
        ep.deleteTcb();
        break;
      case RETRANSMISSION:
        retransmit(ep);
        break;
      case DELAYED_ACK:
        tcb.ackDue = OFF;
        sendAck(ep);
        break;
    }
  }
  ep.now = target;
}
