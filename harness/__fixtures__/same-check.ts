// Comparing two checks of one seed: everything but the timings (issue 14: the JSON is the same for any number of
// lanes or parts, apart from timings).

/** What depends on the clock or on how a check was run (lanes, parts), not on what it found. */
const HOW_RUN = ['elapsedMs', 'eventsPerSecond', 'realTime', 'lanes', 'shard', 'shards'];

/** A check's result (or its --json object) without what depends on the clock or on how it was run. */
export function withoutTimings(r: object): Record<string, unknown> {
  const out: Record<string, unknown> = { ...r };
  for (const k of HOW_RUN) delete out[k];
  return out;
}
