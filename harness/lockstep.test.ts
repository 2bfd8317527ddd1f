// One step of lockstep on a real clock: a wait the machine woke late from is as long, for the model, as it
// really was (the IUT's timers ran on meanwhile).
import { rfc9293 } from '../models/profiles/rfc9293';
import { SYN } from '../models/segment';
import { closedTcb } from '../models/tcb';
import { step } from '../models/step';
import { LINUX_CAPABILITIES } from '../adapters/linux/adapter';
import { checkStep } from './lockstep';

const synSent = step(closedTcb(), { kind: 'call', call: 'open', mode: 'active' }, rfc9293, { iss: 5000 })[0].tcb;
const resent = { seq: 5000, ack: 0, ctl: SYN, wnd: 64, data: '', mss: 1460 };
const caps = { ...LINUX_CAPABILITIES, state: false };

describe('a wait that took longer than asked', () => {
  test('SYN-SENT, wait 900 ms that really took 1200: the SYN retransmitted at 1 s (RFC 6298 §2) is allowed', () => {
    const late = checkStep(
      [synSent],
      { kind: 'wait', ms: 900 },
      { segments: [resent], elapsedMs: 1200 },
      rfc9293,
      caps,
    );
    expect(late.matched.length).toBeGreaterThan(0);
  });
  test('the same wait, taken as asked: the retransmission came too early, a divergence', () => {
    const onTime = checkStep(
      [synSent],
      { kind: 'wait', ms: 900 },
      { segments: [resent], elapsedMs: 900 },
      rfc9293,
      caps,
    );
    expect(onTime.matched).toEqual([]);
    const unknown = checkStep([synSent], { kind: 'wait', ms: 900 }, { segments: [resent] }, rfc9293, caps);
    expect(unknown.matched).toEqual([]);
  });
});
