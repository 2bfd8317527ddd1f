// A check: many random runs in lockstep, driven by fast-check, with shrinking to a minimal counterexample.
import fc from 'fast-check';
import { Adapter, AdapterFailure } from '../adapters/types';
import { Input, PeerSegment } from '../models/input';
import { ACK, FIN, RST, SYN } from '../models/segment';
import { Profile, ProfileParams } from '../models/profile';
import { timersOf } from '../models/timer-table';
import { Coverage, CoverageReport, coverageReport } from './coverage';
import { Counterexample, InputJson, inputToJson, makeCounterexample } from './counterexample';
import { driveAsync, driveSync } from './drive';
import { Divergence, InputSource, RunResult, lockstep } from './lockstep';
import { RunArgs, RunPlan, Weights, menuSource, runArbitrary } from './plan';
import type { BaselineReport } from './baseline';
import { findProfile } from '../models/profiles';
import { Counts, NotableRun, WorkerSpec, addCounts, deserializeError } from './workers/messages';
import { profileFileOf } from './profile-file';
import type { WorkerPool } from './workers/pool';

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
  /** Generate from the input grid as well as the menu (harness/grid-input.ts), biased to its untried cells. */
  grid?: boolean;
  mutant?: string;
  onProgress?: (runsDone: number, runsTotal: number, events: number) => void;
  /**
   * Findings already known (a baseline): returns the signature of a known one, null for a new one. A run that
   * meets a known divergence counts as passed, so fast-check draws the same runs as on a conformant IUT and the
   * check stays deterministic for a seed; it is recorded in result.known, minimised once. A known crash ends
   * the check, since the adapter cannot go on after it.
   */
  known?: (f: Finding) => string | null;
  /**
   * More endpoints of the same IUT, each a lane of its own (--jobs): runs go to whichever lane is free. Which
   * runs are made and what each gets does not depend on the lanes (harness/plan.ts); where several diverge,
   * the lowest run is the one reported, so the result is the same for any number of lanes.
   */
  lanes?: Adapter[];
  /**
   * Worker threads for an in-process adapter (--jobs, harness/workers/pool.ts): each makes its own adapter of
   * `adapter`'s name with this profile and `mutant`; the runs are made there and folded in here in order, with
   * the same result as on this thread alone. Shrinking stays here, on `adapter`.
   */
  workers?: WorkerPool;
  /** This machine's part of a check split across several (--shard i/n; `tcpconform merge` joins the parts). */
  shard?: { index: number; count: number };
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
  /** How many lanes ran the runs side by side (--jobs). */
  lanes?: number;
  /** With CheckOptions.shard: which runs were this part's, and what `merge` needs to join the parts. */
  shard?: ShardPart;
}

/** One part of a sharded check: its runs [firstRun, endRun) of the whole, and its raw coverage counts. */
export interface ShardPart {
  index: number;
  count: number;
  firstRun: number;
  endRun: number;
  /** The whole check's number of runs (CheckResult.runs is how many of this part's passed). */
  totalRuns: number;
  /** The run (of the whole check) that ended this part, when one did: a new divergence or a crash. */
  endedAt?: number;
  capabilities: Adapter['capabilities'];
  /** What generation depended on besides the seed: every part must have been made with the same. */
  maxInputs: number;
  slow: boolean;
  /** Made with --grid (absent: without). */
  grid?: boolean;
  counts: {
    states: Record<string, number>;
    transitions: Record<string, number>;
    rules: Record<string, number>;
    /** Input-grid cells (harness/grid.ts); absent in shards written before the grid. */
    cells?: Record<string, number>;
  };
}

/** The runs of part `index` (1-based) of `count`: contiguous, so that the parts before the first one that
 *  diverges are exactly the runs the whole check made before its divergence. */
