// A check: many random runs in lockstep, driven by fast-check, with shrinking to a minimal counterexample.
import fc from 'fast-check';
import { Adapter, AdapterFailure } from '../adapters/types';
import { Input } from '../models/input';
import { Profile, ProfileParams } from '../models/profile';
import { timersOf } from '../models/timer-table';
import { pendingOf } from '../models/timers';
import { WeightedMenu } from './choose';
import { Coverage, CoverageReport, coverageReport } from './coverage';
import { Counterexample, InputJson, inputToJson, makeCounterexample } from './counterexample';
import { driveAsync, driveSync } from './drive';
import { Divergence, InputSource, RunResult, lockstep } from './lockstep';
import { staticItems, waitItems } from './menu';
import type { BaselineReport } from './baseline';

/** An adapter failure (exit 4) met in a run: its message's first line and the inputs up to the one it failed on. */
export interface Crash {
  crash: string;
  peerIss: number;
  runSeed: number;
  inputs: InputJson[];
}

/** What a check can find: a divergence (as a counterexample) or a crash. */
export type Finding = Counterexample | Crash;

export const isCrash = (f: Finding): f is Crash => 'crash' in f;

/** A known finding met by the check: the first run that met it, minimised, and how many runs met it. */
export interface KnownFinding {
  signature: string;
  finding: Finding;
  runs: number;
}

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
  /**
   * Findings already known (a baseline): returns the signature of a known one, null for a new one. A run that
   * meets a known divergence counts as passed, so fast-check draws the same runs as on a conformant IUT and the
   * check stays deterministic for a seed; it is recorded in result.known, minimised once. A known crash ends
   * the check, since the adapter cannot go on after it.
   */
  known?: (f: Finding) => string | null;
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
  /** New divergences: with a baseline, those it does not know. */
  divergences: Counterexample[];
  /** With CheckOptions.known: the known findings the check met, in the order first met. */
  known?: KnownFinding[];
  /** With CheckOptions.known: the check ended at a known crash (result.runs says after how many runs). */
  endedAtKnownCrash?: boolean;
  /** Filled in by the CLI from the baseline file (harness/baseline.ts). */
  baseline?: BaselineReport;
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
    const item = weighted.choose(
      t.state,
      () => staticItems(t, caps),
      waitItems(t, pendingOf(t, profile), realTime),
      args.choices[i],
    );
    used?.push(item.key);
    return item.input;
  };
}

