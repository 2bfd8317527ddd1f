// Every rule the model fires under a profile is one of that profile's rules, with its citations: otherwise a
// counterexample could blame a rule that has no citation, and coverage would not count it. Random walks
// through the model under each profile, on a virtual and on a real clock, collect the rules of every outcome
// the model allows (not only of the one taken).
import { MODEL_CAPABILITIES } from '../../adapters/model/adapter';
import { toConcrete } from '../../harness/lockstep';
import { staticItems, waitItems } from '../../harness/menu';
import { profileRules } from '../profile';
import { step } from '../step';
import { closedTcb } from '../tcb';
import { pendingOf } from '../timers';
import { PROFILES } from '.';

const RUNS = 3000;
const INPUTS = 40;

function firedRules(profile: (typeof PROFILES)[number], realClock: boolean): Map<string, string> {
  const fired = new Map<string, string>();
  let rng = 0x9e3779b9;
  const next = (n: number) => {
    rng = (Math.imul(rng ^ (rng >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return rng % n;
  };
  for (let run = 0; run < RUNS; run++) {
    let t = closedTcb();
    const peerIss = next(0xffffffff);
    for (let i = 0; i < INPUTS; i++) {
      const items = [
        ...staticItems(t, MODEL_CAPABILITIES),
        ...waitItems(t, pendingOf(t, profile), realClock ? { slow: false } : null),
      ];
      const input = toConcrete(items[next(items.length)].input, t, peerIss);
      const outcomes = step(t, input, profile, { iss: next(0xffffffff), realClock });
      for (const o of outcomes) for (const r of o.rules) if (!fired.has(r)) fired.set(r, `${t.state} ${input.kind}`);
      t = outcomes[next(outcomes.length)].tcb;
    }
  }
  return fired;
}

describe.each(PROFILES.map((p) => [p.name, p] as const))('under the %s profile', (_name, profile) => {
  const defined = new Map(profileRules(profile).map((r) => [r.id, r]));
  test.each([false, true])('every rule fired (real clock: %s) is a rule of the profile with its citations', (real) => {
    const fired = firedRules(profile, real);
    expect(fired.size).toBeGreaterThan(50); // the walk reaches the model's rules at all
    const undefinedRules = [...fired].filter(([id]) => !defined.has(id)).map(([id, where]) => `${id} (${where})`);
    expect(undefinedRules).toEqual([]);
    const uncited = [...fired.keys()].filter(
      (id) => defined.has(id) && !(defined.get(id)!.rfc793 && defined.get(id)!.rfc9293),
    );
    expect(uncited).toEqual([]);
  });
});
