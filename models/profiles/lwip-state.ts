// What the lwip profile keeps beside the RFC's TCB (Tcb.ext): the state lwIP's departures need.
import { profileState } from '../tcb';

export interface LwipState {
  /** The RTO estimate was fed a bogus sample (params.rtoWildMax, an ACK above SND.NXT): from now on it may take
   *  any value up to rtoWildMax (tcp_in.c: tcp_receive()). */
  rtoWild: boolean;
}

export const lwipState = profileState<LwipState>({ rtoWild: false });
