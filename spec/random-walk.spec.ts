// A random walk over the whole state diagram (RFC 793 §3.2 Figure 6; RFC 9293 §3.3.2 Figure 5), in lockstep
// with the model: every observation must be one the RFC allows.
import { runCheck } from '../harness/check';
import { STATES } from '../models/state';
import { suite } from './support/suite';

suite('random walk', (s) => {
  // The one spec that declares no rule: it checks the whole machine (every step of every walk in lockstep with
  // the model, all 11 states reached), not one rule's behaviour; which rules a walk fires is left to chance.
  s.spec(
    'every random walk over the state diagram conforms, and the walks reach all 11 states',
    {
      rules: [],
      noRulesBecause: 'it checks the whole state machine by random walks, not one rule (see the comment above)',
      needs: ['open.passive', 'open.active', 'close', 'segments', 'state'],
      timeoutMs: 60000,
    },
    async ({ adapter, profile }) => {
      const runs = adapter.capabilities.clock === 'virtual' && adapter.synchronous ? 1500 : 200;
      const r = await runCheck({ adapter, profile, runs, seed: 20261122 });
      if (r.divergences.length) throw new Error(`divergence:\n${JSON.stringify(r.divergences[0], null, 2)}`);
      expect(r.divergences).toEqual([]);
      expect(r.coverage.states.missing).toEqual([]);
      expect(r.coverage.states.covered).toBe(STATES.length);
    },
  );
});
