// A pair-topology counterexample on disk: not a sequence of inputs to one IUT (as in harness/counterexample.ts)
// but the seeds, actions and network fates that decide one run of two endpoints, with the fault rates they
// were drawn under. Replaying it runs that one case again.
import { BadCounterexample, COUNTEREXAMPLE_VERSION } from '../counterexample';
import { FaultRates } from './network';
import { PairArgs, PairFailure } from './pair-check';

export interface PairCounterexample extends PairFailure {
  tcpconform: number;
  topology: 'pair';
  /** The adapter both endpoints ran, by its registry name. */
  adapter: string;
  profile: string;
  mutant?: string;
  seed: number;
  rates: FaultRates;
  file?: string;
}

export function makePairCounterexample(
  base: { adapter: string; profile: string; mutant?: string; seed: number; rates: FaultRates },
  f: PairFailure,
): PairCounterexample {
  const { mutant, ...rest } = base;
  return { tcpconform: COUNTEREXAMPLE_VERSION, topology: 'pair', ...rest, ...(mutant ? { mutant } : {}), ...f };
}

export function isPairFile(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && (raw as { topology?: unknown }).topology === 'pair';
}

const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
const isRate = (x: unknown): x is number => typeof x === 'number' && x >= 0 && x <= 1;

/** Validate a parsed pair counterexample; throws BadCounterexample with one line saying what is wrong. */
export function parsePairCounterexample(raw: unknown): PairCounterexample {
  const o = raw as Record<string, unknown>;
  if (o.tcpconform !== COUNTEREXAMPLE_VERSION)
    throw new BadCounterexample(
      `not a tcpconform counterexample (version ${COUNTEREXAMPLE_VERSION} expected in "tcpconform")`,
    );
  if (typeof o.adapter !== 'string' || typeof o.profile !== 'string')
    throw new BadCounterexample('"adapter" and "profile" must be strings');
  if (o.mutant !== undefined && typeof o.mutant !== 'string') throw new BadCounterexample('"mutant" must be a string');
  const r = o.rates as Record<string, unknown> | undefined;
  if (!r || typeof r !== 'object' || !isRate(r.loss) || !isRate(r.dup) || !isRate(r.reorder))
    throw new BadCounterexample('a pair counterexample needs "rates": {loss, dup, reorder}, each from 0 to 1');
  const a = o.args as Record<string, unknown> | undefined;
  const nats = (x: unknown) => Array.isArray(x) && x.every(isNat);
  if (!a || typeof a !== 'object' || !isNat(a.seedA) || !isNat(a.seedB) || !nats(a.actions) || !nats(a.fates))
    throw new BadCounterexample(
      'a pair counterexample needs "args": {seedA, seedB, actions, fates} of non-negative integers',
    );
  return o as unknown as PairCounterexample;
}

/** The pair run's arguments, checked above. */
export function pairArgs(cx: PairCounterexample): PairArgs {
  return { seedA: cx.args.seedA, seedB: cx.args.seedB, actions: [...cx.args.actions], fates: [...cx.args.fates] };
}
