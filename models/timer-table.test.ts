// The timer table describes every timer the model runs: a wait sees no timer the table or the profile does not name.
import { PROFILES } from './profiles';
import { TIMERS, earliestOf, timersOf } from './timer-table';
import { pendingOf } from './timers';
import { lwip } from './profiles/lwip';
import { rfc9293 } from './profiles/rfc9293';
import { Tcb, closedTcb } from './tcb';
import { ruleIn } from './rules';

describe('the timer table', () => {
  test('each timer is described once, and its rule is defined by some profile with a citation', () => {
    const all = PROFILES.flatMap((p) => timersOf(p));
    expect(new Set(all.map((t) => t.name))).toEqual(
      new Set([
        'delayedAck',
        'rtx',
        'user',
        'timeWait',
        'finWait2',
        'synReceived',
        'lastAck',
        'keepInit',
        'finWait2Idle',
      ]),
    );
    for (const t of all) {
      const defined = PROFILES.map((p) => ruleIn(p, t.rule)).find((r) => r !== undefined);
      expect([t.name, defined?.rfc9293 ?? 'no rule']).not.toEqual([t.name, 'no rule']);
    }
  });

  test('a TCB with every timer field set shows each timer the table names, in the table order', () => {
    const t: Tcb = { ...closedTcb(), state: 'SynReceived', now: 0, ackDue: 10 };
    Object.assign(t, { rtxLo: 1, rtxHi: 2, utLo: 3, utHi: 4, twLo: 5, twHi: 6 });
    // The profiles' own timers keep their windows in the profile's state (Tcb.ext).
    t.ext = { fw2Lo: 7, fw2Hi: 8, srLo: 9, srHi: 9 };
    // Each of the profile's limits counts in its own state only.
    const rfc = ['delayedAck', 'rtx', 'user', 'timeWait'];
    expect(pendingOf(t, lwip).map((p) => p.name)).toEqual([...rfc, 'synReceived']);
    expect(pendingOf({ ...t, state: 'FinWait2' }, lwip).map((p) => p.name)).toEqual([...rfc, 'finWait2']);
    // The RFC has neither limit: under rfc9293 the same fields start no timer.
    expect(pendingOf(t, rfc9293).map((p) => p.name)).toEqual(['delayedAck', 'rtx', 'user', 'timeWait']);
  });

  test("the earliest a timer runs out: RFC 9293's 2·MSL for TIME-WAIT, none where a profile has no such timer", () => {
    const timeWait = TIMERS.find((t) => t.name === 'timeWait')!;
    const synReceived = timersOf(lwip).find((t) => t.name === 'synReceived')!;
    expect(earliestOf(timeWait, rfc9293.params)).toBe(rfc9293.params.timeWaitLo);
    expect(earliestOf(synReceived, rfc9293.params)).toBeNull();
    expect(earliestOf(synReceived, lwip.params)).toBe(lwip.params.synReceivedTimeoutLo);
  });
});
