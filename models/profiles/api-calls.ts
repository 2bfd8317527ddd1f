// User calls as implementations' APIs answer them where RFC 9293 §3.10.1-3.10.5 would answer otherwise (sockets,
// lwIP's raw API): the replacement of the user-call step that the lwip and linux profiles share
// (docs/design.md §7). Each variation is switched on by its feature, so that `tcpconform diff` can take it away;
// they are tried in this order, and a call none of them takes goes to the RFC's processing.
import { UserCall } from '../input';
import { Draft } from '../outcome';
import { deleteTcb } from '../output';
import { sendAbortReset, sendReset } from '../emit';
import { fail, ok, rfcUserCall } from '../user';
import { holdsConnection, openOnConnection, sockStateAfter } from './socket-connect';
import { endedByCall, heldSocketCall, noSocketInTimeWait } from './socket-history';
import { socketsState as ss } from './sockets-state';

/** The profile's answer to a user call, where its API departs from the RFC's (Profile.replaces.userCall). */
export function apiUserCall(d: Draft, c: UserCall, iss: number): Draft[] {
  const before = d.t.state;
  const out = apiCall(d, c, iss);
  // A call that ends the connection decides what is left of the socket (socket-history.ts).
  if (d.p.features.has('closedSocketRemembers') && before !== 'Closed' && before !== 'TimeWait')
    endedByCall(out, before, c);
  if (d.p.features.has('connectAgainCompletes')) sockStateAfter(out, before, c);
  return out;
}

function apiCall(d: Draft, c: UserCall, iss: number): Draft[] {
  if (c.call !== 'open' && d.t.state === 'SynReceived' && d.t.passive && d.p.features.has('acceptWhenEstablished')) {
    return unacceptedCall(d, c);
  }
  if (c.call !== 'open' && d.t.receiveClosed && d.p.features.has('closeReleasesHandle'))
    return fail(d, 'user.afterClose.noHandle', 'connection does not exist');
  if (c.call !== 'open' && d.t.receiveClosed && d.p.features.has('closeLetsGo'))
    return fail(d, 'user.afterClose.letGo', 'connection closing');
  if ((d.t.state === 'Closed' || d.t.state === 'TimeWait') && d.p.features.has('closedSocketRemembers')) {
    // The socket the application still holds answers from its history; TIME-WAIT is a record kept apart from it.
    if (ss.get(d.t, 'held')) return heldSocketCall(d, c, iss);
    if (d.t.state === 'TimeWait') return noSocketInTimeWait(d, c);
    // No socket at all: the RFC's answers in CLOSED.
  }
  if (c.call === 'open' && d.p.features.has('connectAgainCompletes') && holdsConnection(d.t))
    return openOnConnection(d, c);
  if (
    c.call === 'open' &&
    c.mode === 'active' &&
    d.t.state === 'SynReceived' &&
    d.t.passive &&
    ss.get(d.t, 'listenerClosed') &&
    !ss.get(d.t, 'relistened') &&
    d.p.features.has('connectAgainCompletes')
  ) {
    // The application holds nothing: a new socket, and the half-open connection holds the 4-tuple it asks for.
    fail(d, 'open.synReceived.tupleTaken', 'insufficient resources');
    d.result = { ok: false, error: 'insufficient resources', errno: 'EADDRNOTAVAIL' };
    return [d];
  }
  if (
    c.call === 'open' &&
    c.mode === 'passive' &&
    d.p.features.has('listenAgainOk') &&
    (d.t.state === 'Listen' ||
      (d.t.state === 'SynReceived' && d.t.passive && d.p.features.has('acceptWhenEstablished')))
  ) {
    ok(d, 'open.listen.again');
    // A listener closed while this connection waited is replaced by a new one on the same port.
    if (ss.get(d.t, 'listenerClosed')) ss.set(d.t, { relistened: true });
    return [d];
  }
  return apiCallInState(d, c, iss);
}

/**
 * The variations that belong to one call in one state, where the RFC's processing of that call would begin:
 * tried after the ones above, and before the RFC's answer.
 */
function apiCallInState(d: Draft, c: UserCall, iss: number): Draft[] {
  const t = d.t;
  const f = d.p.features;
  switch (c.call) {
    case 'send':
      // A non-blocking send() before the handshake completes is refused (EAGAIN), in SYN-SENT and in the
      // SYN-RECEIVED of a simultaneous open (the socket is still not connected), before a queued CLOSE counts.
      if ((t.state === 'SynSent' || (t.state === 'SynReceived' && !t.passive)) && f.has('sendBeforeEstablishedFails'))
        return fail(d, 'send.synSent.refused', 'insufficient resources');
      break;
    case 'receive':
      // sockets' recv() on a listener fails (ENOTCONN) instead of waiting.
      if (t.state === 'Listen' && f.has('receiveOnListenerFails'))
        return fail(d, 'receive.listener.fails', 'connection does not exist');
      break;
    case 'close':
      if (c.mode === 'halfDuplex' && f.has('halfDuplexClose')) return closeHalfDuplex(d) ?? rfcUserCall(d, c, iss);
      return close(d) ?? rfcUserCall(d, c, iss);
    case 'abort':
      if (t.state === 'Closing' || t.state === 'LastAck' || t.state === 'SynSent') {
        // With text still unread, the reset goes out here too.
        if (t.state !== 'SynSent' && t.rcvQueue.length > 0 && f.has('unreadResetsLate')) return lateReset(d);
        // The reset of ABORT goes out here too, where the RFC deletes the TCB quietly.
        if (f.has('abortAlwaysResets')) {
          ok(d, 'abort.quiet.reset');
          sendReset(d);
          deleteTcb(d);
          return [d];
        }
      }
      break;
  }
  return rfcUserCall(d, c, iss);
}

