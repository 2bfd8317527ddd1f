// A check's plan: what every run gets as its inputs, decided before any run is made, so that runs can go in any
// order, concurrently, or on other machines (docs/design.md §4), and run i always gets the same inputs.
import fc from 'fast-check';
import { initialSequenceNumber, mix32 } from '../adapters/model/isn';
import { Capabilities } from '../adapters/types';
import { Input } from '../models/input';
import { Profile } from '../models/profile';
import { step } from '../models/step';
import { closedTcb } from '../models/tcb';
import { pendingOf } from '../models/timers';
import { Weights as MenuWeights, WeightedMenu, weight } from './choose';
import { gridCells, inputCells, waitCells } from './grid';
import { gridCall, gridSegment, untried } from './grid-input';
import { InputSource, toConcrete } from './lockstep';
import { MenuItem, REAL_TIME_WAIT_LIMIT, staticItems, waitItems } from './menu';
import { CallName, ConcreteInput, callName } from '../models/input';
import { STATES, State } from '../models/state';

export interface RunArgs {
  peerIss: number;
  runSeed: number;
  choices: number[];
}

export const runArbitrary = (maxInputs: number): fc.Arbitrary<RunArgs> =>
  fc.record({
    peerIss: fc.oneof(
      fc.constant(1000),
      fc.constantFrom(0xffffffff - 2, 0x7fffffff),
      fc.integer({ min: 0, max: 0xffffffff }),
    ),
    runSeed: fc.nat(),
    choices: fc.array(fc.nat(), { minLength: 1, maxLength: maxInputs, size: 'max' }),
  });

/** Runs are planned a thousand at a time: a check of a million runs never holds them all. */
const CHUNK = 1000;

/**
 * The values fast-check gives the runs of a check with this seed: the same ones its own run loop would give, so
 * that `path: "i"` later replays and shrinks run i exactly. Made on demand, a chunk at a time (fast-check's
 * `path` skips the runs before a chunk without generating them).
 */
export class RunPlan {
  private readonly chunks = new Map<number, RunArgs[]>();

  constructor(
    readonly seed: number,
    readonly maxInputs: number,
  ) {}

  args(i: number): RunArgs {
    const c = Math.floor(i / CHUNK);
    let chunk = this.chunks.get(c);
    if (!chunk) {
      const out: RunArgs[] = (chunk = []);
      const collect = (a: RunArgs) => {
        out.push(a);
        return true;
      };
      fc.check(fc.property(runArbitrary(this.maxInputs), collect), {
        seed: this.seed,
        numRuns: CHUNK,
        path: String(c * CHUNK),
      });
      this.chunks.set(c, chunk);
    }
    return chunk[i - c * CHUNK];
  }

  /** The runs below `i` will not be asked for again. */
  release(i: number): void {
    for (const c of this.chunks.keys()) if ((c + 1) * CHUNK <= i) this.chunks.delete(c);
  }
}

/** An input source that follows fast-check's choices through the model-driven menu. */
export function menuSource(
  args: RunArgs,
  caps: Capabilities,
  profile: Profile,
  counts: MenuWeights,
  used: string[] | null,
  slow = false,
  grid = false,
): InputSource {
  const realTime = caps.clock === 'real' ? { slow } : null;
  // Calls the profile does not define are not generated (the half-duplex close is RFC 9293's).
  const menuCaps = profile.features.has('halfDuplexClose')
    ? caps
    : { ...caps, calls: caps.calls.filter((c) => c !== 'close.halfDuplex') };
  // With the input grid (--grid), its items and the weights towards its untried cells; without, the menu alone.
  const items = grid ? gridItemsOf(profile, menuCaps, slow) : null;
  const weighted = new WeightedMenu(counts, items ? (key) => items.towardsUntried(key, counts) : undefined);
  let previous: Extract<ConcreteInput, { kind: 'call' }> | null = null;
  return (t, i) => {
    if (i >= args.choices.length) return null;
    const choice = args.choices[i];
    const item = weighted.choose(
      t.state,
      () => staticItems(t, menuCaps),
      items
        ? [...waitItems(t, pendingOf(t, profile), realTime), ...items(t.state, counts)]
        : waitItems(t, pendingOf(t, profile), realTime),
      choice,
    );
    const prevCall: CallName | null = previous?.kind === 'call' ? callName(previous) : null;
    const input =
      item.label === GRID_SEGMENT
        ? gridSegment(t, counts, Math.floor(choice / 10007))
        : item.label === GRID_CALL
          ? gridCall(t, items!.calls(t.state), prevCall, counts, Math.floor(choice / 10007))
          : item.input;
    if (used) {
      used.push(item.key);
      // The grid's cells this input falls into: what the grid items of later runs are biased by.
      if (items) for (const c of inputCells(t, toConcrete(input, t, args.peerIss), previous)) used.push(c);
    }
    previous = input.kind === 'call' ? input : null;
    return input;
  };
}

/** How much each untried cell of a state adds to the weight of the grid item that makes it. */
const UNTRIED_WEIGHT = 6;
/** How much each untried cell of a state adds to the weight of an item that leads there. */
const LEAD_WEIGHT = 1;
const GRID_SEGMENT = 'grid.segment';
const GRID_CALL = 'grid.call';

/**
 * The grid's two items of a state (harness/grid-input.ts), weighted by how many of their cells in it are untried,
 * worked out once per run and state (the counts do not change during a run).
 */
