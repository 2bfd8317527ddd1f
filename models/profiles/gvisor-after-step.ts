// The gvisor profile's last word on every outcome of a step (docs/design.md §7): what the application, which
// holds a tcpip.Endpoint as a sockets program holds a descriptor, can still be told.
import { Draft } from '../outcome';
import { returnToListen } from '../output';
import { Tcb } from '../tcb';
import { lwipAfterStep } from './lwip-let-go';
import { socketsState as ss } from './sockets-state';

export function gvisorAfterStep(drafts: Draft[], before: Tcb): void {
  lwipAfterStep(drafts, before);
  const f = drafts[0]?.p.features;
  if (!f) return;
  for (const x of drafts) {
    if (f.has('finSeenOnce') && x.rules.includes('fin.again') && x.signals.includes('connection closing')) {
      // End of file is a state of the endpoint, not an event: a FIN again shows nothing new.
      x.fire('fin.again.unseen');
      x.signals = x.signals.filter((s) => s !== 'connection closing');
    }
    const halfOpen = before.state === 'SynReceived' && before.passive && !ss.get(before, 'listenerClosed');
    if (halfOpen && x.t.state === 'Closed' && x.rules.includes('timeout.retransmissionsExhausted')) {
      if (!f.has('acceptWhenEstablished')) continue;
      // The half-open connection dies with its last SYN,ACK; the application still holds the listener.
      x.fire('synReceived.exhausted.listen');
      x.signals = [];
      returnToListen(x);
    }
  }
}

// This profile's own switch joins the model's features (models/rule.ts).
declare module '../rule' {
  interface Features {
    /** The peer's FIN is reported once (end of file); a FIN again tells the application nothing. */
    finSeenOnce: true;
  }
}
