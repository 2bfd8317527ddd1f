// User calls: OPEN, SEND, RECEIVE, CLOSE, ABORT (RFC 793 §3.9 p.54-62; RFC 9293 §3.10.1-3.10.5).
import { UserCall } from './input';
import { CallError } from './observation';
import { Draft } from './outcome';
import type { RuleId } from './profiles';
import { activeOpen, dataBehindSyn, deleteTcb, sendAbortReset, sendAck, sendReset, transmit, sendOwedAck } from './output';
import { startFinWait2Timer } from './connection-timers';

function fail(d: Draft, rule: RuleId, error: CallError): Draft[] {
  d.fire(rule);
  d.result = { ok: false, error };
  return [d];
}

function ok(d: Draft, rule: RuleId): void {
  d.fire(rule);
  d.result = { ok: true };
}

export function userCall(d: Draft, c: UserCall, iss: number): Draft[] {
  if (c.call !== 'open' && d.t.state === 'SynReceived' && d.t.passive && d.p.features.has('acceptWhenEstablished')) {
    return unacceptedCall(d, c);
  }
  if (c.call !== 'open' && d.t.receiveClosed && d.p.features.has('closeReleasesHandle')) return fail(d, 'user.afterClose.noHandle', 'connection does not exist');
  if (c.call !== 'open' && d.t.receiveClosed && d.p.features.has('closeLetsGo')) return fail(d, 'user.afterClose.letGo', 'connection closing');
  if (d.t.state === 'Closed' && d.p.features.has('closedSocketRemembers')) return [...heldClosed(d.fork(), c), ...plainCall(d, c, iss)];
  if (d.t.state === 'TimeWait' && d.p.features.has('closedSocketRemembers')) {
    // The TIME-WAIT is kept apart from the socket, which is already closed: calls on it answer as in CLOSED
    // (a socket's history, or "connection does not exist"), besides the RFC's TIME-WAIT answers.
    const gone = d.fork();
    fail(gone, 'user.closed.socketHeld', 'connection does not exist');
    return [...heldClosed(d.fork(), c), gone, ...plainCall(d, c, iss)];
  }
  if (c.call === 'open' && c.mode === 'passive' && d.p.features.has('listenAgainOk') && (d.t.state === 'Listen' || (d.t.state === 'SynReceived' && d.t.passive && d.p.features.has('acceptWhenEstablished')))) {
    ok(d, 'open.listen.again');
    // A listener closed while this connection waited is replaced by a new one on the same port.
    if (d.t.listenerClosed) d.t.relistened = true;
    return [d];
  }
  return plainCall(d, c, iss);
}

/**
 * Profiles with 'closedSocketRemembers' (sockets): after its connection ended, the application may still hold
 * the descriptor, and calls on it answer from the socket's history rather than "connection does not exist": a
 * pending error is reported once (a reset: "connection reset", or "connection refused"), then end of file
 * ("connection closing") or a broken pipe; connect() or listen() on it fail; closing it succeeds. Which one depends on what came before,
 * so all are allowed in CLOSED, besides the RFC's answers.
 */
function heldClosed(d: Draft, c: UserCall): Draft[] {
  switch (c.call) {
    case 'receive':
      // Text received before a reset stays readable where the profile keeps it ('resetKeepsReceived').
      if (d.t.rcvQueue.length > 0) {
        const data = d.t.rcvQueue;
        const read = d.fork();
        read.fire('user.closed.socketHeld');
        read.result = { ok: true, data };
        read.t.rcvQueue = '';
        const errors: CallError[] = ['connection reset', 'connection refused', 'connection closing'];
        return [read, ...errors.map((e) => fail(d.fork(), 'user.closed.socketHeld', e)[0])];
      }
    // falls through
    case 'open':
    case 'send': {
      // The pending error is the one that ended the connection: a reset, or a refusal in SYN-SENT.
      const errors: CallError[] = c.call === 'open' ? ['connection already exists', 'connection reset', 'connection refused'] : ['connection reset', 'connection refused', 'connection closing'];
      return errors.map((e) => fail(d.fork(), 'user.closed.socketHeld', e)[0]);
    }
    default:
      ok(d, 'user.closed.socketHeld');
      return [d];
  }
}

