// Every timer of the model, described once (docs/design.md §3): where its window lives in the TCB, the rule its
// running out fires, and the profile parameters that bound it. The RFC's timers are here; an implementation
// profile lists its own in its file (Profile.timers). The model's waits (timers.ts), the coverage report
// (which timers a real-time check can wait for), the real-clock tolerance (harness/check.ts) and the generator's
// waits (harness/menu.ts, through pendingOf) all read it.
import type { ProfileParams } from './profile';
import type { RuleId } from './profiles';
import type { Draft } from './outcome';
import { Tcb } from './tcb';

/** The RFC's timers are 'rtx', 'user', 'timeWait' and 'delayedAck'; a profile names its own. */
export type TimerName = string;

export interface TimerSpec {
  name: TimerName;
  /** The rule its running out fires (for the retransmission timer, its usual firing). */
  rule: RuleId;
  /** Its window [lo, hi] in absolute time, or null where it is not running. */
  window(t: Tcb): readonly [number, number] | null;
  /** Parameters that bound it from below (the least of those set is its earliest from start); a real clock's
   *  scheduling delays make it look earlier, so the tolerance shrinks them. */
  earliest: readonly (keyof ProfileParams)[];
  /** Parameters that bound it from above; the tolerance widens them. */
  latest: readonly (keyof ProfileParams)[];
}

const span = (lo: number | null, hi: number | null): readonly [number, number] | null =>
  lo !== null && hi !== null ? [lo, hi] : null;

/** A timer an implementation profile adds (models/profiles/): what its running out does, too. */
export interface ProfileTimer extends TimerSpec {
  fire(d: Draft): void;
}

/** The RFC's timers, in the order the model considers them when several may fire next; a profile's own
 *  (Profile.timers) come after them. */
export const TIMERS: readonly TimerSpec[] = [
  {
    // RFC 9293 §3.8.6.3: an ACK may be delayed, by less than 0.5 s.
    name: 'delayedAck',
    rule: 'timeout.delayedAck',
    window: (t) => (t.ackDue !== null ? [t.now, t.ackDue] : null),
    earliest: [],
    latest: ['delayedAckMax'],
  },
  {
    // RFC 9293 §3.8.1, RFC 6298 §5: the retransmission timeout, backed off up to its ceiling.
    name: 'rtx',
    rule: 'timeout.retransmission',
    window: (t) => span(t.rtxLo, t.rtxHi),
    earliest: ['rtoMin', 'rtoInitial'],
    latest: ['rtoMax'],
  },
  {
    // RFC 9293 §3.10.8: the user timeout.
    name: 'user',
    rule: 'timeout.user',
    window: (t) => span(t.utLo, t.utHi),
    earliest: ['userTimeoutLo'],
    latest: ['userTimeoutHi'],
  },
  {
    // RFC 9293 §3.10.8: 2·MSL in TIME-WAIT.
    name: 'timeWait',
    rule: 'timeout.timeWait',
    window: (t) => span(t.twLo, t.twHi),
    earliest: ['timeWaitLo'],
    latest: ['timeWaitHi'],
  },
];

/** The earliest a timer can run out after it starts under these parameters; null where the profile has none. */
export function earliestOf(timer: TimerSpec, p: ProfileParams): number | null {
  if (timer.earliest.length === 0) return 0;
  const set = timer.earliest.map((k) => p[k]).filter((v): v is number => typeof v === 'number');
  return set.length ? Math.min(...set) : null;
}

const ALL_TIMERS = new WeakMap<readonly ProfileTimer[], readonly TimerSpec[]>();

/** Every timer under a profile: the RFC's and the profile's own (joined once per list: every wait reads it). */
export function timersOf(p: { timers?: readonly ProfileTimer[] }): readonly TimerSpec[] {
  const own = p.timers;
  if (!own?.length) return TIMERS;
  let all = ALL_TIMERS.get(own);
  if (!all) ALL_TIMERS.set(own, (all = [...TIMERS, ...own]));
  return all;
}
