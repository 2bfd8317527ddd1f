// One run in lockstep (docs/design.md §3): each input goes to the IUT and to the model; the observation must be
// one of the model's allowed outcomes, and the model continues from the outcomes that match it.
// Written as a generator that yields concrete inputs and receives observations, so the same code drives
// synchronous adapters without promises and asynchronous ones with them.
import { Capabilities } from '../adapters/types';
import { ConcreteInput, Input } from '../models/input';
import { Observation } from '../models/observation';
import { Outcome } from '../models/outcome';
import { Profile } from '../models/profile';
import { step } from '../models/step';
import { State } from '../models/state';
import { Tcb, closedTcb, sameTcb } from '../models/tcb';
import { Coverage } from './coverage';
import { bind, matches, observedIss } from './match';
import { resolveSegment } from './resolve';

export interface TraceEntry {
  input: Input;
  concrete: ConcreteInput;
  observed: Observation;
  /** Model state(s) after the step. */
  state: State;
  rules: string[];
}

export interface Divergence {
  /** Index in the input sequence (0-based). */
  index: number;
  input: Input;
  concrete: ConcreteInput;
  observed: Observation;
  expected: Outcome[];
  /** The state the model was in before the input. */
  stateBefore: State;
}

export interface RunResult {
  trace: TraceEntry[];
  divergence?: Divergence;
  events: number;
}

/** Chooses the next input from the model's current TCB, or ends the run with null. */
export type InputSource = (t: Tcb, index: number) => Input | null;

export function toConcrete(input: Input, t: Tcb, peerIss: number): ConcreteInput {
  return input.kind === 'segment' ? { kind: 'segment', segment: resolveSegment(input.segment, t, peerIss) } : input;
}

export function* lockstep(
  source: InputSource,
  profile: Profile,
  caps: Capabilities,
  peerIss: number,
  coverage: Coverage | null,
  keepTrace: boolean,
): Generator<ConcreteInput, RunResult, Observation> {
  const realClock = caps.clock === 'real';
  let models: Tcb[] = [closedTcb()];
  const trace: TraceEntry[] = [];
  coverage?.state('Closed');
  for (let i = 0; ; i++) {
    const t = models[0];
    const input = source(t, i);
    if (input === null) return { trace, events: i };
    const concrete = toConcrete(input, t, peerIss);
    // An input the IUT is known to crash on (a documented bug) is left out: nothing could be learnt after it.
    if (profile.crashesOn && models.some((m) => profile.crashesOn!(m, concrete) !== null)) continue;
    const observed: Observation = yield concrete;
    const iss = observedIss(observed) ?? t.iss;
    const outcomes: Outcome[] = [];
    for (const m of models)
      for (const o of step(m, concrete, profile, { iss, realClock, observed: observed.segments })) outcomes.push(o);
    const matched = outcomes.filter((o) => matches(o, observed, caps));
    if (matched.length === 0) {
      return {
        trace,
        events: i + 1,
        divergence: { index: i, input, concrete, observed, expected: outcomes, stateBefore: t.state },
      };
    }
    const next = matched.map((o) => bind(o.tcb, observed));
    models = next.length === 1 ? next : dedupe(next);
    const after = models[0].state;
    if (coverage) {
      coverage.state(after);
      coverage.transition(t.state, after);
      for (const o of matched) for (const r of o.rules) coverage.rule(r);
    }
    if (keepTrace) trace.push({ input, concrete, observed, state: after, rules: matched[0].rules });
  }
}

function dedupe(ts: Tcb[]): Tcb[] {
  const out: Tcb[] = [];
  for (const t of ts) if (!out.some((u) => sameTcb(u, t))) out.push(t);
  return out;
}
