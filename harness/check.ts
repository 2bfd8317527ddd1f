// A check: many random runs in lockstep, driven by fast-check, with shrinking to a minimal counterexample.
import fc from 'fast-check';
import { Adapter } from '../adapters/types';
import { Input } from '../models/input';
import { Profile } from '../models/profile';
import { Pending, pendingOf } from '../models/timers';
import { Tcb } from '../models/tcb';
import { WeightedMenu } from './choose';
import { Coverage, CoverageReport, coverageReport } from './coverage';
import { Counterexample, makeCounterexample } from './counterexample';
import { driveAsync, driveSync } from './drive';
import { InputSource, RunResult, lockstep } from './lockstep';
import { staticItems, waitItems } from './menu';

export interface CheckOptions {
  adapter: Adapter;
  profile: Profile;
  runs: number;
  seed: number;
  /** The longest input sequence of a run. */
  maxInputs?: number;
  /** Real-time adapters: also generate the long waits their timers need (2MSL, RTO back-off). */
  slow?: boolean;
  mutant?: string;
  onProgress?: (runsDone: number, runsTotal: number, events: number) => void;
}

export interface CheckResult {
  adapter: string;
  /** What the adapter reported about the IUT (versions, sysctls), when it does. */
  iut?: Record<string, string>;
  profile: string;
  mutant?: string;
  seed: number;
  runs: number;
  events: number;
  divergences: Counterexample[];
  coverage: CoverageReport;
  elapsedMs: number;
  eventsPerSecond: number;
  /** Real-time adapters: how much of elapsedMs went on waits for the IUT's timers, and the event rate over
   *  the rest (the harness, the adapter and the IUT at work). */
  realTime?: { waitedMs: number; eventsPerSecondOutsideWaits: number };
}

interface RunArgs {
  peerIss: number;
  runSeed: number;
  choices: number[];
}

export const runArbitrary = (maxInputs: number): fc.Arbitrary<RunArgs> =>
  fc.record({
    peerIss: fc.oneof(
      fc.constant(1000),
      fc.constantFrom(0xffffffff - 2, 0x7fffffff),
      fc.integer({ min: 0, max: 0xffffffff }),
    ),
    runSeed: fc.nat(),
    choices: fc.array(fc.nat(), { minLength: 1, maxLength: maxInputs, size: 'max' }),
  });

function timersOf(t: Tcb, profile: Profile): Pending[] {
  return pendingOf(t);
}

/** An input source that follows fast-check's choices through the model-driven menu. */
export function menuSource(
  args: RunArgs,
  adapter: Adapter,
  profile: Profile,
  counts: Map<string, number>,
  used: string[] | null,
  slow = false,
): InputSource {
  const realTime = adapter.capabilities.clock === 'real' ? { slow } : null;
  // Calls the profile does not define are not generated (the half-duplex close is RFC 9293's).
  const caps = profile.features.has('halfDuplexClose')
    ? adapter.capabilities
    : { ...adapter.capabilities, calls: adapter.capabilities.calls.filter((c) => c !== 'close.halfDuplex') };
  const weighted = new WeightedMenu(counts);
  return (t, i) => {
    if (i >= args.choices.length) return null;
    const item = weighted.choose(t.state, () => staticItems(t, caps), waitItems(t, timersOf(t, profile), realTime), args.choices[i]);
    used?.push(item.key);
    return item.input;
  };
}

export function fixedSource(inputs: Input[]): InputSource {
  return (_t, i) => (i < inputs.length ? inputs[i] : null);
}

export function runOnce(
  adapter: Adapter,
  profile: Profile,
  source: InputSource,
  peerIss: number,
  runSeed: number,
  coverage: Coverage | null,
  keepTrace: boolean,
): RunResult | Promise<RunResult> {
  if (adapter.capabilities.clock === 'real') profile = withRealTimeTolerance(profile);
  const gen = lockstep(source, profile, adapter.capabilities, peerIss, coverage, keepTrace);
  const setup = { profile: profile.name, seed: runSeed };
  return adapter.synchronous ? driveSync(adapter, setup, gen) : driveAsync(adapter, setup, gen);
}

