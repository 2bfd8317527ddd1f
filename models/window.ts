// The acceptability test of RFC 793 §3.3 p.26 / RFC 9293 §3.4, and the receive windows it is applied with.
import { Draft } from './outcome';
import { inWindow, seqAdd } from './seq';

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
