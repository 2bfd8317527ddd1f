// User calls on gVisor's netstack (profile gvisor): the sockets answers of api-calls.ts, and gVisor's own
// (docs/design.md §7).
import { UserCall } from '../input';
import { Draft } from '../outcome';
import { deleteTcb } from '../output';
import { sendAbortReset } from '../emit';
import { ok } from '../user';
import { apiUserCall } from './api-calls';

/** States in which our FIN has been queued or sent: Close() there only lets go of the endpoint. */
const FIN_QUEUED = new Set(['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait']);

/** gVisor's answer to a user call, where it departs from the sockets answers of api-calls.ts. */
export function gvisorUserCall(d: Draft, c: UserCall, iss: number): Draft[] {
  const t = d.t;
  const f = d.p.features;
  const closing = c.call === 'close' || c.call === 'abort';
  if (closing && t.state === 'SynReceived' && t.passive && f.has('listenerCloseDropsHalfOpen')) {
    ok(d, 'close.synReceived.dropped');
    deleteTcb(d);
    return [d];
  }
  if (c.call === 'receive' && t.state === 'Closed' && t.rcvQueue.length > 0 && f.has('resetKeepsReceived')) {
    // The text a reset left on the endpoint is read before the error is (endpoint.Read()).
    ok(d, 'receive.closed.textKept');
    d.result = { ok: true, data: t.rcvQueue };
    t.rcvQueue = '';
    return [d];
  }
  const fullClose = c.call === 'abort' || (c.call === 'close' && c.mode === 'halfDuplex');
  if (
    fullClose &&
    FIN_QUEUED.has(t.state) &&
    !t.receiveClosed &&
    t.rcvQueue.length > 0 &&
    f.has('unreadResetsOnClose')
  ) {
    // Close() after shutdown(SHUT_WR) shuts the reading side too, and unread text makes that a reset.
    ok(d, 'close.unread.reset');
    sendAbortReset(d);
    deleteTcb(d);
    return [d];
  }
  if (c.call === 'close' && c.mode === 'halfDuplex' && FIN_QUEUED.has(t.state) && !t.receiveClosed) {
    if (f.has('closeAfterShutdownLetsGo')) {
      // Close() after shutdown(SHUT_WR) with nothing unread: the FIN is out already; only reading stops.
      ok(d, 'close.afterClose.letGo');
      t.receiveClosed = true;
      if (t.state === 'FinWait2') d.p.replaces?.timers?.finWait2Closed?.(d);
      return [d];
    }
  }
  const late = t.state === 'Closing' || t.state === 'LastAck' || t.state === 'TimeWait';
  if (c.call === 'abort' && late && !t.receiveClosed) {
    if (f.has('abortLateLetsGo')) {
      // SO_LINGER 0 resets only the states closeLocked() names; here Close() lets go and the connection ends alone.
      ok(d, 'abort.late.letGo');
      t.receiveClosed = true;
      return [d];
    }
  }
  return apiUserCall(d, c, iss);
}

// This profile's own switches join the model's features (models/rule.ts).
declare module '../rule' {
  interface Features {
    /** CLOSE or ABORT of the listener before the accept ends the half-open connection silently. */
    listenerCloseDropsHalfOpen: true;
    /** A full close (or ABORT) after our FIN, with text still unread, resets the connection. */
    unreadResetsOnClose: true;
    /** ABORT in CLOSING, LAST-ACK or TIME-WAIT only lets go of the endpoint; the connection ends by itself. */
    abortLateLetsGo: true;
    /** A full close after our FIN, with nothing unread, succeeds and only stops receiving. */
    closeAfterShutdownLetsGo: true;
  }
}
