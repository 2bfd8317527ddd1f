// Measuring the suite against the simulator's catalogue of seeded bugs: is each one detected, how fast, and
// how close is the shrunk counterexample to the shortest one known?
import { findAdapter } from '../adapters/registry';
import { MUTANTS, Mutant } from '../adapters/simulator/mutants';
import { findProfile } from '../models/profiles';
import { runCheck } from './check';
import type { Counterexample } from './counterexample';

export interface MutantReport {
  id: string;
  detected: boolean;
  runsToDetect: number | null;
  timeMs: number;
  counterexampleLength: number | null;
  minimalLength: number;
  rule: string;
  ruleCited: string | null;
  profile: string;
}

export async function runMutants(opts: {
  runs: number;
  seed: number;
  only?: string[];
  /** Each mutant's report as it is made, with the counterexample that detected it (for the HTML report). */
  onEach?: (r: MutantReport, counterexample?: Counterexample) => void;
}): Promise<MutantReport[]> {
  const out: MutantReport[] = [];
  const chosen: readonly Mutant[] = opts.only?.length ? MUTANTS.filter((m) => opts.only!.includes(m.id)) : MUTANTS;
  for (const m of chosen) {
    const profile = findProfile(m.profiles.includes('rfc9293') ? 'rfc9293' : 'rfc793')!;
    // Through the registry, as `check --adapter simulator --mutant <id>` would create it.
    const adapter = await findAdapter('simulator')!.create({ profile: profile.name, mutant: m.id });
    const t0 = performance.now();
    const r = await runCheck({ adapter, profile, runs: opts.runs, seed: opts.seed, mutant: m.id });
    const timeMs = Math.round(performance.now() - t0);
    await adapter.dispose();
    const cx = r.divergences[0];
    const rep: MutantReport = {
      id: m.id,
      detected: !!cx,
      runsToDetect: cx ? r.runs + 1 : null,
      timeMs,
      counterexampleLength: cx ? cx.inputs.length : null,
      minimalLength: m.minimalLength,
      rule: m.rule,
      ruleCited: cx ? cx.divergence.rule : null,
      profile: profile.name,
    };
    out.push(rep);
    opts.onEach?.(rep, cx);
  }
  return out;
}
