// The timer table describes every timer the model runs: a wait sees no timer the table does not name.
import { PROFILES } from './profiles';
import { TIMERS, earliestOf } from './timer-table';
import { pendingOf } from './timers';
import { lwip } from './profiles/lwip';
import { rfc9293 } from './profiles/rfc9293';
import { closedTcb } from './tcb';
import { ruleIn } from './rules';

describe('the timer table', () => {
  test('each of the seven timers is described once, and its rule is defined by some profile with a citation', () => {
    expect(new Set(TIMERS.map((t) => t.name)).size).toBe(7);
    for (const t of TIMERS) {
      const defined = PROFILES.map((p) => ruleIn(p, t.rule)).find((r) => r !== undefined);
      expect([t.name, defined?.rfc9293 ?? 'no rule']).not.toEqual([t.name, 'no rule']);
    }
  });

  test('a TCB with every timer field set shows each timer the table names, in the table order', () => {
    const t = { ...closedTcb(), state: 'SynReceived' as const, now: 0, ackDue: 10 };
    Object.assign(t, { rtxLo: 1, rtxHi: 2, utLo: 3, utHi: 4, twLo: 5, twHi: 6, fw2Lo: 7, fw2Hi: 8, srLo: 9, srHi: 9 });
    expect(pendingOf(t).map((p) => p.name)).toEqual([
      'delayedAck',
      'rtx',
      'user',
      'timeWait',
      'finWait2',
      'synReceived',
    ]);
  });

  test("the earliest a timer runs out: RFC 9293's 2·MSL for TIME-WAIT, none where a profile has no such timer", () => {
    const timeWait = TIMERS.find((t) => t.name === 'timeWait')!;
    const synReceived = TIMERS.find((t) => t.name === 'synReceived')!;
    expect(earliestOf(timeWait, rfc9293.params)).toBe(rfc9293.params.timeWaitLo);
    expect(earliestOf(synReceived, rfc9293.params)).toBeNull();
    expect(earliestOf(synReceived, lwip.params)).toBe(lwip.params.synReceivedTimeoutLo);
  });
});
