// What the lwip profile keeps beside the RFC's TCB (Tcb.ext): the state lwIP's departures need.
import { profileState } from '../tcb';

export interface LwipState {
  /** The RTO estimate was fed a bogus sample (params.rtoWildMax, an ACK above SND.NXT): from now on it may take
   *  any value up to rtoWildMax (tcp_in.c: tcp_receive()). */
  rtoWild: boolean;
  /** A retransmission timeout fired in SYN-SENT: where the profile has synSentDataWindow, queued data then
   *  follows every SYN sent again (lwIP's congestion window opening). */
  synRtoFired: boolean;
  /** The congestion window that retransmission timeout opened: one MSS as known then (synSentDataWindow). */
  synCwnd: number;
  /** Octets at the front of the send queue already cut into segments of presegmentMss (queued in SYN-SENT and
   *  still unsent), and the size they were cut to (lwip-presegment.ts). */
  presized: number;
  presizeMss: number;
  /** After a retransmission timeout that could resend only part of the flight ('rtoResendsFlight'): the
   *  sequence number up to which it went again; the entries beyond wait to be sent again first. */
  resendTo: number | null;
  /** CLOSE came while entries waited to go again (resendTo): the FIN rides on the last of them, unsent. */
  finOnWaiting: boolean;
  /** The windows of lwIP's SYN-RECEIVED and LAST-ACK limits (lwip-timers.ts). */
  srLo: number | null;
  srHi: number | null;
  laLo: number | null;
  laHi: number | null;
  /** When the last segment arrived that lwIP counts as a sign of life (pcb->tmr; last-arrival.ts). */
  heardAt: number | null;
}

export const lwipState = profileState<LwipState>({
  rtoWild: false,
  synRtoFired: false,
  synCwnd: 0,
  presized: 0,
  presizeMss: 0,
  resendTo: null,
  finOnWaiting: false,
  srLo: null,
  srHi: null,
  laLo: null,
  laHi: null,
  heardAt: null,
});
