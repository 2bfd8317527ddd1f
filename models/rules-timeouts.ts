// The timeouts and the delayed ACK (RFC 793 §3.9 p.77, §3.7 p.42; RFC 9293 §3.10.8, §3.8.6.3).
import { Rule } from './rule';

export const TIMEOUT_RULES = [
  // ---- Timeouts (RFC 793 §3.9 p.77; RFC 9293 §3.10.8)
  {
    id: 'timeout.retransmission',
    states: ['SynSent', 'SynReceived', 'Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'RETRANSMISSION TIMEOUT',
    summary: 'the segment at the front of the retransmission queue is sent again, the timer backs off',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8',
    also: 'RFC 6298 §5',
  },
  {
    id: 'timeout.timeWait',
    states: ['TimeWait'],
    event: 'TIME-WAIT TIMEOUT',
    summary: 'after 2MSL in TIME-WAIT the TCB is deleted: CLOSED',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8',
  },
  {
    id: 'timeout.user',
    states: ['SynSent', 'SynReceived', 'Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'USER TIMEOUT',
    summary: 'data unacknowledged for the user timeout aborts the connection: CLOSED, no segment',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8, §3.8.3',
    when: (p) => p.userTimeoutLo !== null,
  },
  {
    id: 'ack.delayedSent',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'DELAYED ACK',
    summary: 'an ACK being delayed may go out with any later event, before its timer runs out',
    rfc793: '§3.7 p.42',
    rfc9293: '§3.8.6.3',
    optional: true,
  },
  {
    id: 'timeout.delayedAck',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'TimeWait'],
    event: 'DELAYED ACK',
    summary: 'a delayed ACK goes out within 500 ms',
    rfc793: '§3.7 p.42',
    rfc9293: '§3.8.6.3',
    optional: true,
  },
] as const satisfies readonly Rule[];
