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
      const crash = crashOf(e);
      if (!crash) throw annotated(e, soFar, input);
      // The IUT died on this input: an observation no outcome allows, so the run diverges here.
      r = gen.next(crash);
      if (!r.done) throw annotated(e, soFar, input);
      break;
    }
    soFar.push({ concrete: input, observed });
    r = gen.next(observed);
  }
  return r.value;
}

/** An IUT's death or silence on an input, as the observation of that input. */
function crashOf(e: unknown): Observation | null {
  if (!(e instanceof AdapterFailure) || !e.crashed) return null;
  const [how, ...rest] = e.message.split('\n');
  // The message's tail is the child's stderr, each line written "    | text".
  const stderr = rest.filter((l) => /^\s*\|/.test(l)).map((l) => l.replace(/^\s*\| ?/, ''));
  return { segments: [], crash: { how, hang: e.crashed === 'hang', stderr } };
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
