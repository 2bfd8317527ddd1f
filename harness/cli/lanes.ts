// --jobs: how many lanes a check runs side by side, and opening them (harness/check.ts, CheckOptions.lanes; for
// in-process adapters, worker threads: CheckOptions.workers).
import * as os from 'os';
import { Adapter } from '../../adapters/types';
import { WorkerPool } from '../workers/pool';
import { UsageError } from './exit-codes';

/** Lanes of a real-time IUT spend nearly all their time waiting for its timers: many overlap well. */
const REAL_TIME_LANES = 64;
/** A real-time IUT reached through other processes (one child per lane) gets fewer. */
const REAL_TIME_CHILDREN = 16;

/** A worker thread takes some tens of milliseconds to start: a check on an in-process adapter gets one only for
 *  this many runs (about as long as the start, on this thread). */
const RUNS_PER_WORKER = 1000;

/**
 * The default: many lanes for a real-time IUT, one per core for an IUT on a virtual clock, in other processes or
 * in this one (an in-process adapter's lanes are worker threads, openWorkers: one per core, as long as each gets
 * RUNS_PER_WORKER of the check's `runs`; without them, one).
 */
export function defaultJobs(a: Adapter, runs = 0): number {
  if (a.capabilities.clock === 'real') return a.lane ? REAL_TIME_LANES : REAL_TIME_CHILDREN;
  const cores = Math.max(1, os.availableParallelism());
  return a.synchronous ? Math.max(1, Math.min(cores, Math.floor(runs / RUNS_PER_WORKER))) : cores;
}

/** An in-process adapter's n lanes: n worker threads (harness/workers/pool.ts). Null for one lane (the check
 *  stays on this thread) and for an IUT elsewhere (openLanes). */
export async function openWorkers(first: Adapter, n: number): Promise<WorkerPool | null> {
  return first.synchronous && n > 1 ? WorkerPool.open(n) : null;
}

/** --jobs N, or "auto" for the default. */
export function jobsValue(text: string | undefined): number | 'auto' {
  if (text === undefined || text === 'auto') return 'auto';
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1000)
    throw new UsageError(`--jobs must be a whole number from 1 to 1000 or "auto", got "${text}"`);
  return Number(text);
}

/** The lanes besides `first`: made by the adapter where it shares its IUT (Adapter.lane), or opened anew. */
export async function openLanes(first: Adapter, n: number, open: () => Promise<Adapter>): Promise<Adapter[]> {
  const lanes: Adapter[] = [];
  try {
    for (let i = 1; i < n; i++) lanes.push(first.lane ? await first.lane() : await open());
  } catch (e) {
    await disposeLanes(lanes);
    throw e;
  }
  return lanes;
}

export async function disposeLanes(lanes: Adapter[]): Promise<void> {
  for (const l of lanes.reverse()) await l.dispose();
}
