// lwIP after tcp_close() (profile lwip, 'closeLetsGo'): the application let go of the connection with its full
// close, so nobody is left to be told of a reset or a timeout (docs/design.md §7).
import { Draft } from '../outcome';
import { Tcb } from '../tcb';

/** The lwip profile's last word on every outcome of a step. */
export function lwipAfterStep(drafts: Draft[], before: Tcb): void {
  if (!before.receiveClosed || drafts.length === 0 || !drafts[0].p.features.has('closeLetsGo')) return;
  for (const x of drafts) {
    if (x.signals.length === 0) continue;
    x.fire('signals.afterClose.none');
    x.signals = [];
  }
}
