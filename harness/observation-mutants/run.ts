// `tcpconform mutants --observations`: runs made as a check makes them, each recorded once on the IUT, then for
// every kind of perturbation one site of the run chosen at random and the perturbed run judged by the model
// (harness/observation-mutants/score.ts). The IUT runs once per run: perturbing what was observed needs no
// second run of it.
import { Adapter } from '../../adapters/types';
import { ConcreteInput } from '../../models/input';
import { Profile } from '../../models/profile';
import { stateName } from '../../models/state';
import { runOnce, withRealTimeTolerance } from '../check';
import { InputSource, TraceEntry } from '../lockstep';
import { RunPlan, menuSource } from '../plan';
import { KINDS, Kind, Recorded, perturbed, sites } from './perturb';
import { judge } from './score';

export interface Undetected {
  run: number;
  step: number;
  state: string;
  input: string;
  what: string;
  reason: string;
}

export interface KindReport {
  kind: Kind;
  applied: number;
  detected: number;
  /** The first few undetected ones, and how many had each reason. */
  undetected: Undetected[];
  reasons: Record<string, number>;
}

export interface ObservationMutantsReport {
  adapter: string;
  profile: string;
  seed: number;
  runs: number;
  /** Runs left out because the IUT itself diverged (they say nothing of the oracle). */
  diverged: number;
  kinds: KindReport[];
  applied: number;
  detected: number;
}

const KEEP = 10;

/** A small deterministic generator: the same seed and run choose the same sites. */
function chooser(seed: number, run: number): (n: number) => number {
  let x = (seed * 0x9e3779b1 + run * 0x85ebca6b + 1) >>> 0;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

function inputText(c: ConcreteInput): string {
  if (c.kind === 'wait') return `wait ${c.ms} ms`;
  if (c.kind === 'call') return `${c.call.toUpperCase()}${'mode' in c && c.mode ? ` ${c.mode}` : ''}`;
  return `segment <SEQ=${c.segment.seq}>`;
}

export async function observationMutants(o: {
  adapter: Adapter;
  profile: Profile;
  runs: number;
  seed: number;
  maxInputs?: number;
  onRun?: (done: number) => void;
}): Promise<ObservationMutantsReport> {
  const caps = o.adapter.capabilities;
  const profile = caps.clock === 'real' ? withRealTimeTolerance(o.profile) : o.profile;
  const plan = new RunPlan(o.seed, o.maxInputs ?? 40);
  const kinds = new Map<Kind, KindReport>(
    KINDS.map((k) => [k, { kind: k, applied: 0, detected: 0, undetected: [], reasons: {} }]),
  );
  let diverged = 0;
  for (let i = 0; i < o.runs; i++) {
    const a = plan.args(i);
    const source: InputSource = menuSource(a, caps, profile, new Map(), null);
    const r = await runOnce(o.adapter, profile, source, a.peerIss, a.runSeed, null, true);
    o.onRun?.(i + 1);
    if (r.divergence) {
      diverged++;
      continue;
    }
    const run: Recorded[] = r.trace.map((t: TraceEntry) => ({ concrete: t.concrete, observed: t.observed }));
    const pick = chooser(o.seed, i);
    for (const kind of KINDS) {
      const where = sites(run, kind, caps);
      if (where.length === 0) continue;
      const site = where[pick(where.length)];
      const p = perturbed(run, kind, site);
      const v = judge(run, p.observed, site.step, site.segment, kind, profile, caps);
      const k = kinds.get(kind)!;
      k.applied++;
      if (v.detected) {
        k.detected++;
        continue;
      }
      k.reasons[v.reason] = (k.reasons[v.reason] ?? 0) + 1;
      if (k.undetected.length < KEEP)
        k.undetected.push({
          run: i,
          step: site.step,
          state: stateName(r.trace[site.step].state),
          input: inputText(run[site.step].concrete),
          what: p.what,
          reason: v.reason,
        });
    }
  }
  const list = [...kinds.values()];
  return {
    adapter: o.adapter.name,
    profile: o.profile.name,
    seed: o.seed,
    runs: o.runs,
    diverged,
    kinds: list,
    applied: list.reduce((n, k) => n + k.applied, 0),
    detected: list.reduce((n, k) => n + k.detected, 0),
  };
}
