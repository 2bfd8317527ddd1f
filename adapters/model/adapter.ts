// The model as an IUT: it takes one of the allowed outcomes at each step. Useful as a self-check of the harness
// and as the reference when teaching.
import { ConcreteInput } from '../../models/input';
import { Observation } from '../../models/observation';
import { findProfile } from '../../models/profiles';
import { Profile } from '../../models/profile';
import { step } from '../../models/step';
import { Tcb, closedTcb } from '../../models/tcb';
import { Adapter, AdapterOptions, Capabilities, RunSetup } from '../types';
import { initialSequenceNumber, mix32 } from './isn';

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
  private rng = 0;

  constructor(private profile: Profile) {}

  reset(setup: RunSetup): void {
    this.profile = findProfile(setup.profile) ?? this.profile;
    this.seed = setup.seed;
    this.rng = setup.seed >>> 0;
    this.tcb = closedTcb();
  }

  apply(input: ConcreteInput): Observation {
    const iss = initialSequenceNumber(this.seed, this.tcb.incarnation, this.tcb.now);
    // Where the RFC allows several outcomes, pick one with the run's own random stream, so that every
    // allowed behaviour (delayed ACKs, window updates, ...) shows up over a check.
    const outcomes = step(this.tcb, input, this.profile, { iss });
    this.rng = mix32(this.rng + 0x6d2b79f5);
    const first = outcomes[this.rng % outcomes.length];
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
