// Drive a lockstep generator against an adapter, with or without promises.
import { Adapter, RunSetup } from '../adapters/types';
import { ConcreteInput } from '../models/input';
import { Observation } from '../models/observation';
import { RunResult } from './lockstep';

type Lockstep = Generator<ConcreteInput, RunResult, Observation>;

export function driveSync(adapter: Adapter, setup: RunSetup, gen: Lockstep): RunResult {
  adapter.reset(setup);
  let r: IteratorResult<ConcreteInput, RunResult> = gen.next(undefined as unknown as Observation);
  while (!r.done) r = gen.next(adapter.apply(r.value as ConcreteInput) as Observation);
  return r.value;
}

export async function driveAsync(adapter: Adapter, setup: RunSetup, gen: Lockstep): Promise<RunResult> {
  await adapter.reset(setup);
  let r: IteratorResult<ConcreteInput, RunResult> = gen.next(undefined as unknown as Observation);
  while (!r.done) r = gen.next(await adapter.apply(r.value as ConcreteInput));
  return r.value;
}
