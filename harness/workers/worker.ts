// A worker thread of a check on an in-process adapter (--jobs, harness/workers/pool.ts): it makes its own adapter
// and profile, runs the runs it is handed in lockstep, and posts what they came to a batch at a time. The
// planner among the workers generates every run's values (fast-check, on the plan's path) and runs the shadows
// the weights come from, ahead of the others, who have both from its messages (harness/workers/weight-log.ts).
import { parentPort } from 'worker_threads';
import { findAdapter } from '../../adapters/registry';
import { Adapter } from '../../adapters/types';
import { Input } from '../../models/input';
import { findProfile } from '../../models/profiles';
import { Profile } from '../../models/profile';
import { runOnce } from '../check';
import { InputSource, RunResult } from '../lockstep';
import { RunPlan, menuSource, shadowRun } from '../plan';
import { loadProfileFile } from '../profile-file';
import {
  CheckPlanMessage,
  Counts,
  FromWorker,
  Part,
  ToWorker,
  WeightsMessage,
  WorkerSpec,
  addCounts,
  serializeError,
} from './messages';
import { PartCoverage } from './part-coverage';
import { WeightReader, WeightWriter } from './weight-log';

/** How far the planner's shadows may run ahead of the runs handed out. */
const LOOKAHEAD = 1024;
/** How many shadows the planner runs between two messages to the others. */
const SHADOWS_PER_MESSAGE = 64;

const port = parentPort!;
const post = (m: FromWorker) => port.postMessage(m);
const yieldToMessages = () => new Promise<void>((r) => setImmediate(r));

interface CheckState {
  plan: CheckPlanMessage;
  /** Made when the check starts (the adapter may take a moment to make). */
  adapter: Adapter;
  profile: Profile;
  runs: RunPlan;
  reader: WeightReader;
  batches: { from: number; to: number }[];
  /** The planner's: its shadows' own weights, how many it has run, and how far the runs handed out go. */
  shadow?: { counts: Map<string, number>; done: number; demand: number; writer: WeightWriter; wanted: boolean };
  wake: (() => void) | null;
  ended: boolean;
}

let current: CheckState | null = null;

/** The adapters made so far, by what they were made from: a pool's next check usually names the same. */
const made = new Map<string, Promise<Adapter>>();

function adapterOf(spec: WorkerSpec): Promise<Adapter> {
  const key = JSON.stringify(spec);
  let a = made.get(key);
  if (!a) {
    a = (async () => {
      // A profile file is loaded first: the adapter finds the profile by its name.
      if (spec.profileFile) loadProfileFile(spec.profileFile);
      const entry = findAdapter(spec.adapter);
      if (!entry) throw new Error(`worker: no adapter "${spec.adapter}"`);
      const adapter = await entry.create(spec.options);
      if (!adapter.synchronous) throw new Error(`adapter ${spec.adapter} is not an in-process one`);
      return adapter;
    })();
    made.set(key, a);
  }
  return a;
}

function wake(c: CheckState): void {
  const w = c.wake;
  c.wake = null;
  w?.();
}

function recorded(source: InputSource, given: Input[]): InputSource {
  return (t, i) => {
    const input = source(t, i);
    if (input) given.push(input);
    return input;
  };
}

function runBatch(c: CheckState, from: number, to: number): Part[] {
  const p = c.plan;
  const adapter = c.adapter;
  const caps = adapter.capabilities;
  const parts: Part[] = [];
  let coverage = new PartCoverage();
  let part: Part = { from, to: from, passed: 0, events: 0, counts: coverage as unknown as Counts };
  for (let i = from; i < to; i++) {
    const w = c.reader.before(i);
    // The planner made the run's values for its shadow; the others have them from its messages.
    const a = c.shadow ? c.runs.args(i) : c.reader.args(i);
    const given: Input[] = [];
    const used: string[] = [];
    const source = recorded(menuSource(a, caps, c.profile, w, used, p.slow, p.grid), given);
    part.to = i + 1;
    try {
      const r = runOnce(adapter, c.profile, source, a.peerIss, a.runSeed, coverage, false) as RunResult;
      coverage.keep();
      if (r.divergence) {
        part.notable = { index: i, given, used, weights: c.reader.copy(), result: r };
      } else {
        part.passed++;
        part.events += r.events;
        for (const k of used) coverage.item(k);
        continue;
      }
    } catch (e) {
      coverage.takeBack();
      part.notable = { index: i, given, used, weights: c.reader.copy(), error: serializeError(e) };
    }
    parts.push(part);
    if (p.stopAtDivergence || part.notable.error) return parts;
    coverage = new PartCoverage();
    part = { from: i + 1, to: i + 1, passed: 0, events: 0, counts: coverage as unknown as Counts };
  }
  if (part.to > part.from) parts.push(part);
  return parts;
}

