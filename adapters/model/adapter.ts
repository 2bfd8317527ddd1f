// The model as an IUT: it always takes the first allowed outcome (ACK at once, FIN on the last data segment,
// ...). Useful as a self-check of the harness and as the reference when teaching.
import { ConcreteInput } from '../../models/input';
import { Observation } from '../../models/observation';
import { findProfile } from '../../models/profiles';
import { Profile } from '../../models/profile';
import { step } from '../../models/step';
import { Tcb, closedTcb } from '../../models/tcb';
import { Adapter, AdapterOptions, Capabilities, RunSetup } from '../types';
import { initialSequenceNumber } from './isn';

export const MODEL_CAPABILITIES: Capabilities = {
  calls: ['open.passive', 'open.active', 'send', 'receive', 'close', 'close.halfDuplex', 'abort'],
  segments: true,
  state: true,
  signals: true,
  clock: 'virtual',
  features: ['openActiveFromListen', 'sendFromListen'],
};

export class ModelAdapter implements Adapter {
  readonly name = 'model';
  readonly capabilities = MODEL_CAPABILITIES;
  readonly synchronous = true;
  private tcb: Tcb = closedTcb();
  private seed = 0;

  constructor(private profile: Profile) {}

  reset(setup: RunSetup): void {
    this.profile = findProfile(setup.profile) ?? this.profile;
    this.seed = setup.seed;
    this.tcb = closedTcb();
  }

  apply(input: ConcreteInput): Observation {
    const iss = initialSequenceNumber(this.seed, this.tcb.incarnation, this.tcb.now);
    const [first] = step(this.tcb, input, this.profile, { iss });
    this.tcb = first.tcb;
    const obs: Observation = { segments: first.segments, signals: first.signals, state: first.tcb.state };
    if (first.result) obs.result = first.result;
    return obs;
  }

  dispose(): void {}
}

export function createModelAdapter(options: AdapterOptions): Adapter {
  const profile = findProfile(options.profile);
  if (!profile) throw new Error(`unknown profile "${options.profile}"`);
  return new ModelAdapter(profile);
}