/** CLOSE (not the half-duplex one), or null for the RFC's. */
function close(d: Draft): Draft[] | null {
  const t = d.t;
  // After shutdown() (not close()), the FIN of a simultaneous open waits for ESTABLISHED even with nothing
  // queued.
  if (
    t.state === 'SynReceived' &&
    !t.passive &&
    t.sendQueue.length === 0 &&
    d.p.features.has('closeQueuedInSynReceived')
  ) {
    ok(d, 'close.fin');
    t.finQueued = true;
    d.fire('close.synReceived.queued');
    return [d];
  }
  // A second shutdown(SHUT_WR) succeeds and does nothing.
  if ((t.state === 'Closing' || t.state === 'LastAck') && d.p.features.has('closeAgainOk')) {
    ok(d, 'close.again.ok');
    return [d];
  }
  return null;
}

/** The half-duplex CLOSE (close()), or null for the RFC's. */
function closeHalfDuplex(d: Draft): Draft[] | null {
  const t = d.t;
  const f = d.p.features;
  const closing = t.state === 'Closing' || t.state === 'LastAck';
  const finSent = closing || t.state === 'FinWait1' || t.state === 'FinWait2' || t.state === 'TimeWait';
  if (finSent && !t.receiveClosed && f.has('closeAfterCloseOk')) {
    // After CLOSE has sent the FIN, a full close only gives up receiving (text still unread is dropped
    // without a reset).
    ok(d, 'close.halfDuplex.afterClose');
    t.receiveClosed = true;
    if (t.state === 'FinWait2') d.p.replaces?.timers?.finWait2Closed?.(d);
    return [d];
  }
  // Text still unread also resets in CLOSING and LAST-ACK.
  if (closing && t.rcvQueue.length > 0 && f.has('unreadResetsLate')) return lateReset(d);
  if (closing && f.has('closeAgainOk')) {
    ok(d, 'close.again.ok');
    t.receiveClosed = true;
    return [d];
  }
  return null;
}

function lateReset(d: Draft): Draft[] {
  ok(d, 'close.unread.lateReset');
  sendAbortReset(d);
  deleteTcb(d);
  return [d];
}

/**
 * Profiles with 'acceptWhenEstablished': a passively opened connection reaches the user only once ESTABLISHED
 * (sockets' accept(), lwIP's accept callback). Until then the user holds the listener: SEND finds its foreign
 * socket unspecified (RFC 9293 §3.10.2, LISTEN), CLOSE and ABORT close the listener (§3.10.4-5, LISTEN) and
 * leave the half-open connection to itself; once the listener is gone, nothing is left to call.
 */
function unacceptedCall(d: Draft, c: UserCall): Draft[] {
  if (ss.get(d.t, 'listenerClosed') && !ss.get(d.t, 'relistened'))
    return fail(d, 'user.synReceived.listenerClosed', 'connection does not exist');
  switch (c.call) {
    case 'send':
      return fail(d, 'send.synReceived.unaccepted', 'foreign socket unspecified');
    case 'receive':
      if (d.p.features.has('receiveOnListenerFails'))
        return fail(d, 'receive.listener.fails', 'connection does not exist');
      d.fire('receive.notYet');
      d.result = { ok: true, data: '' };
      return [d];
    default:
      ok(d, 'close.synReceived.unaccepted');
      ss.set(d.t, { listenerClosed: true, relistened: false });
      return [d];
  }
}

/**
 * Once the listener is gone (close() of it, above), a half-open connection has nobody to be handed to: the ACK
 * that would complete its handshake is answered with a reset and the connection dropped (Linux
 * inet_csk_listen_stop() / tcp_check_req(); lwIP tcp_listen_input() finds no listener).
 */
export function handshakeRefused(d: Draft): boolean {
  if (!ss.get(d.t, 'listenerClosed')) return false;
  d.fire('synReceived.ack.listenerClosed');
  sendReset(d);
  deleteTcb(d);
  return true;
}

/** ... and a RST ends it without going back to a LISTEN that is no more. */
export function resetInSynReceived(d: Draft): boolean {
  if (!ss.get(d.t, 'listenerClosed')) return false;
  d.fire('rst.synReceived.listenerClosed');
  deleteTcb(d);
  return true;
}
