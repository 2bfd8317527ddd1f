// A scenario's expectations against the model's allowed set: at each step, is there one outcome the model
// allows that fits all the step's expectations together (segments, state, answer, signals)? This is what makes
// a scenario a test of the oracle: it does not depend on which allowed outcome an IUT, or the model adapter,
// happened to pick.
import { Capabilities } from '../../adapters/types';
import { Outcome } from '../../models/outcome';
import { Profile } from '../../models/profile';
import { SYN, Segment } from '../../models/segment';
import { stateName } from '../../models/state';
import { closedTcb } from '../../models/tcb';
import { withRealTimeTolerance } from '../check';
import { RunResult, checkStep } from '../lockstep';
import { Failure, fits, outboundText, resultFits, resultText, signalsText } from './expect';
import { Expectation, Scenario } from './scenario';

function fitsOutcome(e: Expectation, o: Outcome, iss: number | null, peerIss: number): boolean {
  if (
    e.segments &&
    !(e.segments.length === o.segments.length && e.segments.every((p, i) => fits(p, o.segments[i], iss, peerIss)))
  )
    return false;
  if (e.state && e.state !== o.tcb.state) return false;
  if (e.result && !resultFits(e.result, o.result)) return false;
  if (e.signals && !(e.signals.length === o.signals.length && e.signals.every((s) => o.signals.includes(s))))
    return false;
  return true;
}

function outcomeText(o: Outcome, e: Expectation, iss: number | null, peerIss: number): string {
  const parts = [stateName(o.tcb.state)];
  parts.push(o.segments.length ? o.segments.map((s) => outboundText(s, iss, peerIss)).join(', ') : 'sending nothing');
  if (e.result) parts.push(`answer ${resultText(o.result)}`);
  if (e.signals) parts.push(`signals ${signalsText(o.signals)}`);
  return parts.join(', ');
}

const MAX_SHOWN = 4;

/** Failures where a step's expectations fit no outcome the model allows there, walking the run as the IUT
 *  played it (the model follows what the IUT did, as lockstep does). */
export function judgeAllowed(sc: Scenario, r: RunResult, profile: Profile, caps: Capabilities): Failure[] {
  const p = caps.clock === 'real' ? withRealTimeTolerance(profile) : profile;
  const byInput = new Map(sc.steps.map((s) => [s.input, s]));
  const played = [...r.trace, ...(r.divergence ? [r.divergence] : [])];
  let models = [closedTcb()];
  let iss: number | null = null;
  const learn = (segs: readonly Segment[]) => {
    for (const s of segs) if (iss === null && s.ctl & SYN) iss = s.seq;
  };
  const out: Failure[] = [];
  for (const t of played) {
    if (p.crashesOn && models.some((m) => p.crashesOn!(m, t.concrete) !== null)) continue;
    const checked = checkStep(models, t.concrete, t.observed, p, caps);
    const step = byInput.get(t.input);
    const e = step?.expect;
    if (step && e && (e.segments || e.state || e.result || e.signals)) {
      // The expected segments count from the ISS the IUT chose; an allowed outcome's SYN carries the same one.
      learn(t.observed.segments);
      if (iss === null) for (const o of checked.outcomes) learn(o.segments);
      if (!checked.outcomes.some((o) => fitsOutcome(e, o, iss, sc.peerIss))) {
        const allowed = checked.outcomes.slice(0, MAX_SHOWN).map((o) => outcomeText(o, e, iss, sc.peerIss));
        const more = checked.outcomes.length > MAX_SHOWN ? ` (and ${checked.outcomes.length - MAX_SHOWN} more)` : '';
        const line = Math.min(...Object.values(step.lines).filter((x): x is number => x !== undefined));
        out.push({
          line,
          message: `no outcome the model allows here fits these expectations; it allows: ${allowed.join(' | ')}${more}`,
        });
      }
    } else learn(t.observed.segments);
    if (checked.matched.length === 0) break;
    models = checked.models;
  }
  return out;
}