/** Remove inputs one at a time while the run still diverges: symbolic inputs keep their meaning. Starts from
 *  a run of these inputs that diverged, so the result always diverges. */
async function minimise(adapter: Adapter, profile: Profile, inputs: Input[], diverged: RunResult, peerIss: number, runSeed: number): Promise<{ inputs: Input[]; result: RunResult }> {
  let best = inputs;
  let bestResult = diverged;
  for (let i = best.length - 1; i >= 0; i--) {
    if (best.length <= 1) break;
    const candidate = best.slice(0, i).concat(best.slice(i + 1));
    const r = await runOnce(adapter, profile, fixedSource(candidate), peerIss, runSeed, null, true);
    if (r.divergence) {
      best = candidate.slice(0, r.divergence.index + 1);
      bestResult = r;
      i = Math.min(i, best.length);
    }
  }
  return { inputs: best, result: bestResult };
}

/**
 * A real-time IUT's timers are seen through scheduling delays: the model's windows widen by a tolerance that
 * scales with their length (DESIGN.md §3). Virtual-clock adapters are checked exactly.
 */
const TOLERANT = new WeakSet<Profile>();

export function withRealTimeTolerance(p: Profile): Profile {
  if (TOLERANT.has(p)) return p;
  const widen = (ms: number) => Math.round(ms * 1.1 + 100);
  const shrink = (ms: number) => Math.max(0, Math.round(ms * 0.9 - 100));
  const q = p.params;
  const tolerant: Profile = {
    ...p,
    params: {
      ...q,
      rtoInitial: shrink(q.rtoInitial),
      ...(q.rtoMin != null ? { rtoMin: shrink(q.rtoMin) } : {}),
      rtoMax: widen(q.rtoMax),
      timeWaitLo: shrink(q.timeWaitLo),
      timeWaitHi: widen(q.timeWaitHi),
      userTimeoutLo: q.userTimeoutLo === null ? null : shrink(q.userTimeoutLo),
      userTimeoutHi: q.userTimeoutHi === null ? null : widen(q.userTimeoutHi),
      delayedAckMax: widen(q.delayedAckMax),
      finWait2TimeoutLo: q.finWait2TimeoutLo == null ? q.finWait2TimeoutLo : shrink(q.finWait2TimeoutLo),
      finWait2TimeoutHi: q.finWait2TimeoutHi == null ? q.finWait2TimeoutHi : widen(q.finWait2TimeoutHi),
    },
  };
  TOLERANT.add(tolerant);
  return tolerant;
}

function realTimeFigures(events: number, elapsedMs: number, waitedMs: number): CheckResult['realTime'] {
  const busy = Math.max(1, elapsedMs - waitedMs);
  return { waitedMs: Math.round(waitedMs), eventsPerSecondOutsideWaits: Math.round(events / (busy / 1000)) };
}

/** How many times the run that fast-check settled on is repeated before it counts as not repeatable. */
const REPLAYS = 3;

