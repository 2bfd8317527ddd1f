// The socket-level topology: two (or more) kernel sockets talking to each other over loopback inside a private
// network namespace. It does not fit the single-endpoint Adapter of adapters/types.ts — there is no tester
// playing the peer, both ends are the IUT — so it has an interface of its own: user calls on a named side,
// and every observation reports the states of all sides.
import { CallResult } from '../../models/observation';
import { State } from '../../models/state';

/** The server, its main client, and further clients (for listen-queue experiments). */
export type Side = 'server' | 'client' | `client${number}`;

/** Socket options set before bind (small buffers make a peer's window close, to hold a FIN back). */
export interface SocketOptions {
  reuseAddr?: boolean;
  sndbuf?: number;
  rcvbuf?: number;
}

/** Socket calls, in the words of the sockets API (the RFC's user call in the comment). */
export type PairCall =
  /** Server: socket, bind to the server port, listen (OPEN passive). */
  | ({ call: 'listen'; backlog?: number } & SocketOptions)
  /** Server: take one connection from the accept queue (non-blocking: -EAGAIN when none is there). */
  | { call: 'accept' }
  /** Client: socket, bind to this client's own port, connect to the server (OPEN active). */
  | ({ call: 'connect' } & SocketOptions)
  /** write() (SEND). */
  | { call: 'send'; data: string }
  /** Non-blocking read() (RECEIVE): '' when nothing is on hand, "connection closing" at end of file. */
  | { call: 'receive' }
  /** shutdown(SHUT_WR) (CLOSE). */
  | { call: 'shutdown' }
  /** close() (the half-duplex close of RFC 9293 §3.6.1). */
  | { call: 'close' }
  /** close() with SO_LINGER 0 (ABORT). */
  | { call: 'abort' }
  /** Server: close() the listening socket. */
  | { call: 'closeListener' }
  /**
   * A new socket bound to this side's port, then closed again: can the port be bound now (for instance while a
   * connection on it is in TIME-WAIT)? With listen, the new socket also listens before it is closed.
   */
  | { call: 'rebind'; reuseAddr: boolean; listen?: boolean };

export interface PairObservation {
  /** The call's answer, in the RFC's words (RFC 9293 §3.10). */
  result: CallResult;
  /** The C return value when it is not an error: bytes written by send, bytes read by receive. */
  n?: number;
  /** The raw errno name when the call failed (EADDRINUSE, ECONNRESET, ...), for sockets-level specs. */
  errno?: string;
  /** Every side's state after the call. */
  states: PairStates;
}

/**
 * The kernel state of each side's connection: looked up by 4-tuple, so that it is known after close() too
 * (orphans, TIME-WAIT). For the server: its connection with the main client, else its listener.
 */
export type PairStates = Partial<Record<Side, State>>;

export interface PairAdapter {
  readonly name: string;
  /** A fresh run: everything of the previous run aborted, new ports. */
  reset(): Promise<void>;
  call(side: Side, c: PairCall): Promise<PairObservation>;
  /** Let real time pass, then report the states. */
  wait(ms: number): Promise<PairStates>;
  states(): PairStates;
  /** The port a side binds to in this run. */
  port(side: Side): number;
  /** Release everything: sockets, worker, namespace. */
  dispose(): Promise<void>;
}
