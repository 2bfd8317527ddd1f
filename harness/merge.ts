// `tcpconform merge`: the parts of a check split with --shard i/n, joined into the one check they are parts of.
// Parts hold contiguous runs (harness/check.ts, shardRange), so the whole check is: every part in order up to the
// first one that ended at a divergence or a crash, that one included; what later parts found, the whole check
// would never have reached.
import { Profile } from '../models/profile';
import { CheckResult, KnownFinding, ShardPart } from './check';
import { Coverage, coverageReport } from './coverage';

/** A part as read from a --json file: the check's result with its verdict. */
export type PartJson = CheckResult & { verdict: string; error?: string };

export interface MergedResult extends CheckResult {
  /** Each part's own figures, in order; `counted` is false for parts after the one that ended the check. */
  shards: { index: number; runs: number; events: number; elapsedMs: number; counted: boolean }[];
}

/** A set of parts that cannot be joined, with what is wrong in one line. */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

const SAME: (keyof PartJson)[] = ['adapter', 'profile', 'mutant', 'seed'];

export function mergeParts(parts: { file: string; json: PartJson }[], profile: Profile): MergedResult {
  if (parts.length === 0) throw new MergeError('no parts to merge');
  for (const p of parts) {
    if (p.json.error !== undefined)
      throw new MergeError(`${p.file}: that part ended without a verdict: ${p.json.error}`);
    if (!p.json.shard) throw new MergeError(`${p.file}: not a part of a check (no "shard"; made without --shard i/n)`);
  }
  const first = parts[0].json;
  const s0 = first.shard!;
  for (const p of parts) {
    const s = p.json.shard!;
    for (const k of SAME)
      if (p.json[k] !== first[k])
        throw new MergeError(
          `${p.file}: ${k} ${String(p.json[k])} is not that of ${parts[0].file} (${String(first[k])})`,
        );
    for (const k of ['count', 'totalRuns', 'maxInputs', 'slow', 'grid'] as const)
      if (s[k] !== s0[k])
        throw new MergeError(`${p.file}: shard ${k} ${s[k]} is not that of ${parts[0].file} (${s0[k]})`);
  }
  if (profile.name !== first.profile)
    throw new MergeError(`the parts were checked against profile ${first.profile}, not ${profile.name}`);
  const byIndex = new Map<number, { file: string; json: PartJson }>();
  for (const p of parts) {
    const seen = byIndex.get(p.json.shard!.index);
    if (seen) throw new MergeError(`${p.file} and ${seen.file} are both part ${p.json.shard!.index} of ${s0.count}`);
    byIndex.set(p.json.shard!.index, p);
  }
  const missing = [...Array(s0.count).keys()].map((i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new MergeError(`parts ${missing.join(', ')} of ${s0.count} are missing`);

  const coverage = new Coverage();
  const shards: MergedResult['shards'] = [];
  const known = new Map<string, KnownFinding>();
  let runs = 0;
  let events = 0;
  let ended: PartJson | null = null;
  let waitedMs: number | undefined;
  let outsideMs = 0;
  for (let i = 1; i <= s0.count; i++) {
    const part = byIndex.get(i)!.json;
    const counted = ended === null;
    shards.push({ index: i, runs: part.runs, events: part.events, elapsedMs: part.elapsedMs, counted });
    if (!counted) continue;
    runs += part.runs;
    events += part.events;
    addCounts(coverage, part.shard!.counts);
    for (const k of part.known ?? []) {
      const seen = known.get(k.signature);
      if (seen) seen.runs += k.runs;
      else known.set(k.signature, { ...k });
    }
    if (part.realTime) {
      waitedMs = (waitedMs ?? 0) + part.realTime.waitedMs;
      outsideMs += (part.events / Math.max(1, part.realTime.eventsPerSecondOutsideWaits)) * 1000;
    }
    if (part.shard!.endedAt !== undefined) ended = part;
  }
  const elapsedMs = Math.max(...parts.map((p) => p.json.elapsedMs));
  const busyMs = shards.reduce((a, s) => a + s.elapsedMs, 0);
  const { shard: _omit, verdict: _v, ...rest } = first;
  void _omit;
  void _v;
  const merged: MergedResult = {
    ...rest,
    runs,
    events,
    divergences: ended?.divergences ?? [],
    coverage: coverageReport(coverage, profile, s0.capabilities, s0.slow),
    // The parts ran side by side on their machines: the wall clock of the whole is that of the longest part.
    elapsedMs,
    eventsPerSecond: Math.round(events / (Math.max(1, busyMs) / 1000)),
    shards,
  };
  delete merged.lanes;
  delete merged.realTime;
  if (waitedMs !== undefined)
    merged.realTime = { waitedMs, eventsPerSecondOutsideWaits: Math.round(events / (Math.max(1, outsideMs) / 1000)) };
  if (first.known !== undefined) merged.known = [...known.values()];
  if (ended?.endedAtKnownCrash) merged.endedAtKnownCrash = true;
  else delete merged.endedAtKnownCrash;
  delete merged.baseline;
  return merged;
}

function addCounts(c: Coverage, counts: ShardPart['counts']): void {
  for (const [k, n] of Object.entries(counts.states)) c.states.set(k as never, (c.states.get(k as never) ?? 0) + n);
  for (const [k, n] of Object.entries(counts.transitions)) c.transitions.set(k, (c.transitions.get(k) ?? 0) + n);
  for (const [k, n] of Object.entries(counts.rules)) c.rules.set(k, (c.rules.get(k) ?? 0) + n);
  for (const [k, n] of Object.entries(counts.cells ?? {})) c.cells.set(k, (c.cells.get(k) ?? 0) + n);
}
