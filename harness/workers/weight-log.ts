// The weights of the menu across worker threads. Run i's weights are the counts of the items the shadows of runs
// 0 .. i-1 chose (harness/plan.ts, Weights), a chain no two threads can share: one worker, the planner, runs the
// shadows and posts what each chose, as small integer ids; every worker adds them up, in order, to the weights
// of the run it is at. The planner generated each run's values for its shadow: they come along, so that the
// others need not generate them again.
import { Weights } from '../choose';
import { RunArgs } from '../plan';
import { WeightsMessage } from './messages';

/** The planner's side: the items the shadows chose, as ids, gathered until they are posted. */
export class WeightWriter {
  private readonly ids = new Map<string, number>();
  private newKeys: string[] = [];
  private ends: number[] = [];
  private chosen: number[] = [];
  private args: number[] = [];
  private from: number;

  constructor(
    private readonly check: number,
    first: number,
  ) {
    this.from = first;
  }

  /** The next run's values, and the items its shadow chose. */
  add(a: RunArgs, used: string[]): void {
    this.args.push(a.peerIss, a.runSeed, a.choices.length, ...a.choices);
    for (const k of used) {
      let id = this.ids.get(k);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(k, id);
        this.newKeys.push(k);
      }
      this.chosen.push(id);
    }
    this.ends.push(this.chosen.length);
  }

  get pending(): number {
    return this.ends.length;
  }

  /** What has been gathered since the last message, as the next message. */
  take(): WeightsMessage {
    const m: WeightsMessage = {
      id: this.check,
      from: this.from,
      newKeys: this.newKeys,
      ends: Uint32Array.from(this.ends),
      ids: Uint32Array.from(this.chosen),
      args: Uint32Array.from(this.args),
    };
    this.from += this.ends.length;
    this.newKeys = [];
    this.ends = [];
    this.chosen = [];
    this.args = [];
    return m;
  }
}

/** A worker's side: the weights of the run it is at, moved forward run by run as the messages come. */
/** Counts kept by id and read by key: adding up a run's ids is a few increments, reading one a map's look-up. */
class CountsById implements Weights {
  private readonly byKey = new Map<string, { n: number }>();
  private readonly byId: { n: number }[] = [];

  /** An item named but not chosen yet counts 0, which weighs as much as one never named. */
  get(key: string): number | undefined {
    return this.byKey.get(key)?.n;
  }

  /** The next id is `key`'s. */
  name(key: string): void {
    const cell = { n: 0 };
    this.byKey.set(key, cell);
    this.byId.push(cell);
  }

  add(id: number): void {
    this.byId[id].n++;
  }

  /** The counts as a map of their own (only the items chosen at least once, like harness/plan.ts's). */
  copy(): Map<string, number> {
    const m = new Map<string, number>();
    for (const [k, c] of this.byKey) if (c.n > 0) m.set(k, c.n);
    return m;
  }
}

export class WeightReader {
  /** The weights of run `at`. */
  private readonly counts = new CountsById();
  private at = 0;
  private readonly queue: (WeightsMessage & { runs: RunArgs[] | null })[] = [];
  /** Runs whose shadows are known: those before `at` and those in the queue. */
  private known = 0;
  private wake: (() => void) | null = null;

  receive(m: WeightsMessage): void {
    if (this.known === Infinity) return;
    if (m.from !== this.known) throw new Error(`weights of run ${m.from} came after those of run ${this.known - 1}`);
    for (const k of m.newKeys) this.counts.name(k);
    this.queue.push({ ...m, runs: null });
    this.known += m.ends.length;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** No more messages will come (the check is over): whoever waits stops waiting. */
  close(): void {
    this.known = Infinity;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Whether the weights and the values of run i can be had now (its own shadow's message brings its values). */
  ready(i: number): boolean {
    return this.known > i;
  }

  /** Until the weights and the values of run i are known. */
  async until(i: number): Promise<void> {
    while (!this.ready(i)) await new Promise<void>((r) => (this.wake = r));
  }

  /** The values of run i, once its weights have been asked for (before(i)). Read out of a message when first
   *  asked for: the planner, which made them, never asks. */
  args(i: number): RunArgs {
    const m = this.queue[0];
    if (i !== this.at || !m) throw new Error(`the values of run ${i} are not at hand`);
    if (!m.runs) {
      const runs: RunArgs[] = (m.runs = []);
      for (let j = 0; j < m.args.length;) {
        const n = m.args[j + 2];
        runs.push({
          peerIss: m.args[j],
          runSeed: m.args[j + 1],
          choices: Array.from(m.args.subarray(j + 3, j + 3 + n)),
        });
        j += 3 + n;
      }
    }
    return m.runs[i - m.from];
  }

  /** The weights of run i (i at least the last run asked for, and ready(i)): they are this reader's own, and
   *  change with the next run's. */
  before(i: number): Weights {
    if (i < this.at) throw new Error(`the weights of run ${i} are behind those of run ${this.at}`);
    while (this.at < i) {
      const m = this.queue[0];
      const k = this.at - m.from;
      const start = k === 0 ? 0 : m.ends[k - 1];
      for (let j = start; j < m.ends[k]; j++) this.counts.add(m.ids[j]);
      this.at++;
      if (this.at - m.from === m.ends.length) this.queue.shift();
    }
    return this.counts;
  }

  /** The weights of the run it is at, as a map of their own: a run that diverged is shrunk with them. */
  copy(): Map<string, number> {
    return this.counts.copy();
  }
}
