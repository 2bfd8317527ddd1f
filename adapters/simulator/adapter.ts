// The simulator as an adapter (adapters/types.ts): in-process, synchronous, on a virtual clock.
import { ConcreteInput } from '../../models/input';
import { Observation } from '../../models/observation';
import { Adapter, AdapterOptions, Capabilities, RunSetup } from '../types';
import { Endpoint } from './endpoint';
import { checkMutant } from './mutants';

const CAPABILITIES: Capabilities = {
  calls: ['open.passive', 'open.active', 'send', 'receive', 'close', 'close.halfDuplex', 'abort'],
  segments: true,
  state: true,
  signals: true,
  clock: 'virtual',
  // Our listener's foreign socket is the tester, so OPEN active and SEND on a LISTEN turn it active.
  features: ['openActiveFromListen', 'sendFromListen'],
};

export function createSimulatorAdapter(options: AdapterOptions): Adapter {
  // Check the mutant now, so a bad id fails before any run starts.
  const mutant = options.mutant === undefined ? undefined : checkMutant(options.mutant);
  let endpoint = new Endpoint({ profile: options.profile, seed: 0, mutant });
  return {
    name: 'simulator',
    capabilities: CAPABILITIES,
    synchronous: true,
    reset(setup: RunSetup): void {
      endpoint = new Endpoint({ profile: setup.profile, seed: setup.seed, mutant });
    },
    apply(input: ConcreteInput): Observation {
      return endpoint.apply(input);
    },
    dispose(): void {},
  };
}
