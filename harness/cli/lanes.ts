// --jobs: how many lanes a check runs side by side, and opening them (harness/check.ts, CheckOptions.lanes).
import * as os from 'os';
import { Adapter } from '../../adapters/types';
import { UsageError } from './exit-codes';

/** Lanes of a real-time IUT spend nearly all their time waiting for its timers: many overlap well. */
const REAL_TIME_LANES = 64;
/** A real-time IUT reached through other processes (one child per lane) gets fewer. */
const REAL_TIME_CHILDREN = 16;

/**
 * The default: many lanes for a real-time IUT, one per core for an IUT in other processes on a virtual clock,
 * one for an in-process adapter (its runs share this thread, so more lanes would not go faster).
 */
export function defaultJobs(a: Adapter): number {
  if (a.capabilities.clock === 'real') return a.lane ? REAL_TIME_LANES : REAL_TIME_CHILDREN;
  if (a.synchronous) return 1;
  return Math.max(1, os.availableParallelism());
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
