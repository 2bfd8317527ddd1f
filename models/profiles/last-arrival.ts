// lwIP counts the timers of a connection the application has closed from the last segment it heard, not from the
// moment the timer starts (params.closedTimersFromLastArrival; tcp.c: tcp_slowtmr() compares tcp_ticks with
// pcb->tmr, which tcp_input() sets on each segment it takes for a sign of life).
import { Draft } from '../outcome';
import { RST, SYN, Segment } from '../segment';
import { lwipState } from './lwip-state';

/** Note the arrival time of a segment the implementation takes for a sign of life (lwIP's pcb->tmr). */
export function heard(d: Draft, seg: Segment): void {
  const s = d.t.state;
  if (s === 'Closed' || s === 'Listen' || s === 'TimeWait' || d.t.receiveClosed || seg.ctl & RST) return;
  if (seg.ctl & SYN && s !== 'SynSent' && s !== 'SynReceived') return;
  lwipState.set(d.t, { heardAt: d.t.now });
}

/** The window [now+lo, now+hi], or where the profile counts it from the last arrival before a half-duplex
 *  CLOSE, from then: at the latest one slack (hi-lo) from now if that is past. */
export function closedWindow(d: Draft, lo: number, hi: number): [number, number] {
  const t = d.t;
  const heardAt = lwipState.get(t, 'heardAt');
  if (!(t.receiveClosed && d.p.params.closedTimersFromLastArrival && heardAt !== null)) return [t.now + lo, t.now + hi];
  d.fire('timer.fromLastArrival');
  return [heardAt + lo, Math.max(heardAt + hi, t.now + hi - lo)];
}
