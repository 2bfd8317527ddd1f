// The passing of time: retransmission, TIME-WAIT, user timeout and delayed ACK (RFC 793 §3.9 p.77;
// RFC 9293 §3.10.8, §3.8.6.3; RFC 6298 §5). Each timer fires somewhere inside a window [lo, hi] of absolute
// time; a wait returns every order and count of firings the windows allow.
import { Draft } from './outcome';
import { deleteTcb, resend, retransmissions } from './output';
import { rtoCeiling, rtoFloor, sendAck } from './emit';
import { SYN, Segment } from './segment';
import { Tcb } from './tcb';
import type { Profile } from './profile';
import { TimerName, timersOf } from './timer-table';

export type { TimerName } from './timer-table';

export interface Pending {
  name: TimerName;
  lo: number;
  hi: number;
}

export function pending(d: Draft): Pending[] {
  return pendingOf(d.t, d.p);
}

/** The timers running in a TCB under a profile (the RFC's and the profile's own), as windows of absolute time. */
export function pendingOf(t: Tcb, p: Profile): Pending[] {
  const out: Pending[] = [];
  for (const timer of timersOf(p)) {
    const w = timer.window(t);
    if (w) out.push({ name: timer.name, lo: w[0], hi: w[1] });
  }
  return out;
}

/** Limits the search; far beyond anything a 2MSL wait with back-off needs. */
const MAX_FIRINGS = 24;

export function wait(d: Draft, ms: number): Draft[] {
  const tEnd = d.t.now + ms;
  const out: Draft[] = [];
  // The first retransmission in a wait may take any allowed form; later ones repeat that form, which keeps
  // the outcomes linear in the number of firings instead of exponential.
  const go = (x: Draft, depth: number, form: number | null): void => {
    const ps = pending(x);
    const minHi = ps.reduce((m, p) => Math.min(m, p.hi), Infinity);
    if (minHi > tEnd || depth >= MAX_FIRINGS) {
      // Nothing (more) fires before the end of the wait.
      const done = x.fork();
      done.t.now = tEnd;
      out.push(done);
    }
    if (depth >= MAX_FIRINGS) return;
    for (const p of ps) {
      // p can fire next if it can fire before the end and before every other timer must have fired.
      const othersHi = ps.reduce((m, q) => (q === p ? m : Math.min(m, q.hi)), Infinity);
      if (p.lo > tEnd || p.lo > othersHi) continue;
      const at = Math.max(x.t.now, p.lo);
      const latest = Math.min(p.hi, tEnd, othersHi);
      const forms: (Segment | null)[] = p.name === 'rtx' ? retransmissions(x) : [null];
      if (forms.length === 0) forms.push(null);
      const choices = form !== null && p.name === 'rtx' ? [Math.min(form, forms.length - 1)] : forms.map((_, i) => i);
      for (const i of choices) {
        const y = x.fork();
        fire(y, p.name, at, latest, forms[i]);
        go(y, depth + 1, p.name === 'rtx' ? i : form);
      }
    }
  };
  go(d, 0, null);
  return out;
}

/** Fire one timer at some time between `at` and `latest`. */
function fire(d: Draft, name: TimerName, at: number, latest: number, form: Segment | null): void {
  const t = d.t;
  t.now = at;
  const own = d.p.timers?.find((x) => x.name === name);
  if (own) {
    own.fire(d);
    return;
  }
  switch (name) {
    case 'delayedAck':
      d.fire('timeout.delayedAck');
      sendAck(d);
      return;
    case 'timeWait': {
      d.fire('timeout.timeWait');
      const kept = d.p.replaces?.output?.timeWaitEndKeepsText?.(d) ? t.rcvQueue : '';
      deleteTcb(d);
      d.t.rcvQueue = kept;
      return;
    }
    case 'user':
      if (exhausted(d)) {
        d.fire('timeout.retransmissionsExhausted');
        d.signals.push('connection aborted due to user timeout');
        deleteTcb(d);
        return;
      }
      d.fire('timeout.user');
      d.signals.push('connection aborted due to user timeout');
      deleteTcb(d);
      return;
    case 'rtx': {
      const seg = form;
      if (!seg) {
        t.rtxLo = t.rtxHi = null;
        return;
      }
      const max = d.p.params.maxRetransmissions;
      if (max && t.rtxCount >= (seg.ctl & SYN ? max.syn : max.data)) {
        // The implementation gives up after a number of retransmissions instead of a user timeout.
        d.fire('timeout.retransmissionsExhausted');
        d.signals.push('connection aborted due to user timeout');
        deleteTcb(d);
        return;
      }
      d.fire('timeout.retransmission');
      if (!d.p.replaces?.output?.resendOnTimeout?.(d, seg)) resend(d, seg);
      const p = d.p.params;
      const syn = t.state === 'SynSent';
      if (syn) d.p.replaces?.output?.synRetransmitted?.(d);
      t.rtxCount += 1;
      if (giveUpSoon(d, at, latest)) return;
      // RFC 6298 §5.5: the timer backs off, doubling each time, up to the ceiling (a profile may keep the
      // SYN's RTO fixed).
      const factors = p.rtoBackoff;
      const factor =
        syn && p.synRtoFixed ? 1 : factors ? factors[Math.min(t.rtxCount, factors.length - 1)] : 2 ** t.rtxCount;
      t.rtxLo = at + Math.min(rtoFloor(d) * factor, p.rtoMax);
      t.rtxHi = latest + rtoCeiling(d);
    }
  }
}

/** The latest time by which some timer of this TCB must have fired, if any: waits up to it reach the next
 *  event. */
export function nextDeadline(t: Tcb, p: Profile): number | null {
  const ps = pendingOf(t, p);
  if (ps.length === 0) return null;
  return ps.reduce((m, p) => Math.min(m, p.hi), Infinity);
}

/** Has the connection made every retransmission the profile allows (params.maxRetransmissions)? */
function exhausted(d: Draft): boolean {
  const max = d.p.params.maxRetransmissions;
  return !!max && d.t.rtxCount >= (d.t.sndUna === d.t.iss ? max.syn : max.data);
}

/**
 * Where the profile gives up at a periodic check after the last allowed retransmission
 * (params.giveUpWithin), stop retransmitting and let the user timer end the connection by then; true if so.
 */
export function giveUpSoon(d: Draft, at: number, latest: number): boolean {
  const within = d.p.params.giveUpWithin;
  if (within == null || !exhausted(d)) return false;
  const t = d.t;
  t.rtxLo = t.rtxHi = null;
  t.utLo = at;
  t.utHi = latest + within;
  return true;
}
