// One endpoint of the pair topology held in lockstep with its own copy of the model.
import { Adapter } from '../../adapters/types';
import { ConcreteInput } from '../../models/input';
import { Observation, Signal } from '../../models/observation';
import { Outcome } from '../../models/outcome';
import { Profile } from '../../models/profile';
import { State } from '../../models/state';
import { Tcb, closedTcb } from '../../models/tcb';
import { nextDeadline } from '../../models/timers';
import { Coverage } from '../coverage';
import { checkStep, recordStep } from '../lockstep';

export interface EndpointDivergence {
  input: ConcreteInput;
  observed: Observation;
  expected: Outcome[];
  stateBefore: State;
}

export class CheckedEndpoint {
  models: Tcb[] = [closedTcb()];
  readonly history: State[] = ['Closed'];
  readonly signals: Signal[] = [];
  received = '';
  sent = '';
  divergence: EndpointDivergence | null = null;
  /** The TCB went away with data not yet acknowledged: CLOSE or ABORT answer the queued SENDs with an error
   *  (RFC 9293 §3.10.4, §3.10.5), and a passive SYN-RECEIVED reset to LISTEN need not tell the user at all
   *  (RFC 793 p.70). Either way the data is not owed to the peer. */
  discardedSends = false;

  constructor(
    readonly adapter: Adapter,
    readonly profile: Profile,
    readonly coverage: Coverage | null,
  ) {}

  get state(): State {
    return this.models[0].state;
  }

  deadline(): number | null {
    const d = nextDeadline(this.models[0], this.profile);
    return d === null ? null : d - this.models[0].now;
  }

  /** Apply an input to the IUT and check it against the model; returns the observation. */
  apply(input: ConcreteInput): Observation {
    const obs = this.adapter.apply(input) as Observation;
    if (this.divergence) return obs;
    const before = this.models[0];
    const checked = checkStep(this.models, input, obs, this.profile, this.adapter.capabilities);
    if (checked.matched.length === 0) {
      this.divergence = { input, observed: obs, expected: checked.outcomes, stateBefore: before.state };
      return obs;
    }
    this.models = checked.models;
    const after = this.models[0].state;
    if (after !== this.history[this.history.length - 1]) this.history.push(after);
    recordStep(this.coverage, before.state, after, checked.matched);
    this.signals.push(...(obs.signals ?? []));
    if (after === 'Closed' || after === 'Listen') {
      if (before.sendQueue.length > 0 || before.unacked.length > 0) this.discardedSends = true;
      // Text that reached this TCP in order has arrived, whether or not the application read it before closing.
      if (before.state !== 'Closed' && before.state !== 'Listen') this.received += before.rcvQueue;
    }
    if (input.kind === 'call' && input.call === 'send' && obs.result?.ok) this.sent += input.data;
    if (input.kind === 'call' && input.call === 'receive' && obs.result?.ok) this.received += obs.result.data ?? '';
    return obs;
  }
}
