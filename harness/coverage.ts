// Coverage of states, transitions and rules over a check.
import { Capabilities } from '../adapters/types';
import { Profile, profileRules } from '../models/profile';
import { REAL_TIME_WAIT_LIMIT } from './menu';
import { STATES, State } from '../models/state';
import { earliestOf, timersOf } from '../models/timer-table';
import type { CoverageGate } from './coverage-gate';
import { GridReport, gridReport } from './grid';

/** Rules that need a call or feature the adapter may lack. */
const NEEDS: Record<string, { call?: string; feature?: string }> = {
  'open.listen.active': { feature: 'openActiveFromListen' },
  'send.listen': { feature: 'sendFromListen' },
  'open.connect.completes': { feature: 'openActiveAgain' },
  'close.halfDuplex.unread': { call: 'close.halfDuplex' },
  'receive.halfDuplexClosed': { call: 'close.halfDuplex' },
  'text.afterHalfDuplexClose': { call: 'close.halfDuplex' },
};

export class Coverage {
  readonly states = new Map<State, number>();
  readonly rules = new Map<string, number>();
  readonly transitions = new Map<string, number>();
  readonly items = new Map<string, number>();
  /** Cells of the input grid (harness/grid.ts) the runs' inputs fell into. */
  readonly cells = new Map<string, number>();

  state(s: State): void {
    this.states.set(s, (this.states.get(s) ?? 0) + 1);
  }
  transition(from: State, to: State): void {
    if (from === to) return;
    const k = `${from}->${to}`;
    this.transitions.set(k, (this.transitions.get(k) ?? 0) + 1);
  }
  rule(id: string): void {
    this.rules.set(id, (this.rules.get(id) ?? 0) + 1);
  }
  item(key: string): void {
    this.items.set(key, (this.items.get(key) ?? 0) + 1);
  }
  cell(key: string): void {
    this.cells.set(key, (this.cells.get(key) ?? 0) + 1);
  }
}

export interface CoverageReport {
  states: { covered: number; total: number; missing: string[] };
  transitions: { covered: number; list: string[] };
  rules: {
    covered: number;
    total: number;
    /** Required behaviour the check did not reach. */
    missing: string[];
    /** Optional behaviour (a rule marked optional) this IUT never showed: not a gap in the check. */
    notShown: string[];
    unreachable: { id: string; reason: string }[];
  };
  /** The input grid: which of its reachable cells the runs' inputs fell into (harness/grid.ts). */
  grid?: GridReport;
  /** Filled in by the CLI: --min-states and --min-rules against what was reached. */
  gate?: CoverageGate;
}

/** Without --slow a real-time check waits at most REAL_TIME_WAIT_LIMIT at a time: a timer that cannot run out
 *  sooner (models/timer-table.ts) never fires, and its rule is out of reach. */
function tooLongToWait(id: string, profile: Profile): number | null {
  const timer = timersOf(profile).find((x) => x.rule === id);
  const earliest = timer ? earliestOf(timer, profile.params) : null;
  return earliest !== null && earliest > REAL_TIME_WAIT_LIMIT ? earliest : null;
}

export function coverageReport(c: Coverage, profile: Profile, caps: Capabilities, slow = false): CoverageReport {
  const all = profileRules(profile);
  const unreachable: { id: string; reason: string }[] = [];
  const missing: string[] = [];
  const notShown: string[] = [];
  let covered = 0;
  for (const r of all) {
    if (c.rules.has(r.id)) {
      covered++;
      continue;
    }
    const need = NEEDS[r.id];
    const wait = caps.clock === 'real' && !slow ? tooLongToWait(r.id, profile) : null;
    if (r.unreachable) unreachable.push({ id: r.id, reason: r.unreachable });
    else if (profile.unreachable?.[r.id]) unreachable.push({ id: r.id, reason: profile.unreachable[r.id] });
    else if (wait !== null)
      unreachable.push({ id: r.id, reason: `its timer needs ${wait / 1000} s of real time: run with --slow` });
    else if (need?.call && !caps.calls.includes(need.call as never))
      unreachable.push({ id: r.id, reason: `the adapter does not offer the ${need.call} call` });
    else if (need?.feature && !(caps.features ?? []).includes(need.feature))
      unreachable.push({ id: r.id, reason: `the adapter cannot express ${need.feature}` });
    else if (!caps.segments && r.event === 'SEGMENT ARRIVES')
      unreachable.push({ id: r.id, reason: 'the adapter accepts no crafted segments' });
    else if (r.optional) notShown.push(r.id);
    else missing.push(r.id);
  }
  return {
    states: {
      covered: STATES.filter((s) => c.states.has(s)).length,
      total: STATES.length,
      missing: STATES.filter((s) => !c.states.has(s)),
    },
    transitions: { covered: c.transitions.size, list: [...c.transitions.keys()].sort() },
    rules: { covered, total: all.length, missing, notShown, unreachable },
    grid: gridReport(c.cells, profile, caps, slow, REAL_TIME_WAIT_LIMIT),
  };
}