export function shardRange(runs: number, shard?: { index: number; count: number }): { from: number; to: number } {
  if (!shard) return { from: 0, to: runs };
  return {
    from: Math.floor(((shard.index - 1) * runs) / shard.count),
    to: Math.floor((shard.index * runs) / shard.count),
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
  adapter: Adapter | Adapter[],
  profile: Profile,
  inputs: Input[],
  diverged: RunResult,
  peerIss: number,
  runSeed: number,
  keep: (inputs: Input[], d: Divergence) => boolean = () => true,
): Promise<{ inputs: Input[]; result: RunResult }> {
  // With lanes, the next candidates are tried side by side, and the first of them in the one-lane order that
  // still diverges is taken: the same steps one lane would take, sooner.
  const lanes = Array.isArray(adapter) ? adapter : [adapter];
  let best = inputs;
  let bestResult = diverged;
  const attempt = (a: Adapter, candidate: Input[]) =>
    runOnce(a, profile, fixedSource(candidate), peerIss, runSeed, null, true);
  for (let i = best.length - 1; i >= 0 && best.length > 1;) {
    const tries: { at: number; candidate: Input[] }[] = [];
    for (let k = 0; k < lanes.length && i - k >= 0; k++) {
      const at = i - k;
      tries.push({ at, candidate: best.slice(0, at).concat(best.slice(at + 1)) });
    }
    const results = await Promise.all(tries.map((t, k) => attempt(lanes[k], t.candidate)));
    const hit = results.findIndex((r, k) => r.divergence !== undefined && keep(tries[k].candidate, r.divergence));
    if (hit < 0) {
      i -= tries.length;
      continue;
    }
    const r = results[hit];
    best = tries[hit].candidate.slice(0, r.divergence!.index + 1);
    bestResult = r;
    i = Math.min(tries[hit].at - 1, best.length - 1);
  }
  // Then each segment as plain as it can be: the grid (harness/grid-input.ts) sends any combination of control
  // bits, text and positions, and a counterexample should carry only those that matter to it.
  for (let i = best.length - 1; i >= 0; i--) {
    for (let changed = true; changed;) {
      changed = false;
      const candidates = plainer(best[i]).map((x) => best.slice(0, i).concat([x], best.slice(i + 1)));
      for (let k = 0; k < candidates.length; k += lanes.length) {
        const tries = candidates.slice(k, k + lanes.length);
        const results = await Promise.all(tries.map((c, j) => attempt(lanes[j], c)));
        const hit = results.findIndex((r, j) => r.divergence !== undefined && keep(tries[j], r.divergence));
        if (hit < 0) continue;
        best = tries[hit].slice(0, results[hit].divergence!.index + 1);
        bestResult = results[hit];
        changed = i < best.length;
        break;
      }
      if (i >= best.length) break;
    }
  }
  return { inputs: best, result: bestResult };
}

/** The segment with one thing less: a control bit, its text, an offset of SEQ or ACK from its base. */
function plainer(input: Input): Input[] {
  if (input.kind !== 'segment') return [];
  const s = input.segment;
  const out: PeerSegment[] = [];
  for (const bit of [FIN, SYN, RST, ACK]) {
    if (!(s.ctl & bit)) continue;
    const t = { ...s, ctl: s.ctl & ~bit };
    if (bit === ACK) delete t.ack;
    out.push(t);
  }
  if (s.data) {
    const t = { ...s };
    delete t.data;
    out.push(t);
  }
  if (s.seq.delta !== 0) out.push({ ...s, seq: { ...s.seq, delta: 0 } });
  if (s.ack && s.ack.delta !== 0) out.push({ ...s, ack: { ...s.ack, delta: 0 } });
  return out.map((segment) => ({ kind: 'segment', segment }));
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

function realTimeFigures(
  events: number,
  elapsedMs: number,
  waitedMs: number,
  busyMs: number | null,
): CheckResult['realTime'] {
  const busy = Math.max(1, busyMs ?? elapsedMs - waitedMs);
  return { waitedMs: Math.round(waitedMs), eventsPerSecondOutsideWaits: Math.round(events / (busy / 1000)) };
}

/** How many times the run that fast-check settled on is repeated before it counts as not repeatable. */
const REPLAYS = 3;

const argsKey = (a: RunArgs): string => `${a.peerIss}/${a.runSeed}/${a.choices.join(',')}`;

/** What one run came to: kept until every run before it is known, then taken in order. */
interface Done {
  result?: RunResult;
  error?: unknown;
  given: Input[];
  used: string[];
  coverage: Coverage;
  /** A baseline's signature of the run's divergence; null for a new one or none. */
  signature: string | null;
  /** The weights the run was generated with: shrinking it must see the same menu. */
  weights: ReadonlyMap<string, number>;
}

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const o =
    options.adapter.capabilities.clock === 'real'
      ? { ...options, profile: withRealTimeTolerance(options.profile) }
      : options;
  const start = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const lanes = [o.adapter, ...(o.lanes ?? [])];
  const waited0 = lanes.map((a) => a.waitedMs);
  const caps = o.adapter.capabilities;
  const maxInputs = o.maxInputs ?? 40;
  const { from, to } = shardRange(o.runs, o.shard);
  const plan = new RunPlan(o.seed, maxInputs);
  const weights = new Weights(plan, caps, o.profile, o.slow === true, o.grid === true);
  const mutant = o.mutant ? { mutant: o.mutant } : {};
  const common = { adapter: o.adapter.name, profile: o.profile.name, ...mutant, seed: o.seed };
  const counterexampleOf = (a: RunArgs, inputs: Input[], d: Divergence): Counterexample =>
    makeCounterexample({ ...common, peerIss: a.peerIss, runSeed: a.runSeed }, inputs.slice(0, d.index + 1), d);
  /** The signature of a known divergence, null for a new one (or none at all). */
  const knownAs = (a: RunArgs, inputs: Input[], d: Divergence | undefined): string | null =>
    d && o.known ? o.known(counterexampleOf(a, inputs, d)) : null;
  // Keeping a trace costs little next to an asynchronous adapter's I/O; synchronous ones keep it once shrinking.
  const traced = !o.adapter.synchronous;

  // Results are taken in the order of the runs, up to the one that ends the check (a new divergence, an adapter
  // failure): the same figures for any number of lanes. A run is kept only until every run before it is in.
  const done = new Map<number, Done>();
  const coverage = new Coverage();
  let next = from; // the next run to start
  let taken = from; // the next run to take in
  let endAt = Infinity; // the lowest run known to end the check
  let finished = 0;
  let eventsSoFar = 0;
  let events = 0;
  let runsDone = 0;
  let failing: { index: number; done: Done } | null = null;
  let fatal: unknown = null;
  let fatalCrash: Crash | null = null;
  const known = new Map<string, { args: RunArgs; inputs: Input[]; result: RunResult; runs: number }>();
  const takeIn = (i: number, d: Done): void => {
    if (d.error !== undefined) {
      fatal = d.error;
      if (d.error instanceof AdapterFailure) {
        const crash = String(d.error.message).split('\n')[0];
        const a = plan.args(i);
        fatalCrash = { crash, peerIss: a.peerIss, runSeed: a.runSeed, inputs: d.given.map(inputToJson) };
      }
      return;
    }
    const r = d.result!;
    events += r.events;
    mergeCoverage(coverage, d.coverage);
    if (r.divergence && d.signature === null) {
      failing = { index: i, done: d };
      return;
    }
    runsDone++;
    for (const k of d.used) coverage.item(k);
    if (d.signature !== null) {
      const seen = known.get(d.signature);
      const inputs = d.given.slice(0, r.divergence!.index + 1);
      if (seen) seen.runs++;
      else known.set(d.signature, { args: plan.args(i), inputs, result: r, runs: 1 });
    }
  };
  const settle = (i: number, d: Done): void => {
    const ends = d.error !== undefined || (d.result?.divergence !== undefined && d.signature === null);
    if (ends) endAt = Math.min(endAt, i);
    eventsSoFar += d.result?.events ?? 0;
    done.set(i, d);
    for (let x = done.get(taken); x && taken <= endAt; x = done.get(taken)) {
      done.delete(taken);
      takeIn(taken++, x);
    }
    plan.release(Math.min(taken, weights.counted));
    o.onProgress?.(++finished, to - from, eventsSoFar);
  };
  const begin = (i: number, w: ReadonlyMap<string, number>) => {
    const d: Done = { given: [], used: [], coverage: new Coverage(), signature: null, weights: w };
    const source = recorded(menuSource(plan.args(i), caps, o.profile, w, d.used, o.slow, o.grid), d.given);
    return { d, source };
  };
  const run = (adapter: Adapter, i: number, d: Done, source: InputSource) => {
    const a = plan.args(i);
    return runOnce(adapter, o.profile, source, a.peerIss, a.runSeed, d.coverage, traced);
  };
  const finish = (i: number, d: Done, r: RunResult): void => {
    d.result = r;
    d.signature = knownAs(plan.args(i), d.given, r.divergence);
    settle(i, d);
  };
  if (o.workers) {
    // The workers make the adapter and the profile again on their threads, from their names (and the file a
    // profile came from); a profile made some other way could not be, nor an adapter outside the registry.
    const profileFile = profileFileOf(o.profile);
    if (!profileFile && findProfile(o.profile.name) !== o.profile)
      throw new Error(`worker threads need a built-in profile or one from a file, not "${o.profile.name}"`);
    const spec: WorkerSpec = {
      adapter: o.adapter.name,
      options: { profile: o.profile.name, ...(o.mutant ? { mutant: o.mutant } : {}) },
      ...(profileFile ? { profileFile } : {}),
    };
    // A notable run's signature, worked out once: when it comes (does it end the check?) and when folded in.
    const signatures = new Map<number, string | null>();
    const signatureOf = (n: NotableRun): string | null => {
      if (!signatures.has(n.index))
        signatures.set(n.index, n.result ? knownAs(plan.args(n.index), n.given, n.result.divergence) : null);
      return signatures.get(n.index)!;
    };
    const pooled = { spec, seed: o.seed, maxInputs, slow: o.slow === true, grid: o.grid === true, from, to };
    await o.workers.run(
      { ...pooled, stopAtDivergence: !o.known },
      {
        ends: (n) => n.error !== undefined || signatureOf(n) === null,
        take: (p) => {
          // The part's runs that passed, summed; its coverage includes a last, notable run's (harness/workers).
          addCounts(coverage as unknown as Counts, p.counts);
          events += p.events;
          runsDone += p.passed;
          const n = p.notable;
          if (!n) return;
          const d: Done = {
            given: n.given,
            used: n.used,
            coverage: new Coverage(),
            signature: null,
            weights: n.weights,
          };
          if (n.error) takeIn(n.index, { ...d, error: deserializeError(n.error) });
          else takeIn(n.index, { ...d, result: n.result, signature: signatureOf(n) });
        },
        progress: (d, t, e) => o.onProgress?.(d, t, e),
      },
    );
  } else if (lanes.length === 1 && o.adapter.synchronous) {
    for (; next < to && next <= endAt; next++) {
      const { d, source } = begin(next, weights.before(next));
      try {
        finish(next, d, run(o.adapter, next, d, source) as RunResult);
      } catch (e) {
        settle(next, { ...d, error: e });
      }
    }
  } else {
    const lane = async (adapter: Adapter): Promise<void> => {
      while (next < to && next <= endAt) {
        const i = next++;
        const { d, source } = begin(i, weights.snapshot(i));
        try {
          finish(i, d, await run(adapter, i, d, source));
        } catch (e) {
          settle(i, { ...d, error: e });
        }
      }
    };
    await Promise.all(lanes.map(lane));
  }
  const knownCrash = fatalCrash && o.known ? o.known(fatalCrash) : null;
  if (fatal && knownCrash === null) throw fatal;

  const divergences: Counterexample[] = [];
  const f = failing as { index: number; done: Done } | null;
  if (f) divergences.push(await shrunk(o, plan.args(f.index), f.index, f.done, common, knownAs));
  const knownFindings: KnownFinding[] = [];
  for (const [signature, k] of known) {
    // Minimised to the same signature, so that the baseline records this finding and not another one. No
    // fast-check shrinking went before, so the passes go on while they remove something.
    const same = (c: Input[], d: Divergence) => knownAs(k.args, c, d) === signature;
    let min = { inputs: k.inputs, result: k.result };
    for (let before = Infinity; min.inputs.length < before;) {
      before = min.inputs.length;
      min = await minimise(lanes, o.profile, min.inputs, min.result, k.args.peerIss, k.args.runSeed, same);
    }
    const finding = counterexampleOf(k.args, min.inputs, min.result.divergence!);
    knownFindings.push({ signature, finding, runs: k.runs });
  }
  if (fatalCrash && knownCrash !== null) knownFindings.push({ signature: knownCrash, finding: fatalCrash, runs: 1 });
  const elapsedMs = performance.now() - start;
  const iut = o.adapter.describeIut ? await o.adapter.describeIut() : undefined;
  // Lanes wait side by side, so with several the time outside the waits is the time this thread was at work
  // (the kernel's work on our packets is done in our system calls); with one it is the rest of the clock.
  const waited = waited0[0] !== undefined ? o.adapter.waitedMs! - waited0[0] : undefined;
  const busyMs = lanes.length > 1 ? performance.eventLoopUtilization(elu0).active : null;
  const shardEnd = f ? f.index : fatal !== null ? from + runsDone : null;
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
    coverage: coverageReport(coverage, o.profile, caps, o.slow),
    elapsedMs: Math.round(elapsedMs),
    eventsPerSecond: Math.round(events / (elapsedMs / 1000)),
    ...(waited !== undefined ? { realTime: realTimeFigures(events, elapsedMs, waited, busyMs) } : {}),
    ...(o.workers ? { lanes: o.workers.size } : lanes.length > 1 ? { lanes: lanes.length } : {}),
    ...(o.shard
      ? {
          shard: {
            ...o.shard,
            firstRun: from,
            endRun: to,
            totalRuns: o.runs,
            ...(shardEnd !== null ? { endedAt: shardEnd } : {}),
            capabilities: caps,
            maxInputs,
            slow: o.slow === true,
            ...(o.grid ? { grid: true } : {}),
            counts: countsOf(coverage),
          },
        }
      : {}),
  };
}