function plainCall(d: Draft, c: UserCall, iss: number): Draft[] {
  switch (c.call) {
    case 'open':
      return open(d, c.mode, iss);
    case 'send':
      return send(d, c.data, iss);
    case 'receive':
      return receive(d);
    case 'close':
      return c.mode === 'halfDuplex' ? closeHalfDuplex(d) : close(d);
    case 'abort':
      return abort(d);
  }
}

/**
 * Profiles with 'acceptWhenEstablished': a passively opened connection reaches the user only once ESTABLISHED
 * (sockets' accept(), lwIP's accept callback). Until then the user holds the listener: SEND finds its foreign
 * socket unspecified (RFC 9293 §3.10.2, LISTEN), CLOSE and ABORT close the listener (§3.10.4-5, LISTEN) and
 * leave the half-open connection to itself; once the listener is gone, nothing is left to call.
 */
function unacceptedCall(d: Draft, c: UserCall): Draft[] {
  if (d.t.listenerClosed && !d.t.relistened) return fail(d, 'user.synReceived.listenerClosed', 'connection does not exist');
  switch (c.call) {
    case 'send':
      return fail(d, 'send.synReceived.unaccepted', 'foreign socket unspecified');
    case 'receive':
      if (d.p.features.has('receiveOnListenerFails')) return fail(d, 'receive.listener.fails', 'connection does not exist');
      d.fire('receive.notYet');
      d.result = { ok: true, data: '' };
      return [d];
    default:
      ok(d, 'close.synReceived.unaccepted');
      d.t.listenerClosed = true;
      d.t.relistened = false;
      return [d];
  }
}

function open(d: Draft, mode: 'passive' | 'active', iss: number): Draft[] {
  const s = d.t.state;
  if (s === 'Closed') {
    // Text kept readable after a reset ('resetKeepsReceived') belongs to the old connection.
    d.t.rcvQueue = '';
    if (mode === 'passive') {
      ok(d, 'open.passive');
      d.t.state = 'Listen';
      d.t.passive = true;
    } else {
      ok(d, 'open.active');
      d.t.passive = false;
      activeOpen(d, iss);
    }
    return [d];
  }
  if (s === 'Listen' && mode === 'active') {
    // Whether the passive OPEN named the remote socket is the IUT's business (sockets' listen() never
    // does): with it the TCB turns active, without it the call fails (RFC 9293 §3.10.1, LISTEN).
    const unspecified = fail(d.fork(), 'open.listen.unspecified', 'foreign socket unspecified');
    ok(d, 'open.listen.active');
    d.t.passive = false;
    activeOpen(d, iss);
    return [d, ...unspecified];
  }
  return fail(d, 'open.exists', 'connection already exists');
}

function send(d: Draft, data: string, iss: number): Draft[] {
  const t = d.t;
  switch (t.state) {
    case 'Closed':
      return fail(d, 'send.closed', 'connection does not exist');
    case 'Listen': {
      // The passive OPEN may or may not have named the remote socket (sockets' listen() never does): with
      // it the TCB turns active, without it SEND fails (RFC 9293 §3.10.2, LISTEN). Both are allowed.
      const unspecified = fail(d.fork(), 'send.listen.unspecified', 'foreign socket unspecified');
      ok(d, 'send.listen');
      t.passive = false;
      t.sendQueue += data;
      activeOpen(d, iss);
      return [d, ...unspecified];
    }
    case 'SynSent':
    case 'SynReceived':
      // Implementation choice: a non-blocking send() before the handshake completes is refused (EAGAIN), in
      // SYN-SENT and in the SYN-RECEIVED of a simultaneous open (the socket is still not connected), before
      // anything looks at a queued CLOSE.
      if ((t.state === 'SynSent' || (t.state === 'SynReceived' && !t.passive)) && d.p.features.has('sendBeforeEstablishedFails')) return fail(d, 'send.synSent.refused', 'insufficient resources');
      // A CLOSE already queued behind earlier data closes the sending side: no SEND may follow it.
      if (t.finQueued) return fail(d, 'send.closing', 'connection closing');
      ok(d, 'send.queue');
      t.sendQueue += data;
      dataBehindSyn(d, false);
      return [d];
    case 'Established':
    case 'CloseWait':
      ok(d, 'send.transmit');
      t.sendQueue += data;
      return transmit(d);
    default:
      return fail(d, 'send.closing', 'connection closing');
  }
}

