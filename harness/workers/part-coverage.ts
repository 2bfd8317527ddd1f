// The coverage of a batch's runs, counted straight into the part they belong to (harness/workers/messages.ts,
// Part): a run the adapter failed in is not counted on one thread (harness/check.ts), so what it counted here is
// taken back.
import { State } from '../../models/state';
import { Coverage } from '../coverage';

export class PartCoverage extends Coverage {
  /** What the run under way counted: map, key, map, key, ... */
  private readonly counted: (Map<string, number> | string)[] = [];

  state(s: State): void {
    super.state(s);
    this.counted.push(this.states, s);
  }

  transition(from: State, to: State): void {
    if (from === to) return;
    super.transition(from, to);
    this.counted.push(this.transitions, `${from}->${to}`);
  }

  rule(id: string): void {
    super.rule(id);
    this.counted.push(this.rules, id);
  }

  cell(key: string): void {
    super.cell(key);
    this.counted.push(this.cells, key);
  }

  /** The run under way counts: the next one starts. */
  keep(): void {
    this.counted.length = 0;
  }

  /** The run under way does not count. */
  takeBack(): void {
    for (let j = this.counted.length - 2; j >= 0; j -= 2) {
      const m = this.counted[j] as Map<string, number>;
      const k = this.counted[j + 1] as string;
      const n = m.get(k)! - 1;
      if (n === 0) m.delete(k);
      else m.set(k, n);
    }
    this.counted.length = 0;
  }
}