const argsKey = (a: RunArgs): string => `${a.peerIss}/${a.runSeed}/${a.choices.join(',')}`;

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const o = options.adapter.capabilities.clock === 'real' ? { ...options, profile: withRealTimeTolerance(options.profile) } : options;
  const start = performance.now();
  const waited0 = o.adapter.waitedMs;
  const coverage = new Coverage();
  const maxInputs = o.maxInputs ?? 40;
  let events = 0;
  let runsDone = 0;
  let frozen = false;
  // An adapter that fails (crash, protocol error) ends the check: the error is not a divergence to shrink.
  let fatal: unknown = null;
  // The runs that diverged, with their traces: where the IUT does not repeat itself (real time), the report
  // can still show the run that diverged.
  const failures = new Map<string, RunResult>();
  // Keeping a trace costs little next to an asynchronous adapter's I/O; synchronous ones keep it once shrinking.
  const traced = !o.adapter.synchronous;
  const property = (args: RunArgs): boolean | Promise<boolean> => {
    if (fatal) return true;
    const used: string[] | null = frozen ? null : [];
    const source = menuSource(args, o.adapter, o.profile, coverage.items, used, o.slow);
    const finish = (r: RunResult): boolean => {
      if (r.divergence && (traced || frozen)) failures.set(argsKey(args), r);
      events += r.events;
      // A failing run leaves the weights as they were, so that fast-check's shrinking and the final replay
      // see the same menu choices as the run that failed.
      if (r.divergence) frozen = true;
      if (!frozen && used) {
        runsDone++;
        for (const k of used) coverage.item(k);
        o.onProgress?.(runsDone, o.runs, events);
      }
      return !r.divergence;
    };
    const onError = (e: unknown): boolean => {
      fatal = e;
      return true;
    };
    try {
      const r = runOnce(o.adapter, o.profile, source, args.peerIss, args.runSeed, frozen ? null : coverage, traced || frozen);
      return r instanceof Promise ? r.then(finish, onError) : finish(r);
    } catch (e) {
      return onError(e);
    }
  };
  const arb = runArbitrary(maxInputs);
  const params = { seed: o.seed, numRuns: o.runs };
  const details = o.adapter.synchronous
    ? fc.check(fc.property(arb, (a) => property(a) as boolean), params)
    : await fc.check(fc.asyncProperty(arb, async (a) => property(a)), params);
  if (fatal) throw fatal;
  const divergences: Counterexample[] = [];
  if (details.failed && details.counterexample) {
    const [args] = details.counterexample as [RunArgs];
    const base = { adapter: o.adapter.name, profile: o.profile.name, ...(o.mutant ? { mutant: o.mutant } : {}), seed: o.seed, path: details.counterexamplePath ?? undefined, peerIss: args.peerIss, runSeed: args.runSeed };
    let replayed: RunResult | null = null;
    for (let k = 0; k < REPLAYS && !replayed?.divergence; k++) {
      replayed = await runOnce(o.adapter, o.profile, menuSource(args, o.adapter, o.profile, coverage.items, null, o.slow), args.peerIss, args.runSeed, null, true);
    }
    const first = failures.get(argsKey(args));
    if (replayed?.divergence) {
      const inputs = [...replayed.trace.map((e) => e.input), replayed.divergence.input];
      const min = await minimise(o.adapter, o.profile, inputs, replayed, args.peerIss, args.runSeed);
      divergences.push(makeCounterexample(base, min.inputs, min.result.divergence!, min.result.trace));
    } else if (first?.divergence) {
      // The IUT did not do it again: report the run as it diverged, unshrunk, and say so.
      const inputs = [...first.trace.map((e) => e.input), first.divergence.input];
      divergences.push({ ...makeCounterexample(base, inputs, first.divergence, first.trace), unrepeatable: { replays: REPLAYS } });
    } else {
      throw new Error(`run ${details.counterexamplePath} diverged but did not diverge again in ${REPLAYS} replays, and its trace was not kept`);
    }
  } else if (details.failed) {
    throw (details as { errorInstance?: unknown }).errorInstance ?? new Error('fast-check failed without a counterexample');
  }
  const elapsedMs = performance.now() - start;
  const iut = o.adapter.describeIut ? await o.adapter.describeIut() : undefined;
  return {
    adapter: o.adapter.name,
    ...(iut ? { iut } : {}),
    profile: o.profile.name,
    ...(o.mutant ? { mutant: o.mutant } : {}),
    seed: o.seed,
    runs: runsDone,
    events,
    divergences,
    coverage: coverageReport(coverage, o.profile, o.adapter.capabilities, o.slow),
    elapsedMs: Math.round(elapsedMs),
    eventsPerSecond: Math.round(events / (elapsedMs / 1000)),
    ...(waited0 !== undefined ? { realTime: realTimeFigures(events, elapsedMs, o.adapter.waitedMs! - waited0) } : {}),
  };
}