function gridItemsOf(profile: Profile, caps: Capabilities, slow: boolean) {
  const cells = gridCellNames(profile, caps, slow);
  const byState = new Map<State, MenuItem[]>();
  const untriedIn = new Map<State, number>();
  const untriedOf = (s: State, counts: MenuWeights): number => {
    let n = untriedIn.get(s);
    if (n === undefined) {
      const own = cells.get(s);
      untriedIn.set(s, (n = own ? untried(s, own.segment, counts) + untried(s, own.call, counts) : 0));
    }
    return n;
  };
  const items = (state: State, counts: MenuWeights): MenuItem[] => {
    let items = byState.get(state);
    if (!items) {
      const own = cells.get(state) ?? { segment: [], call: [] };
      const item = (label: string, kind: string[]): MenuItem => {
        const key = `${state}:${label}`;
        return {
          label,
          key,
          input: { kind: 'wait', ms: 0 },
          weight: weight(counts.get(key)) + UNTRIED_WEIGHT * untried(state, kind, counts),
        };
      };
      items = [];
      if (caps.segments && own.segment.length) items.push(item(GRID_SEGMENT, own.segment));
      if (caps.calls.length) items.push(item(GRID_CALL, own.call));
      byState.set(state, items);
    }
    return items;
  };
  /** An item that led the shadows to other states weighs more by the untried cells there, in the proportion it
   *  led to each: so that rare states (CLOSING, LAST-ACK) are reached often enough for their cells. */
  const towardsUntried = (key: string, counts: MenuWeights): number => {
    const n = counts.get(key);
    if (!n) return 0;
    let b = 0;
    for (const s of STATES) {
      const m = counts.get(`${key}>${s}`);
      if (m) b += (m / n) * untriedOf(s, counts);
    }
    return LEAD_WEIGHT * b;
  };
  /** The calls whose cells the state can reach (OPEN active from LISTEN only where the adapter can express it). */
  const calls = (s: State): CallName[] => (cells.get(s)?.call ?? []).map((c) => c.slice('call.'.length) as CallName);
  return Object.assign(items, { towardsUntried, calls });
}

const CELL_NAMES = new WeakMap<Profile, Map<string, Map<State, { segment: string[]; call: string[] }>>>();

/** The reachable cells of each state, by the grid item that makes them (built once per profile and setting). */
function gridCellNames(profile: Profile, caps: Capabilities, slow: boolean) {
  let byCaps = CELL_NAMES.get(profile);
  if (!byCaps) CELL_NAMES.set(profile, (byCaps = new Map()));
  const k = `${JSON.stringify(caps)}/${slow}`;
  let m = byCaps.get(k);
  if (!m) {
    m = new Map();
    for (const c of gridCells(profile, caps, slow, REAL_TIME_WAIT_LIMIT)) {
      if (c.unreachable !== null || c.key.startsWith('*')) continue;
      const [state, cell] = c.key.split('#') as [State, string];
      if (!m.has(state)) m.set(state, { segment: [], call: [] });
      m.get(state)![cell.startsWith('call.') ? 'call' : 'segment'].push(cell);
    }
    byCaps.set(k, m);
  }
  return m;
}

/**
 * The weights of the menu: how often each (state, item) was chosen in the runs before. They are counted on a
 * shadow of each run, against the model itself taking its first allowed outcome, never on the IUT: so they
 * depend on the seed alone, and run i is the same whether runs 0 .. i-1 ran before it, beside it or elsewhere.
 */
export class Weights {
  private readonly counts = new Map<string, number>();
  private done = 0;

  constructor(
    private readonly plan: RunPlan,
    private readonly caps: Capabilities,
    private readonly profile: Profile,
    private readonly slow: boolean,
    private readonly grid = false,
  ) {}

  /** The weights run i is generated with. The map is the plan's own: read it before asking for a later run. */
  before(i: number): ReadonlyMap<string, number> {
    while (this.done < i) this.shadow(this.plan.args(this.done++));
    return this.counts;
  }

  /** How many runs the weights have counted so far. */
  get counted(): number {
    return this.done;
  }

  /** A copy of the weights of run i, for a run that is still going when later runs are planned. */
  snapshot(i: number): ReadonlyMap<string, number> {
    return new Map(this.before(i));
  }

  private shadow(a: RunArgs): void {
    for (const k of shadowRun(a, this.caps, this.profile, this.counts, this.slow, this.grid))
      this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
  }
}

/**
 * The shadow of one run: the menu items it chooses with these weights, against the model taking, where several
 * outcomes are allowed, one picked by the run's own random stream (like the model adapter), so that the shadow
 * goes where an IUT may go (retransmissions, delayed ACKs), not only down the first. Adding them to the weights
 * gives the next run's.
 */
export function shadowRun(
  a: RunArgs,
  caps: Capabilities,
  profile: Profile,
  counts: ReadonlyMap<string, number>,
  slow: boolean,
  grid = false,
): string[] {
  const used: string[] = [];
  const source = menuSource(a, caps, profile, counts, used, slow, grid);
  const realClock = caps.clock === 'real';
  let rng = a.runSeed >>> 0;
  let t = closedTcb();
  for (let i = 0; ; i++) {
    const k = used.length;
    const input: Input | null = source(t, i);
    if (input === null) break;
    const item = used[k];
    const concrete = toConcrete(input, t, a.peerIss);
    if (profile.crashesOn?.(t, concrete) != null) continue;
    const outcomes = step(t, concrete, profile, {
      iss: initialSequenceNumber(a.runSeed, t.incarnation, t.now),
      realClock,
    });
    rng = mix32(rng + 0x6d2b79f5);
    const o = outcomes[rng % outcomes.length];
    if (grid) {
      if (concrete.kind === 'wait') used.push(...waitCells(t, o.rules, profile));
      // Where the item led: the grid's bias towards states with untried cells reads it (gridItemsOf).
      if (o.tcb.state !== t.state) used.push(`${item}>${o.tcb.state}`);
    }
    t = o.tcb;
  }
  return used;
}
