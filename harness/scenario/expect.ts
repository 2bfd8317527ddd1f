// Judging a scenario's expectations against what happened. The lockstep run has already judged the IUT against
// the model; expectations say more: the segments, state, answer and signals a step must give, which with the
// model adapter tests the model's own predictions.
import { Capabilities } from '../../adapters/types';
import { CallResult, Signal } from '../../models/observation';
import { ACK, CTL_COMPARED, SYN, Segment } from '../../models/segment';
import { State, stateName } from '../../models/state';
import { Observation } from '../../models/observation';
import { RunResult } from '../lockstep';
import { Scenario, ScenarioStep, SegmentPattern, ResultPattern } from './scenario';
import { flagsText, patternText, rangeText } from './text';

export interface Failure {
  line: number;
  message: string;
}

const u32 = (x: number) => x >>> 0;

/** Relative sequence numbers as a scenario writes them: small negatives stay negative. */
export function relative(x: number, base: number): number {
  const d = u32(x - base);
  return d >= 0x80000000 ? d - 0x100000000 : d;
}

/** A segment the IUT sent, in the notation of a `>` line: SEQ from its ISS, ACK from the tester's. */
export function outboundText(s: Segment, iss: number | null, peerIss: number): string {
  const seq = relative(s.seq, iss ?? 0);
  let t = `> ${flagsText(s.ctl)} ${rangeText(seq, s.data.length)}`;
  if (s.ctl & ACK) t += ` ack ${relative(s.ack, peerIss)}`;
  return t;
}

export function fits(p: SegmentPattern, s: Segment, iss: number | null, peerIss: number): boolean {
  if (p.ctl !== (s.ctl & CTL_COMPARED)) return false;
  if (p.len !== '*' && p.len !== s.data.length) return false;
  if (p.seq !== '*' && u32(p.seq) !== u32(s.seq - (iss ?? 0))) return false;
  if (p.ack !== undefined && p.ack !== '*' && u32(p.ack) !== u32(s.ack - peerIss)) return false;
  return p.data === undefined || p.data === s.data;
}

export const resultText = (r: CallResult | ResultPattern | undefined) =>
  r === undefined ? 'no answer' : r.ok ? (r.data !== undefined ? `ok ${JSON.stringify(r.data)}` : 'ok') : r.error;

export function resultFits(p: ResultPattern, r: CallResult | undefined): boolean {
  if (!r || p.ok !== r.ok) return false;
  if (p.ok) return p.data === undefined || p.data === ((r as { data?: string }).data ?? '');
  return p.error === (r as { error: string }).error;
}

export const signalsText = (s: readonly Signal[]) => (s.length ? s.map((x) => `"${x}"`).join(', ') : 'none');

/** One step's expectations against what was seen: the IUT's observation, and the model's state and signals
 *  where the IUT does not report its own. */
function judgeStep(
  step: ScenarioStep,
  seen: { observed: Observation; state: State; signals: readonly Signal[] },
  iss: number | null,
  sc: Scenario,
  caps: Capabilities,
): Failure[] {
  const out: Failure[] = [];
  const e = step.expect;
  const sent = seen.observed.segments;
  if (e.segments) {
    const ok = e.segments.length === sent.length && e.segments.every((p, i) => fits(p, sent[i], iss, sc.peerIss));
    if (!ok) {
      const want = e.segments.length ? e.segments.map(patternText).join(', then ') : 'no segment';
      const got = sent.length ? sent.map((s) => outboundText(s, iss, sc.peerIss)).join(', then ') : 'nothing';
      out.push({ line: step.lines.segments!, message: `expected ${want}; the IUT sent ${got}` });
    }
  }
  if (e.state) {
    const st = seen.observed.state ?? seen.state;
    if (st !== e.state)
      out.push({
        line: step.lines.state!,
        message: `expected state ${stateName(e.state)}; ${seen.observed.state ? 'the IUT is' : 'the model says'} in ${stateName(st)}`,
      });
  }
  if (e.result && !resultFits(e.result, seen.observed.result))
    out.push({
      line: step.lines.result!,
      message: `expected the answer ${resultText(e.result)}; the IUT answered ${resultText(seen.observed.result)}`,
    });
  if (e.signals) {
    const got = caps.signals ? (seen.observed.signals ?? []) : seen.signals;
    const same = got.length === e.signals.length && e.signals.every((s) => got.includes(s));
    if (!same)
      out.push({
        line: step.lines.signals!,
        message: `expected the signals ${signalsText(e.signals)}; ${caps.signals ? 'the IUT gave' : 'the model gives'} ${signalsText(got)}`,
      });
  }
  return out;
}

/** Every expectation of the steps the run reached, in order. At a step where the IUT left the model, only
 *  what the IUT reported itself is judged (the model has no state to offer there). */
export function judgeExpectations(sc: Scenario, r: RunResult, caps: Capabilities): Failure[] {
  const byInput = new Map(sc.steps.map((s) => [s.input, s]));
  let iss: number | null = null;
  const learn = (segs: readonly Segment[]) => {
    for (const s of segs) if (iss === null && s.ctl & SYN) iss = s.seq;
  };
  const out: Failure[] = [];
  for (const t of r.trace) {
    const step = byInput.get(t.input);
    if (!step) continue;
    learn(t.observed.segments);
    out.push(...judgeStep(step, t, iss, sc, caps));
  }
  const d = r.divergence;
  if (d) {
    const step = sc.steps[d.index];
    learn(d.observed.segments);
    const reported = { ...step, expect: { ...step.expect } };
    if (!d.observed.state) delete reported.expect.state;
    if (!caps.signals) delete reported.expect.signals;
    out.push(...judgeStep(reported, { observed: d.observed, state: d.stateBefore, signals: [] }, iss, sc, caps));
  }
  return out;
}
