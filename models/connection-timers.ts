// The timers a segment's arrival starts or restarts: TIME-WAIT's 2·MSL (RFC 793 p.75-76; RFC 9293 §3.10.7.4,
// eighth check) and the implementation timers a profile's parameters add (SYN-RECEIVED, FIN-WAIT-2, LAST-ACK).
import { Draft } from './outcome';
import { RST, Segment, SYN } from './segment';

/** Where the profile bounds SYN-RECEIVED (an implementation choice), (re)start its timer. */
export function startSynReceivedTimer(d: Draft): void {
  const p = d.p.params;
  if (p.synReceivedTimeoutLo != null && p.synReceivedTimeoutHi != null) {
    d.t.srLo = d.t.now + p.synReceivedTimeoutLo;
    d.t.srHi = d.t.now + p.synReceivedTimeoutHi;
  }
}

/** Where the profile bounds LAST-ACK (an implementation choice), (re)start its timer on an arrival. */
export function startLastAckTimer(d: Draft, seg: Segment): void {
  const p = d.p.params;
  if (p.lastAckTimeoutLo == null || p.lastAckTimeoutHi == null || seg.ctl & (RST | SYN) || d.t.receiveClosed) return;
  d.t.laLo = d.t.now + p.lastAckTimeoutLo;
  d.t.laHi = d.t.now + p.lastAckTimeoutHi;
}

/** Where the profile bounds FIN-WAIT-2 after a half-duplex CLOSE (an implementation choice), start the timer. */
export function startFinWait2Timer(d: Draft): void {
  const p = d.p.params;
  if (d.t.receiveClosed && p.finWait2TimeoutLo != null && p.finWait2TimeoutHi != null && d.t.fw2Lo === null) {
    [d.t.fw2Lo, d.t.fw2Hi] = closedWindow(d, p.finWait2TimeoutLo, p.finWait2TimeoutHi);
  }
}

/** The window [now+lo, now+hi], or where the profile counts it from the last arrival before a half-duplex
 *  CLOSE (closedTimersFromLastArrival), from then: at the latest one slack (hi-lo) from now if that is past. */
function closedWindow(d: Draft, lo: number, hi: number): [number, number] {
  const t = d.t;
  if (!(t.receiveClosed && d.p.params.closedTimersFromLastArrival && t.heardAt !== null))
    return [t.now + lo, t.now + hi];
  d.fire('timer.fromLastArrival');
  return [t.heardAt + lo, Math.max(t.heardAt + hi, t.now + hi - lo)];
}

export function enterTimeWait(d: Draft): void {
  const t = d.t;
  t.fw2Lo = t.fw2Hi = null;
  t.state = 'TimeWait';
  t.rtxLo = t.rtxHi = t.utLo = t.utHi = null;
  [t.twLo, t.twHi] = closedWindow(d, d.p.params.timeWaitLo, d.p.params.timeWaitHi);
}

export function restartTimeWait(d: Draft): void {
  d.t.twLo = d.t.now + d.p.params.timeWaitLo;
  d.t.twHi = d.t.now + d.p.params.timeWaitHi;
}
