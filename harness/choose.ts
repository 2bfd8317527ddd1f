// Model-driven choice: an integer from fast-check picks an item of the menu, weighted towards the
// (state, item) pairs tried least so far. 0 always picks the first item, so shrinking moves towards it.
import { MenuItem } from './menu';

const RESOLUTION = 10007;

export type Weights = ReadonlyMap<string, number>;

export function weight(count: number | undefined): number {
  return 1 + 8 / (1 + (count ?? 0));
}

export function choose(items: MenuItem[], keyPrefix: string, counts: Weights, choice: number): MenuItem {
  let total = 0;
  const ws = new Array<number>(items.length);
  for (let i = 0; i < items.length; i++) {
    ws[i] = weight(counts.get(keyPrefix + items[i].label));
    total += ws[i];
  }
  let r = ((choice % RESOLUTION) / RESOLUTION) * total;
  for (let i = 0; i < items.length; i++) {
    r -= ws[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}
