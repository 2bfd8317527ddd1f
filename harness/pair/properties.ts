// The end-to-end properties of the pair topology, judged once the network is quiet and the timers have run
// out. They hold for any correct pair of TCPs whatever the network did, so they also guard the model itself.
import { Signal } from '../../models/observation';
import { State, stateName } from '../../models/state';

/** What the verdict needs to know about one end. */
export interface EndSummary {
  state: State;
  history: readonly State[];
  signals: readonly Signal[];
  sent: string;
  received: string;
  discardedSends: boolean;
}

export interface Verdict {
  property: 'data' | 'states' | 'timeWait';
  message: string;
}

/** States the two ends may rest in together (A/B) once nothing is in flight and no timer is left. */
export const QUIET_PAIRS: ReadonlySet<string> = new Set([
  'Closed/Closed',
  'Established/Established',
  'CloseWait/FinWait2', // one side closed, the other never did: FIN-WAIT-2 may last forever
  'FinWait2/CloseWait',
  'Closed/Listen', // the passive side went back to LISTEN after a reset or an abandoned attempt
]);

/** An error the user was told about, or data deliberately thrown away with the connection. */
function errored(e: EndSummary): boolean {
  return e.discardedSends || e.signals.some((s) => s !== 'connection closing');
}

export function endToEnd(a: EndSummary, b: EndSummary, lostReset: boolean): Verdict | null {
  const anyError = errored(a) || errored(b) || lostReset;
  // Data arrives in order, exactly once, or an error was reported.
  for (const [name, from, to] of [
    ['A→B', a, b],
    ['B→A', b, a],
  ] as const) {
    if (!from.sent.startsWith(to.received))
      return {
        property: 'data',
        message: `${name}: received ${JSON.stringify(to.received)} is not a prefix of what was sent, ${JSON.stringify(from.sent)}`,
      };
    if (to.received !== from.sent && !anyError)
      return {
        property: 'data',
        message: `${name}: sent ${JSON.stringify(from.sent)} but only ${JSON.stringify(to.received)} arrived, and no error was reported`,
      };
  }
  if (anyError) return null; // a lost RST or an abort may leave the ends disagreeing, as the RFC allows
  if (!QUIET_PAIRS.has(`${a.state}/${b.state}`))
    return {
      property: 'states',
      message: `once quiet the ends rest in ${stateName(a.state)} and ${stateName(b.state)}, which the RFC does not allow together`,
    };
  // The side that closed first (FIN-WAIT-1) passes through TIME-WAIT before CLOSED.
  for (const [name, e] of [
    ['A', a],
    ['B', b],
  ] as const) {
    const fw1 = e.history.indexOf('FinWait1');
    if (fw1 >= 0 && e.state === 'Closed' && !e.history.slice(fw1).includes('TimeWait'))
      return {
        property: 'timeWait',
        message: `${name} closed first (FIN-WAIT-1) but reached CLOSED without TIME-WAIT: ${e.history.map(stateName).join(' → ')}`,
      };
  }
  return null;
}
