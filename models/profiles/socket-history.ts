// Profiles with 'closedSocketRemembers' (Linux): a socket outlives its connection while the application holds
// the descriptor, and calls on it answer from what became of the connection rather than with RFC 9293 §3.10's
// "connection does not exist". What decides each answer is kept in the profile's state (sockets-state.ts): whether
// the application still holds the socket, its pending error (sk_err), whether the peer's FIN was read on it
// (SOCK_DONE), whether its receiving side was shut as it ended (RCV_SHUTDOWN), and whether CLOSE shut its sending
// side. The kernel's answers are shown call by call on this machine's kernel in adapters/linux/errno.test.ts.
import { UserCall } from '../input';
import { CallError } from '../observation';
import { Draft } from '../outcome';
import type { RuleId } from './index';
import { State } from '../state';
import { Tcb } from '../tcb';
import { ok, rfcUserCall } from '../user';
import { SocketsState, socketsState as ss } from './sockets-state';

/** What the socket remembers, as the fields of the profile's state. */
type History = Pick<SocketsState, 'held' | 'sockErr' | 'finRead' | 'rcvShut' | 'shutWr'>;

const FORGOTTEN: History = { held: false, sockErr: null, finRead: false, rcvShut: false, shutWr: false };

/** States in which the peer's FIN has been read, and those in which ours has been sent. */
const FIN_READ = new Set(['CloseWait', 'LastAck', 'Closing', 'TimeWait']);
const FIN_SENT = new Set(['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait']);

/** RFC 9293's words for an errno on such a socket, as the linux adapter reads them (adapters/linux callError). */
export function wordsOf(errno: string, shutWr: boolean): CallError {
  switch (errno) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'EPIPE':
      return shutWr ? 'connection closing' : 'connection reset';
    case 'EOF':
      return 'connection closing';
    case 'ENOTCONN':
    case 'EBADF':
      return 'connection does not exist';
    case 'EADDRINUSE':
      return 'connection already exists';
    default:
      return 'connection reset'; // ECONNRESET, ETIMEDOUT
  }
}

function failWith(d: Draft, rule: RuleId, errno: string): Draft[] {
  d.fire(rule);
  d.result = { ok: false, error: wordsOf(errno, ss.get(d.t, 'shutWr')), errno };
  return [d];
}

/** The pending error, reported once (net/core/sock.c: sock_error() reads sk_err and clears it). */
function pendingError(d: Draft): Draft[] {
  const errno = ss.get(d.t, 'sockErr')!;
  ss.set(d.t, { sockErr: null });
  return failWith(d, 'user.closed.pendingError', errno);
}

/** A call in CLOSED or TIME-WAIT on the socket the application still holds (ss 'held'). */
export function heldSocketCall(d: Draft, c: UserCall, iss: number): Draft[] {
  const t = d.t;
  switch (c.call) {
    case 'open':
      // OPEN is a new connection, so a new socket (the linux adapter gives the old one up, as a program must:
      // connect() or listen() on it would carry its shutdown flags over): in CLOSED the RFC's OPEN; in TIME-WAIT
      // bind() finds the port held by the TIME-WAIT record.
      if (t.state === 'TimeWait') {
        ss.set(t, FORGOTTEN);
        return failWith(d, 'user.closed.open', 'EADDRINUSE');
      }
      ss.set(t, FORGOTTEN);
      return rfcUserCall(d, c, iss);
    case 'send':
      // tcp_sendmsg_locked() → sk_stream_wait_connect(): the pending error, else EPIPE in CLOSE.
      if (ss.get(t, 'sockErr')) return pendingError(d);
      return failWith(d, 'user.closed.send', 'EPIPE');
    case 'receive': {
      // tcp_recvmsg_locked(): text still queued first, then end of file once the FIN was read (SOCK_DONE), then
      // the pending error, then end of file if the receiving side was shut, else ENOTCONN.
      if (t.rcvQueue.length > 0) {
        d.fire('user.closed.receive');
        d.result = { ok: true, data: t.rcvQueue };
        t.rcvQueue = '';
        return [d];
      }
      if (ss.get(t, 'finRead')) return failWith(d, 'user.closed.receive', 'EOF');
      if (ss.get(t, 'sockErr')) return pendingError(d);
      return failWith(d, 'user.closed.receive', ss.get(t, 'rcvShut') ? 'EOF' : 'ENOTCONN');
    }
    case 'close':
      if (c.mode !== 'halfDuplex') {
        // inet_shutdown() on a socket in CLOSE: ENOTCONN, though it still shuts the sending side.
        ss.set(t, { shutWr: true });
        return failWith(d, 'user.closed.close', 'ENOTCONN');
      }
    // falls through: close() lets the socket go, as ABORT does (tcp_close() of a socket in CLOSE sends nothing)
    case 'abort':
      ok(d, 'user.closed.close');
      ss.set(t, FORGOTTEN);
      return [d];
  }
}

