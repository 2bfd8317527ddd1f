// The virtual clock: time moves only on 'wait' inputs, and every timer due within a wait fires at its exact due
// time, in time order (docs/interpretations.md, "Timers"). Kept apart from timers.ts: output.ts arms timers
// through timers.ts while the clock fires output.ts's retransmissions, and the two would import each other.
import type { Endpoint } from './endpoint';
import { sendAck, retransmit } from './output';
import { OFF } from './tcb';

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
