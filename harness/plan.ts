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
import { Weights as MenuWeights, WeightedMenu } from './choose';
import { InputSource, toConcrete } from './lockstep';
import { staticItems, waitItems } from './menu';

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
): InputSource {
  const realTime = caps.clock === 'real' ? { slow } : null;
  // Calls the profile does not define are not generated (the half-duplex close is RFC 9293's).
  const menuCaps = profile.features.has('halfDuplexClose')
    ? caps
    : { ...caps, calls: caps.calls.filter((c) => c !== 'close.halfDuplex') };
  const weighted = new WeightedMenu(counts);
  return (t, i) => {
    if (i >= args.choices.length) return null;
    const item = weighted.choose(
      t.state,
      () => staticItems(t, menuCaps),
      waitItems(t, pendingOf(t, profile), realTime),
      args.choices[i],
    );
    used?.push(item.key);
    return item.input;
  };
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
    for (const k of shadowRun(a, this.caps, this.profile, this.counts, this.slow))
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
): string[] {
  const used: string[] = [];
  const source = menuSource(a, caps, profile, counts, used, slow);
  const realClock = caps.clock === 'real';
  let rng = a.runSeed >>> 0;
  let t = closedTcb();
  for (let i = 0; ; i++) {
    const input: Input | null = source(t, i);
    if (input === null) break;
    const concrete = toConcrete(input, t, a.peerIss);
    if (profile.crashesOn?.(t, concrete) != null) continue;
    const outcomes = step(t, concrete, profile, {
      iss: initialSequenceNumber(a.runSeed, t.incarnation, t.now),
      realClock,
    });
    rng = mix32(rng + 0x6d2b79f5);
    t = outcomes[rng % outcomes.length].tcb;
  }
  return used;
}
