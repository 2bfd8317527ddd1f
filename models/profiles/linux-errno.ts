// The errno Linux gives beside each of the RFC's error answers the linux profile keeps, where one call in one
// state has one errno: the linux adapter reports it verbatim (adapters/linux/adapter.ts callResult) and the
// model holds the kernel to it. The answers of a socket whose connection ended carry their own (socket-history.ts).
// Each is shown on this machine's kernel in adapters/linux/errno.test.ts or adapter.test.ts. OPEN on the
// application's own connection socket answers by the socket layer's state (socket-connect.ts).
import { Draft } from '../outcome';
import type { RuleId } from './index';
import { Tcb } from '../tcb';
import { socketHistory } from './socket-history';

const ERRNO: Partial<Record<RuleId, string>> = {
  // No descriptor: never opened, given up (ABORT, close()), or the listener closed (the adapter's fd is gone).
  'send.closed': 'EBADF',
  'receive.closed': 'EBADF',
  'close.closed': 'EBADF',
  'abort.closed': 'EBADF',
  'user.afterClose.noHandle': 'EBADF',
  'user.synReceived.listenerClosed': 'EBADF',
  // tcp_recvmsg_locked(): -ENOTCONN on a listener.
  'receive.listener.fails': 'ENOTCONN',
  // sk_stream_wait_connect() (net/core/stream.c): -EAGAIN with a zero timeout in SYN-SENT, -EPIPE on a listener.
  'send.synSent.refused': 'EAGAIN',
  'send.synReceived.unaccepted': 'EPIPE',
  'send.listen.unspecified': 'EPIPE',
  // tcp_sendmsg_locked(): -EPIPE once SEND_SHUTDOWN is set by our CLOSE.
  'send.closing': 'EPIPE',
  // tcp_recvmsg_locked(): 0 once the peer's FIN was read.
  'receive.eof': 'EOF',
  'receive.closing': 'EOF',
  // __inet_stream_connect(): -EISCONN for connect() on a listener (SS_UNCONNECTED, not in TCP_CLOSE).
  'open.listen.unspecified': 'EISCONN',
};

/** OPEN refused where the application holds no connection socket of its own: connect() on the listener of a
 *  connection not yet accepted (EISCONN); after close(), bind() of a new socket to the port the orphan holds. */
function openExists(t: Tcb): string | undefined {
  if (t.receiveClosed) return 'EADDRINUSE';
  if (t.state === 'SynReceived' && t.passive) return 'EISCONN';
  return undefined;
}

/** The errno of a failed call's answer, from the rule that gave it, where the profile knows it. */
function withErrno(d: Draft): void {
  const r = d.result;
  if (!r || r.ok || r.errno !== undefined) return;
  const exists = d.rules.includes('open.exists') ? openExists(d.t) : undefined;
  if (exists) {
    d.result = { ...r, errno: exists };
    return;
  }
  for (const id of d.rules) {
    const errno = ERRNO[id];
    if (errno) {
      d.result = { ...r, errno };
      return;
    }
  }
}

/** Profile.replaces.afterStep of the linux profile. */
export function linuxAfterStep(drafts: Draft[], before: Tcb): void {
  socketHistory(drafts, before);
  for (const d of drafts) withErrno(d);
}
