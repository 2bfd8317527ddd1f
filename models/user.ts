// User calls: OPEN, SEND, RECEIVE, CLOSE, ABORT (RFC 793 §3.9 p.54-62; RFC 9293 §3.10.1-3.10.5).
import { UserCall } from './input';
import { CallError } from './observation';
import { Draft } from './outcome';
import type { RuleId } from './profiles';
import { activeOpen, deleteTcb, transmit } from './output';
import { sendAbortReset, sendAck } from './emit';

export function fail(d: Draft, rule: RuleId, error: CallError): Draft[] {
  d.fire(rule);
  d.result = { ok: false, error };
  return [d];
}

export function ok(d: Draft, rule: RuleId): void {
  d.fire(rule);
  d.result = { ok: true };
}

/** A user call: the profile's implementation may answer it first (Profile.replaces.userCall), else the RFC. */
export function userCall(d: Draft, c: UserCall, iss: number): Draft[] {
  return d.p.replaces?.userCall?.(d, c, iss) ?? rfcUserCall(d, c, iss);
}

/** A user call as RFC 9293 §3.10.1-3.10.5 processes it. */
export function rfcUserCall(d: Draft, c: UserCall, iss: number): Draft[] {
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
      // A CLOSE already queued behind earlier data closes the sending side: no SEND may follow it.
      if (t.finQueued) return fail(d, 'send.closing', 'connection closing');
      ok(d, 'send.queue');
      t.sendQueue += data;
      d.p.replaces?.output?.queuedBeforeEstablished?.(d);
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
      d.fire('receive.notYet');
      d.result = { ok: true, data: '' };
      return [d];
  }
  if (t.receiveClosed) return fail(d, 'receive.halfDuplexClosed', 'connection closing');
  if (t.rcvQueue.length === 0) {
    if (t.state === 'CloseWait') return fail(d, 'receive.eof', 'connection closing');
    if (t.state === 'Closing' || t.state === 'LastAck' || t.state === 'TimeWait')
      return fail(d, 'receive.closing', 'connection closing');
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

function close(d: Draft): Draft[] {
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
      return fail(d, 'close.closing', 'connection closing');
  }
}

/** RFC 9293 §3.6.1: CLOSE that also gives up receiving (sockets close()). */
function closeHalfDuplex(d: Draft): Draft[] {
  // Profiles without the half-duplex close (RFC 793) know only the ordinary CLOSE.
  if (!d.p.features.has('halfDuplexClose')) return close(d);
  const t = d.t;
  const unreadable =
    t.state === 'SynReceived' ||
    t.state === 'Established' ||
    t.state === 'CloseWait' ||
    t.state === 'FinWait1' ||
    t.state === 'FinWait2';
  if (unreadable && t.rcvQueue.length > 0) {
    ok(d, 'close.halfDuplex.unread');
    sendAbortReset(d);
    deleteTcb(d);
    return [d];
  }
  const outcomes = close(d);
  for (const o of outcomes)
    if (o.t.state !== 'Closed') {
      o.t.receiveClosed = true;
      if (o.t.state === 'FinWait2') o.p.replaces?.timers?.finWait2Closed?.(o);
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
      d.p.replaces?.output?.beforeRemoval?.(d);
      sendAbortReset(d);
      deleteTcb(d);
      return [d];
  }
}