function receive(d: Draft): Draft[] {
  const t = d.t;
  switch (t.state) {
    case 'Closed':
      return fail(d, 'receive.closed', 'connection does not exist');
    case 'Listen':
    case 'SynSent':
    case 'SynReceived':
      // Implementation choice: sockets' recv() on a listener fails (ENOTCONN) instead of waiting.
      if (t.state === 'Listen' && d.p.features.has('receiveOnListenerFails')) return fail(d, 'receive.listener.fails', 'connection does not exist');
      d.fire('receive.notYet');
      d.result = { ok: true, data: '' };
      return [d];
  }
  if (t.receiveClosed) return fail(d, 'receive.halfDuplexClosed', 'connection closing');
  if (t.rcvQueue.length === 0) {
    if (t.state === 'CloseWait') return fail(d, 'receive.eof', 'connection closing');
    if (t.state === 'Closing' || t.state === 'LastAck' || t.state === 'TimeWait') return fail(d, 'receive.closing', 'connection closing');
  }
  if (t.state === 'Closing' || t.state === 'LastAck' || t.state === 'TimeWait') {
    // §3.10.3 read literally answers "connection closing" even with text on hand; §3.6 wants buffered text
    // delivered. Both are allowed (docs/interpretations.md).
    const literal = d.fork();
    fail(literal, 'receive.closing', 'connection closing');
    d.fire('receive.data');
    d.result = { ok: true, data: t.rcvQueue };
    t.rcvQueue = '';
    return [d, literal];
  }
  d.fire('receive.data');
  const data = t.rcvQueue;
  d.result = { ok: true, data };
  if (data.length === 0) return [d];
  t.rcvQueue = '';
  // Reading opens the window; the IUT may tell the peer at once, or not (RFC 9293 §3.8.6.2.2). Untold, the
  // window last advertised stands beside the wider one the buffer now allows (see windows()).
  const update = d.fork();
  update.fire('receive.windowUpdate');
  sendAck(update);
  return [d, update];
}

function close(d: Draft, halfDuplex = false): Draft[] {
  const t = d.t;
  switch (t.state) {
    case 'Closed':
      return fail(d, 'close.closed', 'connection does not exist');
    case 'Listen':
      ok(d, 'close.listen');
      deleteTcb(d);
      return [d];
    case 'SynSent':
      ok(d, 'close.synSent');
      deleteTcb(d);
      return [d];
    case 'SynReceived':
      ok(d, 'close.fin');
      t.finQueued = true;
      if (t.sendQueue.length > 0) return [d]; // the FIN waits until ESTABLISHED, after the queued data
      // Implementation choice: after shutdown() (not close()), the FIN of a simultaneous open waits for
      // ESTABLISHED even with nothing queued.
      if (!t.passive && !halfDuplex && d.p.features.has('closeQueuedInSynReceived')) {
        d.fire('close.synReceived.queued');
        return [d];
      }
      t.state = 'FinWait1';
      return transmit(d);
    case 'Established':
      ok(d, 'close.fin');
      t.finQueued = true;
      t.state = 'FinWait1';
      return transmit(d);
    case 'CloseWait':
      ok(d, 'close.closeWait');
      t.finQueued = true;
      t.state = 'LastAck';
      return transmit(d);
    case 'FinWait1':
    case 'FinWait2': {
      // Strictly an error; "ok" is tolerated as long as no second FIN goes out (RFC 9293 §3.10.4).
      const tolerated = d.fork();
      ok(tolerated, 'close.again');
      fail(d, 'close.again', 'connection closing');
      return [d, tolerated];
    }
    default:
      // Implementation choice: a second shutdown(SHUT_WR) succeeds and does nothing.
      if ((t.state === 'Closing' || t.state === 'LastAck') && d.p.features.has('closeAgainOk')) {
        ok(d, 'close.again.ok');
        return [d];
      }
      return fail(d, 'close.closing', 'connection closing');
  }
}

