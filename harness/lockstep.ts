// One run in lockstep (docs/design.md §3): each input goes to the IUT and to the model; the observation must be
// one of the model's allowed outcomes, and the model continues from the outcomes that match it.
// Written as a generator that yields concrete inputs and receives observations, so the same code drives
// synchronous adapters without promises and asynchronous ones with them.
import { Capabilities } from '../adapters/types';
import { ConcreteInput, Input } from '../models/input';
import { Observation, Signal } from '../models/observation';
import { Outcome } from '../models/outcome';
import { Profile } from '../models/profile';
import { step } from '../models/step';
import { State } from '../models/state';
import { Tcb, closedTcb, sameTcb } from '../models/tcb';
import { Coverage } from './coverage';
import { inputCells, waitCells } from './grid';
import { bind, matches, observedIss } from './match';
import { resolveSegment } from './resolve';

export interface TraceEntry {
  input: Input;
  concrete: ConcreteInput;
  observed: Observation;
  /** Model state(s) after the step. */
  state: State;
  rules: string[];
  /** The signals of the outcome matched first: what the model says the user is told, where the IUT does not. */
  signals: Signal[];
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
  let models: Tcb[] = [closedTcb()];
  const trace: TraceEntry[] = [];
  coverage?.state('Closed');
  let previous: ConcreteInput | null = null;
  for (let i = 0; ; i++) {
    const t = models[0];
    const input = source(t, i);
    if (input === null) return { trace, events: i };
    const concrete = toConcrete(input, t, peerIss);
    // An input the IUT is known to crash on (a documented bug) is left out: nothing could be learnt after it.
    if (profile.crashesOn && models.some((m) => profile.crashesOn!(m, concrete) !== null)) continue;
    const observed: Observation = yield concrete;
    if (coverage) for (const c of inputCells(t, concrete, previous)) coverage.cell(c);
    previous = concrete;
    const checked = checkStep(models, concrete, observed, profile, caps);
    if (checked.matched.length === 0) {
      return {
        trace,
        events: i + 1,
        divergence: { index: i, input, concrete, observed, expected: checked.outcomes, stateBefore: t.state },
      };
    }
    models = checked.models;
    if (coverage && concrete.kind === 'wait')
      for (const c of waitCells(t, checked.matched[0].rules, profile)) coverage.cell(c);
    const after = models[0].state;
    recordStep(coverage, t.state, after, checked.matched);
    if (keepTrace)
      trace.push({
        input,
        concrete,
        observed,
        state: after,
        rules: checked.matched[0].rules,
        signals: checked.matched[0].signals,
      });
  }
}

/** What one step concluded: the model's allowed outcomes, those the observation matched, and the candidate TCBs
 *  that go on, with what the IUT chose freely (its windows) learnt from what it sent. */
export interface Checked {
  outcomes: Outcome[];
  matched: Outcome[];
  models: Tcb[];
}

/**
 * One step of lockstep, the same for the peer and the pair topologies (docs/design.md §3): every candidate TCB
 * steps on the input, on a real clock with its timers free to fire on the way, and the observation must be one of
 * the outcomes.
 */
export function checkStep(
  models: readonly Tcb[],
  input: ConcreteInput,
  observed: Observation,
  profile: Profile,
  caps: Capabilities,
): Checked {
  const env = {
    iss: observedIss(observed) ?? models[0].iss,
    realClock: caps.clock === 'real',
    observed: observed.segments,
  };
  // A wait that took longer than asked (a busy machine) is, for the model, as long as it really was.
  const late = input.kind === 'wait' && observed.elapsedMs !== undefined && observed.elapsedMs > input.ms;
  const modelInput: ConcreteInput = late ? { kind: 'wait', ms: observed.elapsedMs! } : input;
  const outcomes: Outcome[] = [];
  // The IUT ran on its own for idleMs before this input (other lanes had the harness): its timers may have fired
  // meanwhile, so the model waits as long first, and what fired goes with the input's own outcome.
  const idle = input.kind !== 'wait' && env.realClock ? (observed.idleMs ?? 0) : 0;
  const before = idle > 0 ? models.flatMap((m) => step(m, { kind: 'wait', ms: idle }, profile, env)) : null;
  if (before) {
    for (const w of before)
      for (const o of step(w.tcb, modelInput, profile, env))
        outcomes.push({
          ...o,
          segments: [...w.segments, ...o.segments],
          signals: [...w.signals, ...o.signals],
          rules: [...w.rules, ...o.rules],
        });
  } else for (const m of models) for (const o of step(m, modelInput, profile, env)) outcomes.push(o);
  const matched = outcomes.filter((o) => matches(o, observed, caps));
  const next = matched.map((o) => bind(o.tcb, observed));
  return { outcomes, matched, models: next.length <= 1 ? next : dedupe(next) };
}

/** Coverage of one step: the state reached, the transition, every rule of the matched outcomes. */
export function recordStep(coverage: Coverage | null, before: State, after: State, matched: readonly Outcome[]): void {
  if (!coverage) return;
  coverage.state(after);
  coverage.transition(before, after);
  for (const o of matched) for (const r of o.rules) coverage.rule(r);
}

function dedupe(ts: Tcb[]): Tcb[] {
  const out: Tcb[] = [];
  for (const t of ts) if (!out.some((u) => sameTcb(u, t))) out.push(t);
  return out;
}
