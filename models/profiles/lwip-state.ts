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
}

export const lwipState = profileState<LwipState>({ rtoWild: false, synRtoFired: false, synCwnd: 0 });
