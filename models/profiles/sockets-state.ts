// What the sockets-like profiles (linux, lwip) keep beside the RFC's TCB (Tcb.ext): a listener apart from the
// connections it accepts, and the limit on an orphaned FIN-WAIT-2.
import { profileState } from '../tcb';

export interface SocketsState {
  /** The listener of a half-open connection was closed before the connection was accepted (api-calls.ts). */
  listenerClosed: boolean;
  /** ... and a passive OPEN listened again on the same port since. */
  relistened: boolean;
  /** The window of the orphaned FIN-WAIT-2 limit, once started (orphan-timer.ts). */
  fw2Lo: number | null;
  fw2Hi: number | null;
}

export const socketsState = profileState<SocketsState>({
  listenerClosed: false,
  relistened: false,
  fw2Lo: null,
  fw2Hi: null,
});
