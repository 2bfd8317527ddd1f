// One allowed outcome of a step, and the mutable draft that builds it. A draft is forked wherever the RFC
// leaves a choice, so `step` returns every outcome the RFC allows.
import { CallResult, Signal } from './observation';
import { Profile } from './profile';
import type { RuleId } from './profiles';
import { Segment } from './segment';
import { Tcb, copyTcb } from './tcb';

export interface Outcome {
  tcb: Tcb;
  segments: Segment[];
  result?: CallResult;
  signals: Signal[];
  /** The rules that produced this outcome, in the order they fired. */
  rules: RuleId[];
}

export class Draft {
  constructor(
    public t: Tcb,
    readonly p: Profile,
    public segments: Segment[] = [],
    public signals: Signal[] = [],
    public rules: RuleId[] = [],
    public result?: CallResult,
  ) {}

  fork(): Draft {
    return new Draft(
      copyTcb(this.t),
      this.p,
      this.segments.slice(),
      this.signals.slice(),
      this.rules.slice(),
      this.result,
    );
  }

  fire(rule: RuleId): void {
    this.rules.push(rule);
  }

  outcome(): Outcome {
    const o: Outcome = { tcb: this.t, segments: this.segments, signals: this.signals, rules: this.rules };
    if (this.result) o.result = this.result;
    return o;
  }
}
