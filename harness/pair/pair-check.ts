// The pair topology (issue 3): two IUT endpoints joined by a network the harness controls. Each endpoint is
// held in lockstep with its own model; over the whole run three end-to-end properties must hold:
//  - application data arrives in order, exactly once, or the connection reports an error;
//  - once the network is quiet and the timers have run out, the two states are ones the RFC allows together;
//  - an endpoint that closed first (entered FIN-WAIT-1) passes through TIME-WAIT.
import fc from 'fast-check';
import { Adapter } from '../../adapters/types';
import { ConcreteInput } from '../../models/input';
import { Profile } from '../../models/profile';
import { stateName } from '../../models/state';
import { Coverage, CoverageReport, coverageReport } from '../coverage';
import { judgement } from '../counterexample';
import { PairDrawnStep, pairDivergenceLines, pairTraceLines } from '../report/notation';
import { CheckedEndpoint } from './endpoint';
import { endToEnd } from './properties';
import { FaultRates, Network, Side } from './network';

export interface PairOptions {
  makeAdapter: () => Adapter | Promise<Adapter>;
  profile: Profile;
  runs: number;
  seed: number;
  rates: FaultRates;
  maxActions?: number;
  onProgress?: (runsDone: number, runsTotal: number, events: number) => void;
}

export interface PairArgs {
  seedA: number;
  seedB: number;
  actions: number[];
  fates: number[];
}

export interface PairFailure {
  property: 'lockstep' | 'data' | 'states' | 'timeWait';
  message: string;
  args: PairArgs;
  /** The run drawn as RFC 793's two-column figures are (harness/report/notation.ts), a numbered line an event. */
  trace: string[];
}

export interface PairResult {
  adapter: string;
  profile: string;
  topology: 'pair';
  rates: FaultRates;
  seed: number;
  runs: number;
  events: number;
  divergences: PairFailure[];
  coverage: CoverageReport;
  elapsedMs: number;
  eventsPerSecond: number;
}

const ACTIONS = [
  'deliver',
  'deliver',
  'deliver',
  'deliverLast',
  'A.send',
  'B.send',
  'A.receive',
  'B.receive',
  'wait.short',
  'A.close',
  'B.close',
  'wait.rto',
] as const;

interface RunOutcome {
  failure: Omit<PairFailure, 'args'> | null;
  events: number;
}

function runPair(
  a: CheckedEndpoint,
  b: CheckedEndpoint,
  args: PairArgs,
  rates: FaultRates,
  keepTrace: boolean,
): RunOutcome {
  const net = new Network(rates, args.fates);
  const steps: PairDrawnStep[] = [];
  let events = 0;
  const ep = (s: Side) => (s === 'A' ? a : b);
  const other = (s: Side): Side => (s === 'A' ? 'B' : 'A');
  const apply = (s: Side, input: ConcreteInput): boolean => {
    const e = ep(s);
    const obs = e.apply(input);
    events++;
    const logged = net.log.length;
    net.send(s, obs.segments);
    if (keepTrace) {
      // The network logs each segment as sent, then what befell it: a drop follows the send it dropped.
      const lost: boolean[] = [];
      for (const x of net.log.slice(logged))
        if (x.kind === 'sent') lost.push(false);
        else if (x.kind === 'dropped') lost[lost.length - 1] = true;
      steps.push({ at: s, concrete: input, observed: obs, state: e.state, lost });
    }
    return e.divergence === null;
  };
  const waitBoth = (ms: number): boolean => apply('A', { kind: 'wait', ms }) && apply('B', { kind: 'wait', ms });
  const deliver = (index: number): boolean => {
    const x = net.take(index);
    return x ? apply(other(x.from), { kind: 'segment', segment: x.segment }) : true;
  };
  const lockstepFailure = (): RunOutcome => {
    const s: Side = a.divergence ? 'A' : 'B';
    const e = ep(s);
    const d = e.divergence!;
    const judged = judgement(e.profile.name, { ...d, concrete: d.input });
    // The input that diverged is drawn on its own row, with "???" for the state, under the run before it.
    const before = steps.slice(0, -1);
    const diverged = steps[steps.length - 1];
    const trace = keepTrace ? pairDivergenceLines(before, diverged, judged, e.adapter.capabilities) : [];
    const at = keepTrace ? ` at line ${pairTraceLines(before).length}` : '';
    const rule = `rule ${judged.rule} (${judged.citation})`;
    return {
      failure: {
        property: 'lockstep',
        message: `endpoint ${s} left the model in ${stateName(d.stateBefore)}${at}: ${rule}`,
        trace,
      },
      events,
    };
  };

  let ok =
    apply('B', { kind: 'call', call: 'open', mode: 'passive' }) &&
    apply('A', { kind: 'call', call: 'open', mode: 'active' });
  let n = 0;
  for (const choice of args.actions) {
    if (!ok) break;
    const act = ACTIONS[choice % ACTIONS.length];
    n++;
    switch (act) {
      case 'deliver':
        ok = deliver(0);
        break;
      case 'deliverLast':
        ok = deliver(net.queue.length - 1);
        break;
      case 'A.send':
      case 'B.send':
        ok = apply(act[0] as Side, { kind: 'call', call: 'send', data: `${act[0]}${n}.` });
        break;
      case 'A.receive':
      case 'B.receive':
        ok = apply(act[0] as Side, { kind: 'call', call: 'receive' });
        break;
      case 'A.close':
      case 'B.close':
        ok = apply(act[0] as Side, { kind: 'call', call: 'close' });
        break;
      case 'wait.short':
        ok = waitBoth(200);
        break;
      case 'wait.rto':
        ok = waitBoth(1500);
        break;
    }
  }
  // Let the network fall quiet and every timer run out, reading whatever arrives.
  net.stopFaults();
  for (let i = 0; ok && i < 2000; i++) {
    if (net.queue.length > 0) {
      ok = deliver(0);
      continue;
    }
    ok = apply('A', { kind: 'call', call: 'receive' }) && apply('B', { kind: 'call', call: 'receive' });
    if (!ok || net.queue.length > 0) continue;
    const deadlines = [a.deadline(), b.deadline()].filter((d): d is number => d !== null);
    if (deadlines.length === 0) break;
    ok = waitBoth(Math.max(1, Math.min(...deadlines)));
  }
  if (!ok) return lockstepFailure();

  const verdict = endToEnd(a, b, net.lostReset);
  return { failure: verdict ? { ...verdict, trace: keepTrace ? pairTraceLines(steps) : [] } : null, events };
}

