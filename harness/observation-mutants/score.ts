// Whether the model notices a perturbed observation: the run's recorded inputs stepped through the model
// (harness/lockstep.ts checkStep) with the perturbed observations. Detected when some step has no allowed
// outcome; otherwise the perturbed run is one the model allows, and the reason says what allowed it.
import { Capabilities } from '../../adapters/types';
import { Observation } from '../../models/observation';
import { Outcome } from '../../models/outcome';
import { SYN } from '../../models/segment';
import { Profile } from '../../models/profile';
import { stateName } from '../../models/state';
import { closedTcb } from '../../models/tcb';
import { checkStep } from '../lockstep';
import { Kind, Recorded } from './perturb';

export type Verdict = { detected: true; at: number } | { detected: false; reason: string };

/** What the relation leaves to the IUT: a perturbation there is allowed by design (docs/design.md §3). */
const NOT_COMPARED: Partial<Record<Kind, string>> = {
  'wnd+1': "SEG.WND is the IUT's choice and is not compared",
  'wnd-1': "SEG.WND is the IUT's choice and is not compared",
};

/** The outcome that took the perturbed observation: its state and its rules, each named once with a count. */
function allowedText(m: Outcome): string {
  const counts = new Map<string, number>();
  for (const r of m.rules) counts.set(r, (counts.get(r) ?? 0) + 1);
  const rules = [...counts].map(([r, n]) => (n > 1 ? `${r} ×${n}` : r)).join(', ');
  return `${stateName(m.tcb.state)}${rules ? ` by ${rules}` : ', no rule fired'}`;
}

/** A SYN carries the ISS of its connection, which is the IUT's own choice (RFC 9293 §3.4.1). */
function movesIss(run: readonly Recorded[], at: number, segment: number | undefined, kind: Kind): boolean {
  if (kind !== 'seq+1' && kind !== 'seq-1') return false;
  return (run[at].observed.segments[segment ?? 0].ctl & SYN) !== 0;
}

export function judge(
  run: readonly Recorded[],
  observed: readonly Observation[],
  at: number,
  segment: number | undefined,
  kind: Kind,
  profile: Profile,
  caps: Capabilities,
): Verdict {
  let models = [closedTcb()];
  let allowedBy = '';
  for (let i = 0; i < run.length; i++) {
    const concrete = run[i].concrete;
    if (profile.crashesOn && models.some((m) => profile.crashesOn!(m, concrete) !== null)) continue;
    const checked = checkStep(models, concrete, observed[i], profile, caps);
    if (checked.matched.length === 0) return { detected: true, at: i };
    if (i === at) allowedBy = allowedText(checked.matched[0]);
    models = checked.models;
  }
  if (movesIss(run, at, segment, kind))
    return { detected: false, reason: "a SYN's SEQ is its connection's ISS, the IUT's own choice (RFC 9293 §3.4.1)" };
  return { detected: false, reason: NOT_COMPARED[kind] ?? `the model allows it: ${allowedBy}` };
}
