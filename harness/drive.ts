// Drive a lockstep generator against an adapter, with or without promises.
import { Adapter, AdapterFailure, RunSetup } from '../adapters/types';
import { ConcreteInput } from '../models/input';
import { Observation } from '../models/observation';
import { RunResult } from './lockstep';

type Lockstep = Generator<ConcreteInput, RunResult, Observation>;

export function driveSync(adapter: Adapter, setup: RunSetup, gen: Lockstep): RunResult {
  adapter.reset(setup);
  const soFar: Step[] = [];
  let r: IteratorResult<ConcreteInput, RunResult> = gen.next(undefined as unknown as Observation);
  while (!r.done) {
    const input = r.value;
    const observed = withTrace(soFar, input, () => adapter.apply(input) as Observation);
    soFar.push({ concrete: input, observed });
    r = gen.next(observed);
  }
  return r.value;
}

export async function driveAsync(adapter: Adapter, setup: RunSetup, gen: Lockstep): Promise<RunResult> {
  await adapter.reset(setup);
  const soFar: Step[] = [];
  let r: IteratorResult<ConcreteInput, RunResult> = gen.next(undefined as unknown as Observation);
  while (!r.done) {
    const input = r.value;
    let observed: Observation;
    try {
      observed = await adapter.apply(input);
    } catch (e) {
      throw annotated(e, soFar, input);
    }
    soFar.push({ concrete: input, observed });
    r = gen.next(observed);
  }
  return r.value;
}

type Step = { concrete: ConcreteInput; observed: Observation };

function withTrace<T>(soFar: Step[], input: ConcreteInput, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw annotated(e, soFar, input);
  }
}

/** An adapter failure carries the run so far, so that the report can show what led to it. */
function annotated(e: unknown, soFar: Step[], input: ConcreteInput): unknown {
  if (e instanceof AdapterFailure && !e.trace) {
    e.trace = soFar;
    e.failedInput = input;
  }
  return e;
}
