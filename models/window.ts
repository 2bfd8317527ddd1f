// The acceptability test of RFC 793 §3.3 p.26 / RFC 9293 §3.4, and the receive windows it is applied with.
import { Draft } from './outcome';
import { inWindow, seqAdd } from './seq';
import { RST, SYN, Segment } from './segment';
import { Tcb, copyTcb } from './tcb';

/** The four cases of the acceptability test (RFC 793 §3.3 p.26; RFC 9293 §3.4) for a given RCV.WND. */
export function acceptable(seq: number, len: number, rcvNxt: number, wnd: number): boolean {
  if (len === 0) return wnd === 0 ? seq === rcvNxt : inWindow(seq, rcvNxt, wnd);
  if (wnd === 0) return false;
  return inWindow(seq, rcvNxt, wnd) || inWindow(seqAdd(seq, len - 1), rcvNxt, wnd);
}

/**
 * The IUT's true RCV.WND lies between what it last advertised and what its buffer could hold (the largest
 * window it ever advertised, less what is queued): where the two readings disagree, both are allowed.
 */
export function windows(d: Draft): number[] {
  const t = d.t;
  const wide = Math.max(t.rcvWnd, t.rcvWndMax - t.rcvQueue.length);
  return wide === t.rcvWnd ? [t.rcvWnd] : [t.rcvWnd, wide];
}

/**
 * The window an IUT advertises and the window-scale shift its SYN offers are its own choice (docs/design.md §3):
 * the model's guess (advertise() in output.ts) gives way to what the IUT was seen to send. A SYN's window is
 * never scaled (RFC 7323 §2.2); other windows are, by RCV.WIND.SHIFT.
 */
export function learnAdvertised(t: Tcb, sent: readonly Segment[]): Tcb {
  if (t.state === 'Closed') return t;
  let last = -1;
  let offered = t.offeredShift;
  for (let i = 0; i < sent.length; i++) {
    const s = sent[i];
    if (!(s.ctl & RST)) last = i;
    if (s.ctl & SYN && s.wscale !== undefined) offered = s.wscale;
  }
  if (last < 0 && offered === t.offeredShift) return t;
  // copyTcb, not a spread: this runs for every matched outcome of every event.
  const u = copyTcb(t);
  u.offeredShift = offered;
  if (last >= 0) {
    const s = sent[last];
    u.rcvWnd = s.ctl & SYN ? s.wnd : s.wnd * 2 ** t.rcvWindShift;
    u.rcvWndMax = Math.max(t.rcvWndMax, u.rcvWnd);
  }
  return u;
}
