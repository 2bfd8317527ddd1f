// Running one scenario: its inputs in lockstep against the model (harness/lockstep.ts), as replay does, then its
// expectations against what happened. It passes only when the IUT stayed within the model and met every
// expectation.
import { Adapter } from '../../adapters/types';
import { callName } from '../../models/input';
import { Profile } from '../../models/profile';
import { fixedSource, runOnce } from '../check';
import { Counterexample, makeCounterexample } from '../counterexample';
import { RunResult } from '../lockstep';
import { judgeAllowed } from './allowed';
import { Failure, judgeExpectations } from './expect';
import { Scenario } from './scenario';

export interface ScenarioResult {
  scenario: Scenario;
  profile: string;
  verdict: 'pass' | 'fail' | 'skip';
  /** Why it was skipped: an input the adapter cannot play. */
  reason?: string;
  /** Expectations not met, by line. */
  failures: Failure[];
  /** The IUT left the outcomes the model allows. */
  divergence?: Counterexample;
  run?: RunResult;
}

/** Why the adapter cannot play this scenario, or null when it can. */
export function cannotPlay(sc: Scenario, adapter: Adapter): string | null {
  const caps = adapter.capabilities;
  for (const s of sc.steps) {
    if (s.input.kind === 'segment' && !caps.segments)
      return `line ${s.line}: adapter ${adapter.name} cannot send crafted segments`;
    if (s.input.kind === 'call' && !caps.calls.includes(callName(s.input)))
      return `line ${s.line}: adapter ${adapter.name} has no user call ${callName(s.input)}`;
  }
  return null;
}

export async function runScenario(
  sc: Scenario,
  adapter: Adapter,
  profile: Profile,
  recorded: Pick<Counterexample, 'adapter' | 'cmd' | 'mutant'>,
): Promise<ScenarioResult> {
  const reason = cannotPlay(sc, adapter);
  if (reason) return { scenario: sc, profile: profile.name, verdict: 'skip', reason, failures: [] };
  const inputs = sc.steps.map((s) => s.input);
  const run = await runOnce(adapter, profile, fixedSource(inputs), sc.peerIss, sc.seed, null, true);
  // Against the model's allowed set always; against what the IUT did unless the IUT is the model itself, whose
  // pick among allowed outcomes is arbitrary.
  const oracle = judgeAllowed(sc, run, profile, adapter.capabilities);
  const seen = recorded.adapter === 'model' ? [] : judgeExpectations(sc, run, adapter.capabilities);
  const failures = [...oracle, ...seen].sort((a, b) => a.line - b.line);
  const result: ScenarioResult = {
    scenario: sc,
    profile: profile.name,
    verdict: run.divergence || failures.length ? 'fail' : 'pass',
    failures,
    run,
  };
  if (run.divergence) {
    const base = { ...recorded, profile: profile.name, seed: sc.seed, peerIss: sc.peerIss, runSeed: sc.seed };
    result.divergence = makeCounterexample(base, inputs.slice(0, run.divergence.index + 1), run.divergence, run.trace);
  }
  return result;
}
