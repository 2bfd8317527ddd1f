// TIME-WAIT's 2·MSL, started and restarted by segments (RFC 793 p.75-76; RFC 9293 §3.10.7.4, eighth check). An
// implementation's own timers start through its profile (Replacements.timers, Profile.timers).
import { Draft } from './outcome';

/** TIME-WAIT begins: its 2·MSL runs (RFC 9293 §3.10.7.4, eighth check), the other timers stop. */
export function enterTimeWait(d: Draft): void {
  const t = d.t;
  t.state = 'TimeWait';
  t.rtxLo = t.rtxHi = t.utLo = t.utHi = null;
  const p = d.p.params;
  [t.twLo, t.twHi] = d.p.replaces?.timers?.timeWaitWindow?.(d) ?? [t.now + p.timeWaitLo, t.now + p.timeWaitHi];
}

export function restartTimeWait(d: Draft): void {
  d.t.twLo = d.t.now + d.p.params.timeWaitLo;
  d.t.twHi = d.t.now + d.p.params.timeWaitHi;
}
