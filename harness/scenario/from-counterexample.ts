// A counterexample as a scenario (docs/scenarios.md): its shrunk inputs, each step before the divergence
// expecting what the IUT did there (which the model allowed), and the step that diverged expecting what the
// model expected. Run on the IUT it fails where the check found it; run on the model it passes.
import { CallResult } from '../../models/observation';
import { ACK, CTL_COMPARED, SYN, Segment, SegmentJson, segmentFromJson } from '../../models/segment';
import { State } from '../../models/state';
import { Counterexample, OutcomeJson, parseCounterexample } from '../counterexample';
import { relative } from './expect';
import { Expectation, Scenario, ScenarioStep, SegmentPattern } from './scenario';
import { scenarioText } from './text';

function patterns(segs: readonly SegmentJson[], iss: { v: number | null }, peerIss: number): SegmentPattern[] {
  return segs.map(segmentFromJson).map((s: Segment) => {
    if (iss.v === null && s.ctl & SYN) iss.v = s.seq;
    const p: SegmentPattern = { ctl: s.ctl & CTL_COMPARED, seq: relative(s.seq, iss.v ?? 0), len: s.data.length };
    if (p.ctl & ACK) p.ack = relative(s.ack, peerIss);
    if (s.data) p.data = s.data;
    return p;
  });
}

function expectation(
  o: { segments: SegmentJson[]; state?: State; result?: CallResult },
  state: State | undefined,
  iss: { v: number | null },
  peerIss: number,
): Expectation {
  const e: Expectation = { segments: patterns(o.segments, iss, peerIss) };
  if (state) e.state = state;
  if (o.result) e.result = o.result;
  return e;
}

/** The expected outcome the report blames: the one whose last rule is the rule at fault. */
function blamed(cx: Counterexample): OutcomeJson | undefined {
  const e = cx.divergence.expected;
  return e.find((o) => o.rules[o.rules.length - 1] === cx.divergence.rule) ?? e[0];
}

export function counterexampleScenario(cx: Counterexample): Omit<Scenario, 'file'> {
  const { inputs } = parseCounterexample(cx);
  const iss = { v: null as number | null };
  const steps: ScenarioStep[] = inputs.map((input) => ({ line: 0, input, expect: {}, lines: {} }));
  const trace = cx.trace ?? [];
  // The trace holds one entry per input the run played; inputs a profile's crashesOn left out have none.
  if (trace.length === steps.length - 1)
    trace.forEach((t, i) => (steps[i].expect = expectation(t.observed, t.observed.state ?? t.state, iss, cx.peerIss)));
  const want = blamed(cx);
  if (want) steps[steps.length - 1].expect = expectation(want, want.state, iss, cx.peerIss);
  return { title: undefined, profile: cx.profile, peerIss: cx.peerIss, seed: cx.runSeed, steps };
}

/** The scenario file of a counterexample, with comments saying where it came from. */
export function counterexampleTcs(cx: Counterexample): string {
  const sc = counterexampleScenario(cx);
  const d = cx.divergence;
  return scenarioText({ ...sc, title: `${cx.adapter}${cx.mutant ? ` (${cx.mutant})` : ''}: ${d.rule}` }, [
    `tcpconform counterexample: ${cx.adapter}, profile ${cx.profile}, seed ${cx.seed}`,
    `The last step diverged: rule ${d.rule}${d.citation ? `, ${d.citation}` : ''}.`,
    'That step expects what the model expected there; each step before it expects what the IUT did (which',
    'the model allowed).',
    `Run it with: tcpconform run THIS.tcs --adapter ${cx.adapter}${cx.mutant ? ` --mutant ${cx.mutant}` : ''}` +
      (cx.cmd !== undefined ? ` --cmd ${JSON.stringify(cx.cmd)}` : ''),
  ]);
}

/** The scenario beside a counterexample file: the same name, ending .tcs. */
export const tcsFileOf = (counterexampleFile: string): string => counterexampleFile.replace(/(\.json)?$/, '.tcs');
