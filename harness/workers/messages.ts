// What the main thread and the worker threads of a check say to each other (harness/workers/pool.ts, worker.ts).
// Everything here goes through structured cloning: plain data, Maps, no functions.
import type { MessagePort } from 'worker_threads';
import { AdapterFailure, AdapterOptions } from '../../adapters/types';
import { Input } from '../../models/input';
import { RunResult } from '../lockstep';

/** What a check's workers make their adapter and profile from, on their own threads. */
export interface WorkerSpec {
  /** The adapter's name in adapters/registry.ts. */
  adapter: string;
  options: AdapterOptions;
  /** The profile file (--profile FILE) to load before the adapter is made, as an absolute path. */
  profileFile?: string;
}

/** One check, as the workers see it: the runs [from, to) and what their inputs depend on. */
/** One check as the main thread hands it to the pool: what every worker of it is given. */
export interface PooledCheck {
  spec: WorkerSpec;
  seed: number;
  maxInputs: number;
  slow: boolean;
  grid: boolean;
  from: number;
  to: number;
  /** No baseline: every divergence ends the check, and a worker stops its batch at the first. */
  stopAtDivergence: boolean;
}

export interface CheckPlanMessage extends PooledCheck {
  type: 'check';
  id: number;
  /** This worker counts the weights (the shadow runs) for all the others (harness/workers/weight-log.ts). */
  planner: boolean;
  /** The planner's: a port to each other worker, to post the weights on; the others': the port they come by. */
  ports: MessagePort[];
}

export type ToWorker =
  | CheckPlanMessage
  | { type: 'batch'; id: number; from: number; to: number }
  /** To the planner: the runs handed out so far end at `upTo`; it keeps its weights a little ahead of that. */
  | { type: 'demand'; id: number; upTo: number }
  | { type: 'end'; id: number };

/** Coverage counts, as harness/coverage.ts keeps them. */
export interface Counts {
  states: Map<string, number>;
  transitions: Map<string, number>;
  rules: Map<string, number>;
  items: Map<string, number>;
  cells: Map<string, number>;
}

/** A run the main thread must look at: it diverged (new or known: only the main thread knows a baseline) or
 *  failed. It carries what folding it in and shrinking it need. */
export interface NotableRun {
  index: number;
  given: Input[];
  used: string[];
  weights: Map<string, number>;
  result?: RunResult;
  error?: SerializedError;
}

/**
 * Runs [from, to) of a batch: the figures of those that passed summed, the coverage of all of them (an adapter
 * failure's excepted), and the last one when it is notable.
 */
export interface Part {
  from: number;
  to: number;
  passed: number;
  events: number;
  counts: Counts;
  notable?: NotableRun;
}

export type FromWorker =
  | { type: 'ready' }
  /** A check (or, without an id, the worker itself) failed. */
  | { type: 'failed'; id?: number; error: SerializedError }
  | { type: 'want'; id: number }
  | { type: 'result'; id: number; from: number; to: number; parts: Part[] };

/** The weights the planner posts: for each run from `from` on, the ids of the menu items its shadow chose. */
export interface WeightsMessage {
  id: number;
  from: number;
  /** Names of the ids first used in this message, in id order. */
  newKeys: string[];
  /** Where each run's ids end in `ids`. */
  ends: Uint32Array;
  ids: Uint32Array;
  /** Each run's fast-check values (harness/plan.ts, RunArgs), generated once, by the planner: peerIss, runSeed,
   *  the number of choices and the choices. */
  args: Uint32Array;
}

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  trace?: AdapterFailure['trace'];
  failedInput?: AdapterFailure['failedInput'];
}

export function serializeError(e: unknown): SerializedError {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const out: SerializedError = { name: e.name, message: e.message, stack: e.stack };
  if (e instanceof AdapterFailure) {
    if (e.trace) out.trace = e.trace;
    if (e.failedInput) out.failedInput = e.failedInput;
  }
  return out;
}

/** The error again on the main thread: an adapter failure stays one (exit 4). */
export function deserializeError(s: SerializedError): Error {
  const e = s.name === 'AdapterFailure' ? new AdapterFailure(s.message) : new Error(s.message);
  if (s.name !== 'AdapterFailure') e.name = s.name;
  if (s.stack) e.stack = s.stack;
  if (e instanceof AdapterFailure) {
    if (s.trace) e.trace = s.trace;
    if (s.failedInput) e.failedInput = s.failedInput;
  }
  return e;
}

export function addCounts(
  into: Counts,
  c: Omit<Counts, 'items' | 'cells'> & { items?: Map<string, number>; cells?: Map<string, number> },
): void {
  for (const k of ['states', 'transitions', 'rules', 'items', 'cells'] as const) {
    const from = c[k];
    if (!from) continue;
    const to = into[k];
    for (const [key, n] of from) to.set(key, (to.get(key) ?? 0) + n);
  }
}
