// A scenario (docs/scenarios.md): one fixed run written down by hand, inputs with optional expectations per step.
// Inputs are symbolic like the generator's, so a scenario keeps its meaning whatever ISN the IUT picks;
// expectations are written in numbers relative to each side's ISN, as packetdrill writes them.
import { Input } from '../../models/input';
import { CallError, Signal } from '../../models/observation';
import { State } from '../../models/state';

/** A segment the IUT is expected to send: SEQ relative to the IUT's ISS (absolute before it has one), ACK
 *  relative to the tester's ISS; '*' is "don't care". Windows and options are the IUT's own choice and are not
 *  compared, as in the conformance relation (docs/design.md §3). */
export interface SegmentPattern {
  /** Control bits without PSH, which the relation does not compare either. */
  ctl: number;
  seq: number | '*';
  len: number | '*';
  /** Present when the pattern names an ACK value; a pattern with ACK set and no value accepts any. */
  ack?: number | '*';
  data?: string;
}

export type ResultPattern = { ok: true; data?: string } | { ok: false; error: CallError };

export interface Expectation {
  /** Exactly these segments, in order ([] for `> none`); absent: not checked. */
  segments?: SegmentPattern[];
  state?: State;
  result?: ResultPattern;
  /** Exactly these signals; absent: not checked. */
  signals?: Signal[];
}

/** The source line each expectation was written on, for messages. */
export type ExpectationLines = { [K in keyof Expectation]?: number };

export interface ScenarioStep {
  /** The line the input was written on. */
  line: number;
  input: Input;
  expect: Expectation;
  lines: ExpectationLines;
}

export interface Scenario {
  /** Where it was read from (for messages). */
  file: string;
  title?: string;
  /** The profile its expectations are written for; `run --profile` overrides it. */
  profile?: string;
  /** The tester's ISS (default 1000): inbound SEQ numbers are relative to it. */
  peerIss: number;
  /** The IUT's run seed (default 1): a seeded IUT picks the same ISN from the same seed. */
  seed: number;
  steps: ScenarioStep[];
}

export const DEFAULT_PEER_ISS = 1000;
export const DEFAULT_SEED = 1;
