// Model-driven choice: an integer from fast-check picks an item of the menu, weighted towards the
// (state, item) pairs tried least so far. 0 always picks the first item, so shrinking moves towards it.
import { MenuItem } from './menu';

const RESOLUTION = 10007;

/** How often each (state, item) was chosen before: read by key only (a Map, or harness/workers/weight-log.ts). */
export type Weights = Pick<ReadonlyMap<string, number>, 'get'>;

export function weight(count: number | undefined): number {
  return 1 + 8 / (1 + (count ?? 0));
}

export function choose(items: MenuItem[], counts: Weights, choice: number): MenuItem {
  let total = 0;
  const ws = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) {
    ws[i] = weight(counts.get(items[i].key));
    total += ws[i];
  }
  let r = ((choice % RESOLUTION) / RESOLUTION) * total;
  for (let i = 0; i < items.length; i++) {
    r -= ws[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}

/** A menu whose fixed part has its weights worked out once per run (the counts do not change during a run). */
export class WeightedMenu {
  private readonly cache = new Map<string, { items: MenuItem[]; ws: number[]; total: number }>();

  /** @param boost what an item adds to its weight besides its count (harness/plan.ts: the way to untried cells) */
  constructor(
    private readonly counts: Weights,
    private readonly boost?: (key: string) => number,
  ) {}

  choose(state: string, fixed: () => MenuItem[], extra: MenuItem[], choice: number): MenuItem {
    let c = this.cache.get(state);
    if (!c) {
      const items = fixed();
      const ws = items.map((it) => weight(this.counts.get(it.key)) + (this.boost?.(it.key) ?? 0));
      c = { items, ws, total: ws.reduce((a, b) => a + b, 0) };
      this.cache.set(state, c);
    }
    let total = c.total;
    for (let i = 0; i < extra.length; i++) total += extra[i].weight ?? weight(this.counts.get(extra[i].key));
    let r = ((choice % RESOLUTION) / RESOLUTION) * total;
    for (let i = 0; i < c.items.length; i++) {
      r -= c.ws[i];
      if (r < 0) return c.items[i];
    }
    for (let i = 0; i < extra.length; i++) {
      r -= extra[i].weight ?? weight(this.counts.get(extra[i].key));
      if (r < 0) return extra[i];
    }
    return extra.length ? extra[extra.length - 1] : c.items[c.items.length - 1];
  }
}