/** One run of the pair topology on two in-process adapters, from the seeds, actions and fates that decide it. */
function pairCase(
  a: Adapter,
  b: Adapter,
  profile: Profile,
  rates: FaultRates,
  args: PairArgs,
  keepTrace: boolean,
  cov: Coverage | null,
): RunOutcome {
  a.reset({ profile: profile.name, seed: args.seedA });
  b.reset({ profile: profile.name, seed: args.seedB });
  return runPair(new CheckedEndpoint(a, profile, cov), new CheckedEndpoint(b, profile, cov), args, rates, keepTrace);
}

/** The run a pair counterexample records, run again: the property it breaks now, with its trace, or null. */
export async function replayPairCase(
  o: Pick<PairOptions, 'makeAdapter' | 'profile' | 'rates'>,
  args: PairArgs,
): Promise<Omit<PairFailure, 'args'> | null> {
  const a = await o.makeAdapter();
  const b = await o.makeAdapter();
  try {
    if (!a.synchronous || !b.synchronous) throw new Error('the pair topology needs an in-process adapter');
    return pairCase(a, b, o.profile, o.rates, args, true, null).failure;
  } finally {
    await a.dispose();
    await b.dispose();
  }
}

export async function runPairCheck(o: PairOptions): Promise<PairResult> {
  const start = performance.now();
  const a = await o.makeAdapter();
  const b = await o.makeAdapter();
  if (!a.synchronous || !b.synchronous)
    throw new Error('the pair topology needs an in-process adapter (model or simulator)');
  const coverage = new Coverage();
  let events = 0;
  let runsDone = 0;
  let frozen = false;
  const once = (args: PairArgs, keepTrace: boolean, cov: Coverage | null) =>
    pairCase(a, b, o.profile, o.rates, args, keepTrace, cov);
  const arb = fc.record({
    seedA: fc.nat(),
    seedB: fc.nat(),
    actions: fc.array(fc.nat(), { maxLength: o.maxActions ?? 30, size: 'max' }),
    fates: fc.array(fc.nat(), { maxLength: 40, size: 'max' }),
  });
  const details = fc.check(
    fc.property(arb, (args) => {
      const r = once(args, false, frozen ? null : coverage);
      events += r.events;
      if (!frozen) {
        runsDone++;
        o.onProgress?.(runsDone, o.runs, events);
      }
      if (r.failure) frozen = true;
      return r.failure === null;
    }),
    { seed: o.seed, numRuns: o.runs },
  );
  const divergences: PairFailure[] = [];
  if (details.failed && details.counterexample) {
    const [args] = details.counterexample as [PairArgs];
    const r = once(args, true, null);
    if (r.failure) divergences.push({ ...r.failure, args });
  }
  await a.dispose();
  await b.dispose();
  const elapsedMs = performance.now() - start;
  return {
    adapter: a.name,
    profile: o.profile.name,
    topology: 'pair',
    rates: o.rates,
    seed: o.seed,
    runs: runsDone,
    events,
    divergences,
    coverage: coverageReport(coverage, o.profile, a.capabilities),
    elapsedMs: Math.round(elapsedMs),
    eventsPerSecond: Math.round(events / (elapsedMs / 1000)),
  };
}