/** RFC 9293 §3.6.1: CLOSE that also gives up receiving (sockets close()). */
function closeHalfDuplex(d: Draft): Draft[] {
  // Profiles without the half-duplex close (RFC 793) know only the ordinary CLOSE.
  if (!d.p.features.has('halfDuplexClose')) return close(d);
  const t = d.t;
  if (t.state === 'FinWait1' || t.state === 'FinWait2' || t.state === 'Closing' || t.state === 'LastAck' || t.state === 'TimeWait') {
    if (!t.receiveClosed && d.p.features.has('closeAfterCloseOk')) {
      // Implementation choice: after CLOSE has sent the FIN, a full close only gives up receiving (text
      // still unread is dropped without a reset).
      ok(d, 'close.halfDuplex.afterClose');
      t.receiveClosed = true;
      if (t.state === 'FinWait2') startFinWait2Timer(d);
      return [d];
    }
  }
  // Implementation choice ('unreadResetsLate'): text still unread also resets in CLOSING and LAST-ACK.
  const late = (t.state === 'Closing' || t.state === 'LastAck') && d.p.features.has('unreadResetsLate');
  const unreadable =
    t.state === 'SynReceived' || t.state === 'Established' || t.state === 'CloseWait' || t.state === 'FinWait1' || t.state === 'FinWait2' || late;
  if (unreadable && t.rcvQueue.length > 0) {
    ok(d, late ? 'close.unread.lateReset' : 'close.halfDuplex.unread');
    sendAbortReset(d);
    deleteTcb(d);
    return [d];
  }
  const outcomes = close(d, true);
  for (const o of outcomes)
    if (o.t.state !== 'Closed') {
      o.t.receiveClosed = true;
      if (o.t.state === 'FinWait2') startFinWait2Timer(o);
    }
  return outcomes;
}

function abort(d: Draft): Draft[] {
  const t = d.t;
  switch (t.state) {
    case 'Closed':
      return fail(d, 'abort.closed', 'connection does not exist');
    case 'SynSent':
    case 'Closing':
    case 'LastAck':
      // Implementation choice ('unreadResetsLate'): with text still unread, the reset goes out here too.
      if (t.state !== 'SynSent' && t.rcvQueue.length > 0 && d.p.features.has('unreadResetsLate')) {
        ok(d, 'close.unread.lateReset');
        sendAbortReset(d);
        deleteTcb(d);
        return [d];
      }
      // Implementation choice: the reset of ABORT goes out here too, where the RFC deletes the TCB quietly.
      if (d.p.features.has('abortAlwaysResets')) {
        ok(d, 'abort.quiet.reset');
        sendReset(d);
        deleteTcb(d);
        return [d];
      }
      ok(d, 'abort.quiet');
      deleteTcb(d);
      return [d];
    case 'Listen':
    case 'TimeWait':
      ok(d, 'abort.quiet');
      deleteTcb(d);
      return [d];
    default:
      ok(d, 'abort.reset');
      sendOwedAck(d);
      sendAbortReset(d);
      deleteTcb(d);
      return [d];
  }
}
