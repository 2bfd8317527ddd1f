// Worker threads for a check on an in-process adapter (--jobs N, docs/design.md §4): the workers make the runs,
// a batch at a time, and the main thread folds what they came to in the order of the runs, up to the first run
// that ends the check, exactly as one thread would. Which runs are made and what each gets does not depend on
// the number of workers (harness/plan.ts): worker 0, the planner, runs the shadows the weights come from and
// posts them to the others (harness/workers/weight-log.ts).
import { MessageChannel, Worker } from 'worker_threads';
import { FromWorker, NotableRun, Part, PooledCheck, ToWorker, deserializeError } from './messages';
import { startWorker } from './start-worker';

/** One check on the pool: its runs [from, to) and what their inputs depend on. */
export type { PooledCheck };

/** What the main thread does with the runs. */
export interface Fold {
  /** Whether this run ends the check: asked as soon as it comes, so that no later run is handed out. */
  ends(n: NotableRun): boolean;
  /** The parts, in the order of the runs, up to the one whose notable run ends the check. */
  take(p: Part): void;
  progress(runsDone: number, runsTotal: number, events: number): void;
}

/** Batches of a few milliseconds each (a message costs some tens of µs), smaller towards the end of the check so
 *  that the workers finish together. */
function batchSize(left: number, workers: number): number {
  return Math.max(8, Math.min(128, Math.ceil(left / (workers * 4))));
}

/** Each worker but the planner has this many batches in hand, so that it never waits for the next. */
const IN_HAND = 2;

export class WorkerPool {
  private checks = 0;
  private handler: ((k: number, m: FromWorker) => void) | null = null;
  private broken: Error | null = null;
  private closed = false;

  private constructor(private readonly workers: Worker[]) {
    workers.forEach((w, k) => {
      w.on('message', (m: FromWorker) => this.handler?.(k, m));
      const lost = (why: string) => {
        if (this.closed) return;
        this.broken ??= new Error(`worker thread ${k} of the check ${why}`);
        this.handler?.(k, { type: 'failed', error: { name: 'Error', message: this.broken.message } });
      };
      w.on('error', (e) => lost(`failed: ${e?.message ?? e}`));
      w.on('exit', (code) => lost(`exited (code ${code})`));
    });
  }

  /** `count` workers, ready for checks; each makes the adapter and profile a check names (and keeps them for the
   *  next check that names the same). */
  static async open(count: number): Promise<WorkerPool> {
    const workers: Worker[] = [];
    try {
      for (let k = 0; k < count; k++) workers.push(startWorker());
      await Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve, reject) => {
              w.once('message', (m: FromWorker) =>
                m.type === 'ready' ? resolve() : reject(m.type === 'failed' ? deserializeError(m.error) : m),
              );
              w.once('error', reject);
              w.once('exit', (code) => reject(new Error(`a worker thread exited (code ${code}) while starting`)));
            }),
        ),
      );
    } catch (e) {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    }
    return new WorkerPool(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs the check's runs on the workers; resolves once every run up to the one that ends it is folded in. */
  run(c: PooledCheck, fold: Fold): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.handler) return Promise.reject(new Error('the worker pool is already running a check'));
    if (c.from >= c.to) return Promise.resolve();
    const id = ++this.checks;
    const workers = this.workers;
    const channels = workers.slice(1).map(() => new MessageChannel());
    const post = (k: number, m: ToWorker) => workers[k].postMessage(m);
    const base = { type: 'check' as const, id, ...c };
    const toPlanner = channels.map((ch) => ch.port1);
    workers[0].postMessage({ ...base, planner: true, ports: toPlanner }, toPlanner);
    channels.forEach((ch, j) => workers[j + 1].postMessage({ ...base, planner: false, ports: [ch.port2] }, [ch.port2]));

    let next = c.from; // the next run to hand out
    let taken = c.from; // the next run to fold in
    let endAt = Infinity; // the lowest run known to end the check
    let finished = 0;
    let events = 0;
    const results = new Map<number, Part[]>();
    const inHand = workers.map(() => 0);
    const handOut = (k: number): boolean => {
      if (next >= c.to || next > endAt) return false;
      const from = next;
      next = Math.min(c.to, from + batchSize(c.to - from, workers.length));
      inHand[k]++;
      post(k, { type: 'batch', id, from, to: next });
      post(0, { type: 'demand', id, upTo: next });
      return true;
    };
    return new Promise<void>((resolve, reject) => {
      const finish = (error?: Error) => {
        this.handler = null;
        for (let k = 0; k < workers.length; k++) post(k, { type: 'end', id });
        if (error) reject(error);
        else resolve();
      };
      this.handler = (k, m) => {
        if (m.type === 'ready' || (m.id !== undefined && m.id !== id)) return;
        if (m.type === 'failed') return finish(deserializeError(m.error));
        if (m.type === 'want') {
          handOut(k);
          return;
        }
        inHand[k]--;
        try {
          for (const p of m.parts) {
            if (p.notable && fold.ends(p.notable)) endAt = Math.min(endAt, p.notable.index);
            finished += p.to - p.from;
            events += p.events + (p.notable?.result?.events ?? 0);
          }
          fold.progress(finished, c.to - c.from, events);
          results.set(m.from, m.parts);
          for (let parts = results.get(taken); parts && taken <= endAt; parts = results.get(taken)) {
            results.delete(taken);
            for (const p of parts) {
              if (p.from > endAt) break;
              fold.take(p);
              taken = p.to;
            }
          }
        } catch (e) {
          return finish(e as Error);
        }
        if (taken > endAt || taken >= c.to) return finish();
        if (k > 0) while (inHand[k] < IN_HAND && handOut(k));
      };
      for (let k = 1; k < workers.length; k++) while (inHand[k] < IN_HAND && handOut(k));
    });
  }

  /** Ends every worker: on every way out of a check (its end, an error, an interruption). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.handler = null;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