/** The source, noting each input it gives: a run can then be replayed by fixedSource. */
function recorded(source: InputSource, given: Input[]): InputSource {
  return (t, i) => {
    const input = source(t, i);
    if (input) given.push(input);
    return input;
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

/** Remove inputs one at a time while the run still diverges (in a way `keep` accepts): symbolic inputs keep
 *  their meaning. Starts from a run of these inputs that diverged, so the result always diverges. */
async function minimise(
  adapter: Adapter,
  profile: Profile,
  inputs: Input[],
  diverged: RunResult,
  peerIss: number,
  runSeed: number,
  keep: (inputs: Input[], d: Divergence) => boolean = () => true,
): Promise<{ inputs: Input[]; result: RunResult }> {
  let best = inputs;
  let bestResult = diverged;
  for (let i = best.length - 1; i >= 0; i--) {
    if (best.length <= 1) break;
    const candidate = best.slice(0, i).concat(best.slice(i + 1));
    const r = await runOnce(adapter, profile, fixedSource(candidate), peerIss, runSeed, null, true);
    if (r.divergence && keep(candidate, r.divergence)) {
      best = candidate.slice(0, r.divergence.index + 1);
      bestResult = r;
      i = Math.min(i, best.length);
    }
  }
  return { inputs: best, result: bestResult };
}

/**
 * A real-time IUT's timers are seen through scheduling delays: the model's windows widen by a tolerance that
 * scales with their length (docs/design.md §3). Virtual-clock adapters are checked exactly.
 */
const TOLERANT = new WeakSet<Profile>();

export function withRealTimeTolerance(p: Profile): Profile {
  if (TOLERANT.has(p)) return p;
  const widen = (ms: number) => Math.round(ms * 1.1 + 100);
  const shrink = (ms: number) => Math.max(0, Math.round(ms * 0.9 - 100));
  const params: Record<string, unknown> = { ...p.params };
  // Every timer's bounds, from the one table that describes them.
  for (const timer of timersOf(p)) {
    for (const k of timer.earliest) if (typeof params[k] === 'number') params[k] = shrink(params[k] as number);
    for (const k of timer.latest) if (typeof params[k] === 'number') params[k] = widen(params[k] as number);
  }
  const tolerant: Profile = { ...p, params: params as unknown as ProfileParams };
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
  const o =
    options.adapter.capabilities.clock === 'real'
      ? { ...options, profile: withRealTimeTolerance(options.profile) }
      : options;
  const start = performance.now();
  const waited0 = o.adapter.waitedMs;
  const coverage = new Coverage();
  const maxInputs = o.maxInputs ?? 40;
  let events = 0;
  let runsDone = 0;
  let frozen = false;
  // An adapter that fails (crash, protocol error) ends the check: the error is not a divergence to shrink.
  let fatal: unknown = null;
  let fatalCrash: Crash | null = null;
  // The runs that diverged, with their traces: where the IUT does not repeat itself (real time), the report
  // can still show the run that diverged.
  const failures = new Map<string, RunResult>();
  // Known findings by signature: the first run that met each, to be minimised after the check.
  const known = new Map<string, { args: RunArgs; inputs: Input[]; result: RunResult; runs: number }>();
  const mutant = o.mutant ? { mutant: o.mutant } : {};
  const common = { adapter: o.adapter.name, profile: o.profile.name, ...mutant, seed: o.seed };
  const counterexampleOf = (a: RunArgs, inputs: Input[], d: Divergence): Counterexample =>
    makeCounterexample({ ...common, peerIss: a.peerIss, runSeed: a.runSeed }, inputs.slice(0, d.index + 1), d);
  /** The signature of a known divergence, null for a new one (or none at all). */
  const knownAs = (a: RunArgs, inputs: Input[], d: Divergence | undefined): string | null =>
    d && o.known ? o.known(counterexampleOf(a, inputs, d)) : null;
  // Keeping a trace costs little next to an asynchronous adapter's I/O; synchronous ones keep it once shrinking.
  const traced = !o.adapter.synchronous;
  const property = (args: RunArgs): boolean | Promise<boolean> => {
    if (fatal) return true;
    const used: string[] | null = frozen ? null : [];
    const given: Input[] = [];
    const source = recorded(menuSource(args, o.adapter, o.profile, coverage.items, used, o.slow), given);
    const finish = (r: RunResult): boolean => {
      const signature = knownAs(args, given, r.divergence);
      const failed = r.divergence !== undefined && signature === null;
      if (failed && (traced || frozen)) failures.set(argsKey(args), r);
      events += r.events;
      // A failing run leaves the weights as they were, so that fast-check's shrinking and the final replay
      // see the same menu choices as the run that failed.
      if (failed) frozen = true;
      if (!frozen && used) {
        runsDone++;
        for (const k of used) coverage.item(k);
        o.onProgress?.(runsDone, o.runs, events);
        if (signature !== null) {
          const seen = known.get(signature);
          if (seen) seen.runs++;
          else known.set(signature, { args, inputs: given.slice(0, r.divergence!.index + 1), result: r, runs: 1 });
        }
      }
      return !failed;
    };
    const onError = (e: unknown): boolean => {
      fatal = e;
      if (e instanceof AdapterFailure) {
        const crash = String(e.message).split('\n')[0];
        fatalCrash = { crash, peerIss: args.peerIss, runSeed: args.runSeed, inputs: given.map(inputToJson) };
      }
      return true;
    };
    try {
      const r = runOnce(
        o.adapter,
        o.profile,
        source,
        args.peerIss,
        args.runSeed,
        frozen ? null : coverage,
        traced || frozen,
      );
      return r instanceof Promise ? r.then(finish, onError) : finish(r);
    } catch (e) {
      return onError(e);
    }
  };
  const arb = runArbitrary(maxInputs);
  const params = { seed: o.seed, numRuns: o.runs };
  const details = o.adapter.synchronous
    ? fc.check(
        fc.property(arb, (a) => property(a) as boolean),
        params,
      )
    : await fc.check(
        fc.asyncProperty(arb, async (a) => property(a)),
        params,
      );
  const knownCrash = fatalCrash && o.known ? o.known(fatalCrash) : null;
  if (fatal && knownCrash === null) throw fatal;
  const divergences: Counterexample[] = [];
  if (details.failed && details.counterexample) {
    const [args] = details.counterexample as [RunArgs];
    const path = details.counterexamplePath ?? undefined;
    const base = { ...common, path, peerIss: args.peerIss, runSeed: args.runSeed };
    let replayed: RunResult | null = null;
    let given: Input[] = [];
    const isNew = (r: RunResult | null) => r?.divergence !== undefined && knownAs(args, given, r.divergence) === null;
    for (let k = 0; k < REPLAYS && !isNew(replayed); k++) {
      given = [];
      const source = recorded(menuSource(args, o.adapter, o.profile, coverage.items, null, o.slow), given);
      replayed = await runOnce(o.adapter, o.profile, source, args.peerIss, args.runSeed, null, true);
    }
    const first = failures.get(argsKey(args));
    if (replayed && isNew(replayed)) {
      const inputs = [...replayed.trace.map((e) => e.input), replayed.divergence!.input];
      // Shrinking stays on the new divergence: one that becomes a known one on the way is not it.
      const isNewToo = (c: Input[], d: Divergence) => knownAs(args, c, d) === null;
      const min = await minimise(o.adapter, o.profile, inputs, replayed, args.peerIss, args.runSeed, isNewToo);
      divergences.push(makeCounterexample(base, min.inputs, min.result.divergence!, min.result.trace));
    } else if (first?.divergence) {
      // The IUT did not do it again: report the run as it diverged, unshrunk, and say so.
      const inputs = [...first.trace.map((e) => e.input), first.divergence.input];
      divergences.push({
        ...makeCounterexample(base, inputs, first.divergence, first.trace),
        unrepeatable: { replays: REPLAYS },
      });
    } else {
      throw new Error(
        `run ${details.counterexamplePath} diverged but did not diverge again in ${REPLAYS} replays, and its trace was not kept`,
      );
    }
  } else if (details.failed) {
    throw (
      (details as { errorInstance?: unknown }).errorInstance ?? new Error('fast-check failed without a counterexample')
    );
  }
  const knownFindings: KnownFinding[] = [];
  for (const [signature, k] of known) {
    // Minimised to the same signature, so that the baseline records this finding and not another one. No
    // fast-check shrinking went before, so the passes go on while they remove something.
    const same = (c: Input[], d: Divergence) => knownAs(k.args, c, d) === signature;
    let min = { inputs: k.inputs, result: k.result };
    for (let before = Infinity; min.inputs.length < before;) {
      before = min.inputs.length;
      min = await minimise(o.adapter, o.profile, min.inputs, min.result, k.args.peerIss, k.args.runSeed, same);
    }
    const finding = counterexampleOf(k.args, min.inputs, min.result.divergence!);
    knownFindings.push({ signature, finding, runs: k.runs });
  }
  if (fatalCrash && knownCrash !== null) knownFindings.push({ signature: knownCrash, finding: fatalCrash, runs: 1 });
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
    ...(o.known ? { known: knownFindings } : {}),
    ...(knownCrash !== null ? { endedAtKnownCrash: true } : {}),
    coverage: coverageReport(coverage, o.profile, o.adapter.capabilities, o.slow),
    elapsedMs: Math.round(elapsedMs),
    eventsPerSecond: Math.round(events / (elapsedMs / 1000)),
    ...(waited0 !== undefined ? { realTime: realTimeFigures(events, elapsedMs, o.adapter.waitedMs! - waited0) } : {}),
  };
}