/** Two parts one after the other, as one. */
function joinParts(into: Part, p: Part): void {
  into.to = p.to;
  into.passed += p.passed;
  into.events += p.events;
  addCounts(into.counts, p.counts);
  if (p.notable) into.notable = p.notable;
}

/** The planner's shadows up to run `limit` (not beyond the check), a message's worth at most: posted to the
 *  others and kept for its own runs. Returns whether it ran any. */
function runShadows(c: CheckState, limit: number): boolean {
  const s = c.shadow!;
  limit = Math.min(c.plan.to, limit);
  if (s.done >= limit) return false;
  const caps = c.adapter.capabilities;
  for (let n = 0; n < SHADOWS_PER_MESSAGE && s.done < limit; n++) {
    const a = c.runs.args(s.done++);
    const used = shadowRun(a, caps, c.profile, s.counts, c.plan.slow, c.plan.grid);
    for (const k of used) s.counts.set(k, (s.counts.get(k) ?? 0) + 1);
    s.writer.add(a, used);
  }
  const m = s.writer.take();
  c.reader.receive(m);
  for (const p of c.plan.ports) p.postMessage(m);
  return true;
}

async function serve(c: CheckState): Promise<void> {
  while (!c.ended) {
    if (c.shadow && runShadows(c, c.shadow.demand + LOOKAHEAD)) {
      await yieldToMessages();
      continue;
    }
    const b = c.batches.shift();
    if (b) {
      // The planner's own runs need its shadows up to them, whatever it was told of the others'.
      while (c.shadow && runShadows(c, b.to));
      // The runs of the batch whose weights are in go at once; the rest wait for theirs.
      const parts: Part[] = [];
      for (let from = b.from; from < b.to && !c.ended;) {
        await c.reader.until(from);
        if (c.ended) break;
        let to = from + 1;
        while (to < b.to && c.reader.ready(to)) to++;
        for (const got of runBatch(c, from, to)) {
          const last = parts[parts.length - 1];
          if (last && !last.notable && last.to === got.from) joinParts(last, got);
          else parts.push(got);
        }
        const last = parts[parts.length - 1];
        if (last.notable && (c.plan.stopAtDivergence || last.notable.error)) break;
        from = to;
      }
      if (c.ended) break;
      post({ type: 'result', id: c.plan.id, from: b.from, to: parts[parts.length - 1].to, parts });
      c.runs.release(Math.min(b.to, c.shadow?.done ?? b.to));
      continue;
    }
    if (c.shadow && !c.shadow.wanted) {
      c.shadow.wanted = true;
      post({ type: 'want', id: c.plan.id });
    }
    await new Promise<void>((r) => (c.wake = r));
  }
}

function start(p: CheckPlanMessage): void {
  const c: CheckState = {
    plan: p,
    adapter: null as unknown as Adapter,
    profile: null as unknown as Profile,
    runs: new RunPlan(p.seed, p.maxInputs),
    reader: new WeightReader(),
    batches: [],
    wake: null,
    ended: false,
  };
  if (p.planner)
    c.shadow = { counts: new Map(), done: 0, demand: p.from, writer: new WeightWriter(p.id, 0), wanted: false };
  else p.ports[0].on('message', (m: WeightsMessage) => c.reader.receive(m));
  current = c;
  const close = () => {
    for (const x of p.ports) x.close();
  };
  const made = async () => {
    c.adapter = await adapterOf(p.spec);
    const profile = findProfile(p.spec.options.profile);
    if (!profile) throw new Error(`worker: no profile "${p.spec.options.profile}"`);
    c.profile = profile;
  };
  made()
    .then(() => serve(c))
    .then(close, (e) => {
      close();
      post({ type: 'failed', id: p.id, error: serializeError(e) });
    });
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'check') return start(m);
  const c = current;
  if (!c || c.plan.id !== m.id) return;
  if (m.type === 'batch') {
    c.batches.push({ from: m.from, to: m.to });
    if (c.shadow) c.shadow.wanted = false;
  } else if (m.type === 'demand') c.shadow!.demand = Math.max(c.shadow!.demand, m.upTo);
  else {
    c.ended = true;
    current = null;
    c.reader.close();
  }
  wake(c);
});

post({ type: 'ready' });
