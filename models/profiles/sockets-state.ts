// What the sockets-like profiles (linux, lwip) keep beside the RFC's TCB (Tcb.ext): a listener apart from the
// connections it accepts, the limit on an orphaned FIN-WAIT-2, and the socket the application may still hold
// once its connection has ended (socket-history.ts).
import { profileState } from '../tcb';

export interface SocketsState {
  /** The listener of a half-open connection was closed before the connection was accepted (api-calls.ts). */
  listenerClosed: boolean;
  /** ... and a passive OPEN listened again on the same port since. */
  relistened: boolean;
  /** The window of the orphaned FIN-WAIT-2 limit, once started (orphan-timer.ts). */
  fw2Lo: number | null;
  fw2Hi: number | null;
  /**
   * In CLOSED or TIME-WAIT: the application still holds the socket of the connection that ended (it neither
   * closed nor aborted it, and it was not a listener). The fields below describe that socket.
   */
  held: boolean;
  /** Its pending error (Linux sk_err, an errno name), reported once by the next call that looks at it. */
  sockErr: string | null;
  /** The peer's FIN was read on it (Linux SOCK_DONE): RECEIVE gives end of file before any pending error. */
  finRead: boolean;
  /** Its receiving side was shut as the connection ended (RCV_SHUTDOWN): RECEIVE gives end of file, else
   *  ENOTCONN. */
  rcvShut: boolean;
  /** CLOSE (shutdown(SHUT_WR)) was called on it: its EPIPE reads "connection closing" (adapters/linux callError). */
  shutWr: boolean;
  /** The socket layer's state of the application's connection socket (socket-connect.ts): a non-blocking
   *  connect() not yet seen to complete, connected, or shut down while connecting. */
  sockState: 'connecting' | 'connected' | 'disconnecting';
}

export const socketsState = profileState<SocketsState>({
  listenerClosed: false,
  relistened: false,
  fw2Lo: null,
  fw2Hi: null,
  held: false,
  sockErr: null,
  finRead: false,
  rcvShut: false,
  shutWr: false,
  sockState: 'connected',
});