function mergeCoverage(into: Coverage, c: Coverage): void {
  for (const [k, n] of c.states) into.states.set(k, (into.states.get(k) ?? 0) + n);
  for (const [k, n] of c.transitions) into.transitions.set(k, (into.transitions.get(k) ?? 0) + n);
  for (const [k, n] of c.rules) into.rules.set(k, (into.rules.get(k) ?? 0) + n);
  for (const [k, n] of c.cells) into.cells.set(k, (into.cells.get(k) ?? 0) + n);
}

function countsOf(c: Coverage): ShardPart['counts'] {
  return {
    states: Object.fromEntries(c.states),
    transitions: Object.fromEntries(c.transitions),
    rules: Object.fromEntries(c.rules),
    cells: Object.fromEntries(c.cells),
  };
}

/**
 * The counterexample of the run that ended the check: fast-check replays that run (`path`) and shrinks it on
 * the first lane, with the weights the run was generated with; then the inputs are minimised one at a time.
 * Where the IUT does not do it again (real time), the run is reported as first seen, unshrunk.
 */
async function shrunk(
  o: CheckOptions,
  args: RunArgs,
  index: number,
  first: Done,
  common: { adapter: string; profile: string; seed: number; mutant?: string },
  knownAs: (a: RunArgs, inputs: Input[], d: Divergence | undefined) => string | null,
): Promise<Counterexample> {
  const w = first.weights;
  const caps = o.adapter.capabilities;
  const traced = !o.adapter.synchronous;
  // The runs that diverged while shrinking, with their traces: where the IUT does not repeat itself (real
  // time), the report can still show the run that diverged.
  const failures = new Map<string, RunResult>([[argsKey(args), first.result!]]);
  const crash = first.result!.divergence?.observed.crash;
  // An IUT that stops answering costs a request timeout per attempt: shown as first seen, not shrunk.
  if (crash?.hang) {
    const d = first.result!.divergence!;
    const base = { ...common, path: String(index), peerIss: args.peerIss, runSeed: args.runSeed };
    return makeCounterexample(base, first.given.slice(0, d.index + 1), d, first.result!.trace);
  }
  // A crash shrinks to a crash: a smaller run that diverges otherwise is another finding.
  const same = (d: Divergence) => !crash || d.observed.crash !== undefined;
  const property = (a: RunArgs): boolean | Promise<boolean> => {
    const given: Input[] = [];
    const source = recorded(menuSource(a, caps, o.profile, w, null, o.slow, o.grid), given);
    const judge = (r: RunResult): boolean => {
      const failed = r.divergence !== undefined && knownAs(a, given, r.divergence) === null && same(r.divergence);
      if (failed) failures.set(argsKey(a), r);
      return !failed;
    };
    const r = runOnce(o.adapter, o.profile, source, a.peerIss, a.runSeed, null, true);
    return r instanceof Promise ? r.then(judge) : judge(r);
  };
  const arb = runArbitrary(o.maxInputs ?? 40);
  const params = { seed: o.seed, numRuns: 1, path: String(index) };
  const details = o.adapter.synchronous
    ? fc.check(
        fc.property(arb, (a) => property(a) as boolean),
        params,
      )
    : await fc.check(
        fc.asyncProperty(arb, async (a) => property(a)),
        params,
      );
  if (details.failed && !details.counterexample) {
    throw (
      (details as { errorInstance?: unknown }).errorInstance ?? new Error('fast-check failed without a counterexample')
    );
  }
  const found = details.failed ? (details.counterexample as [RunArgs])[0] : args;
  const path = details.failed ? (details.counterexamplePath ?? String(index)) : String(index);
  const base = { ...common, path, peerIss: found.peerIss, runSeed: found.runSeed };
  let replayed: RunResult | null = null;
  let given: Input[] = [];
  const isNew = (r: RunResult | null) =>
    r?.divergence !== undefined && knownAs(found, given, r.divergence) === null && same(r.divergence);
  for (let k = 0; details.failed && k < REPLAYS && !isNew(replayed); k++) {
    given = [];
    const source = recorded(menuSource(found, caps, o.profile, w, null, o.slow, o.grid), given);
    replayed = await runOnce(o.adapter, o.profile, source, found.peerIss, found.runSeed, null, true);
  }
  if (replayed && isNew(replayed)) {
    const inputs = [...replayed.trace.map((e) => e.input), replayed.divergence!.input];
    // Shrinking stays on the new divergence: one that becomes a known one on the way is not it.
    const isNewToo = (c: Input[], d: Divergence) => knownAs(found, c, d) === null && same(d);
    const lanes = [o.adapter, ...(o.lanes ?? [])];
    const min = await minimise(lanes, o.profile, inputs, replayed, found.peerIss, found.runSeed, isNewToo);
    return makeCounterexample(base, min.inputs, min.result.divergence!, min.result.trace);
  }
  const seen = failures.get(argsKey(found)) ?? first.result!;
  if (!seen.divergence || (!traced && seen.trace.length < seen.divergence.index)) {
    throw new Error(`run ${path} diverged but did not diverge again in ${REPLAYS} replays, and its trace was not kept`);
  }
  // The IUT did not do it again: report the run as it diverged, unshrunk, and say so.
  const inputs = [...seen.trace.map((e) => e.input), seen.divergence.input];
  return {
    ...makeCounterexample(base, inputs, seen.divergence, seen.trace),
    unrepeatable: { replays: details.failed ? REPLAYS : 1 },
  };
}
