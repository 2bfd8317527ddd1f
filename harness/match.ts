// The conformance relation (docs/design.md §3): is an observation one of the allowed outcomes?
import { Capabilities } from '../adapters/types';
import { CallResult, Observation, Signal } from '../models/observation';
import { Outcome } from '../models/outcome';
import { SYN, sameSegment } from '../models/segment';
import { learnAdvertised } from '../models/window';
import { Tcb } from '../models/tcb';

function sameResult(a: CallResult | undefined, b: CallResult | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.ok !== b.ok) return false;
  if (a.ok && b.ok) return (a.data ?? '') === (b.data ?? '');
  // The implementation's own error name counts where the profile predicts it and the adapter reports it.
  if (!a.ok && !b.ok)
    return a.error === b.error && (a.errno === undefined || b.errno === undefined || a.errno === b.errno);
  return false;
}

function sameSignals(a: readonly Signal[], b: readonly Signal[] | undefined): boolean {
  const bb = b ?? [];
  if (a.length !== bb.length) return false;
  const sa = [...a].sort();
  const sb = [...bb].sort();
  return sa.every((x, i) => x === sb[i]);
}

export function matches(o: Outcome, obs: Observation, caps: Capabilities): boolean {
  if (obs.crash) return false; // an IUT that died did nothing the RFC allows
  if (o.segments.length !== obs.segments.length) return false;
  for (let i = 0; i < o.segments.length; i++) if (!sameSegment(o.segments[i], obs.segments[i])) return false;
  if (o.result !== undefined && !sameResult(o.result, obs.result)) return false;
  if (caps.signals && !sameSignals(o.signals, obs.signals)) return false;
  if (caps.state && obs.state !== undefined && obs.state !== o.tcb.state) return false;
  return true;
}

/** The model learns what the IUT chose freely from what it was seen to send (models/window.ts). */
export function bind(t: Tcb, obs: Observation): Tcb {
  return learnAdvertised(t, obs.segments);
}

/** The ISS the IUT chose, if it sent a SYN in this observation. */
export function observedIss(obs: Observation): number | undefined {
  for (const s of obs.segments) if (s.ctl & SYN) return s.seq;
  return undefined;
}
