// User calls on gVisor's netstack (profile gvisor): the sockets answers of api-calls.ts, and one of its own
// (docs/design.md §7).
import { UserCall } from '../input';
import { Draft } from '../outcome';
import { deleteTcb } from '../output';
import { ok } from '../user';
import { apiUserCall } from './api-calls';

/** CLOSE or ABORT before the accept closes the listener, and the listener's close aborts the connections it
 *  was still building, without a segment ('listenerCloseDropsHalfOpen'). */
export function gvisorUserCall(d: Draft, c: UserCall, iss: number): Draft[] {
  const t = d.t;
  const closing = c.call === 'close' || c.call === 'abort';
  if (closing && t.state === 'SynReceived' && t.passive && d.p.features.has('listenerCloseDropsHalfOpen')) {
    ok(d, 'close.synReceived.dropped');
    deleteTcb(d);
    return [d];
  }
  return apiUserCall(d, c, iss);
}

// This profile's own switch joins the model's features (models/rule.ts).
declare module '../rule' {
  interface Features {
    /** CLOSE or ABORT of the listener before the accept ends the half-open connection silently. */
    listenerCloseDropsHalfOpen: true;
  }
}
