// Comparing two checks of one seed: everything but the timings (issue 14: the JSON is the same for any number of
// lanes or parts, apart from timings).
import { CheckResult } from '../check';

/** A check's result without what depends on the clock or on how it was run (lanes, parts). */
export function withoutTimings(r: CheckResult): object {
  const { elapsedMs: _e, eventsPerSecond: _r, realTime: _t, lanes: _l, shard: _s, ...rest } = r;
  const shards = (rest as { shards?: unknown }).shards;
  void [_e, _r, _t, _l, _s, shards];
  const out = { ...rest } as Record<string, unknown>;
  delete out.shards;
  return out;
}
