// The four timers of a connection: when each is armed and for how long. adapters/simulator/clock.ts fires them.
import type { Endpoint } from './endpoint';
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