/** A call in TIME-WAIT once the application has given the socket up (ABORT, close(), an OPEN that failed). */
export function noSocketInTimeWait(d: Draft, c: UserCall): Draft[] {
  return c.call === 'open'
    ? failWith(d, 'user.timeWait.noSocket', 'EADDRINUSE')
    : failWith(d, 'user.timeWait.noSocket', 'EBADF');
}

/**
 * A call that ended the connection: CLOSE in SYN-SENT (shutdown(), not close()) disconnects the socket the
 * application keeps, with ECONNRESET pending and its shutdown flags cleared (tcp.c: tcp_disconnect()). Every
 * other call that ends a connection lets the socket go (ABORT, close(), or a listener's close).
 */
export function endedByCall(drafts: Draft[], before: State, c: UserCall): void {
  const disconnect = before === 'SynSent' && c.call === 'close' && c.mode !== 'halfDuplex';
  for (const d of drafts) {
    if (d.t.state !== 'Closed') continue;
    ss.set(
      d.t,
      disconnect ? { held: true, sockErr: 'ECONNRESET', finRead: false, rcvShut: false, shutWr: true } : FORGOTTEN,
    );
  }
}

/**
 * What the socket remembers of a connection that a segment or a timer ended (in CLOSED, or left for TIME-WAIT):
 * a reset's error as tcp_input.c: tcp_reset() sets it (ECONNREFUSED in SYN-SENT, EPIPE in CLOSE-WAIT, ECONNRESET
 * otherwise), ETIMEDOUT when retransmissions ran out (tcp_timer.c: tcp_write_err()), none for an orderly end
 * (LAST-ACK's FIN acknowledged, TIME-WAIT). tcp_done() shuts both sides. A listener, a connection not yet
 * accepted and one closed with close() leave no socket to the application.
 */
function endedBy(d: Draft, before: Tcb): History {
  if (before.state === 'Listen' || (before.state === 'SynReceived' && before.passive) || before.receiveClosed)
    return FORGOTTEN;
  const h: History = {
    held: true,
    sockErr: null,
    finRead: FIN_READ.has(before.state) || d.t.state === 'TimeWait',
    rcvShut: true,
    shutWr: before.finQueued || FIN_SENT.has(before.state),
  };
  if (d.t.state === 'TimeWait' || d.rules.includes('lastAck.finAcked')) return h;
  if (d.rules.includes('timeout.user') || d.rules.includes('timeout.retransmissionsExhausted'))
    return { ...h, sockErr: 'ETIMEDOUT' };
  const sockErr = before.state === 'SynSent' ? 'ECONNREFUSED' : before.state === 'CloseWait' ? 'EPIPE' : 'ECONNRESET';
  return { ...h, sockErr };
}

const ended = (t: Tcb) => t.state === 'Closed' || t.state === 'TimeWait';

/** Profile.replaces.afterStep: the socket's history where a step ended its connection, or the TIME-WAIT record. */
export function socketHistory(drafts: Draft[], before: Tcb): void {
  for (const d of drafts) {
    if (!ended(d.t)) continue;
    if (ended(before)) {
      // The TIME-WAIT record ended (its timer, a RST): the socket the application holds is still there.
      if (!('held' in d.t.ext) && 'held' in before.ext) ss.set(d.t, historyOf(before));
      continue;
    }
    // A call says itself what became of the socket (endedByCall). (On a real clock a timer may end the connection
    // just before or after a call, within one step; the socket is then taken as given up: its retransmissions
    // would have to run out at that very moment, after minutes.)
    if (d.result === undefined) ss.set(d.t, endedBy(d, before));
  }
}

function historyOf(t: Tcb): History {
  return {
    held: ss.get(t, 'held'),
    sockErr: ss.get(t, 'sockErr'),
    finRead: ss.get(t, 'finRead'),
    rcvShut: ss.get(t, 'rcvShut'),
    shutWr: ss.get(t, 'shutWr'),
  };
}
