// The adapter interface: how the harness reaches an IUT (docs/design.md §1, adapters/README.md).
import { CallName, ConcreteInput } from '../models/input';
import { Observation } from '../models/observation';

export interface Capabilities {
  /** User calls the IUT supports. Inputs outside this list are never generated. */
  calls: CallName[];
  /** Accepts crafted peer segments (tester-as-peer topology). */
  segments: boolean;
  /** Reports its connection state with every observation. */
  state: boolean;
  /** Reports asynchronous signals (connection reset, closing, ...). */
  signals: boolean;
  /** 'virtual': time passes only by 'wait' inputs and is checked exactly; 'real': waits are real time. */
  clock: 'virtual' | 'real';
  /** Extra abilities some specs need, e.g. 'openActiveFromListen', 'sendFromListen', 'backlog', or the generator
   *  offers, e.g. 'openActiveAgain' (OPEN active on a live connection, made on the connection itself). */
  features?: string[];
}

/** Everything an adapter needs to set up one run. */
export interface RunSetup {
  /** Profile name the run is checked against; adapters that emulate a profile follow it. */
  profile: string;
  /** Per-run seed: an adapter's own randomness (ISN choice, ...) must come from it, for reproducibility. */
  seed: number;
}

export interface Adapter {
  readonly name: string;
  readonly capabilities: Capabilities;
  /** True when reset/apply return plain values, never promises: the harness then runs without awaiting. */
  readonly synchronous: boolean;
  /** Start a fresh run: a new endpoint with no TCB (CLOSED), nothing in flight, its clock at 0. */
  reset(setup: RunSetup): void | Promise<void>;
  /** Perform one input and report what the IUT did. */
  apply(input: ConcreteInput): Observation | Promise<Observation>;
  /** Release everything (processes, namespaces, devices). Called once, on every exit path. */
  dispose(): void | Promise<void>;
  /** Real-time adapters: the wall-clock time spent so far in 'wait' inputs, in ms (reports separate the
   *  time an IUT's timers take from the time the harness and the IUT spend processing). */
  readonly waitedMs?: number;
  /**
   * Another endpoint of the same IUT, independent of this one (its own addresses and connection), for runs side
   * by side (--jobs). Adapters that cannot share their IUT leave it out: the harness then opens another adapter.
   * A lane is disposed before the adapter it was made from.
   */
  lane?(): Adapter | Promise<Adapter>;
  /** Facts about the IUT that change its behaviour (kernel version, sysctls, library version), read at start
   *  and recorded in the check's JSON as `iut`. */
  describeIut?(): Record<string, string> | Promise<Record<string, string>>;
}

/** Raised when an adapter cannot run on this machine (missing privilege, library, binary): exit code 3. */
export class AdapterUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterUnavailable';
  }
}

/** Raised when an adapter is asked for with options it cannot use (a missing --cmd, say): exit code 2. */
export class AdapterConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdapterConfigError';
  }
}

/** Raised when an adapter misbehaves during a run (protocol error, crash, timeout). */
export class AdapterFailure extends Error {
  /** Set when the IUT itself died ('exit') or stopped answering ('hang') on an input of a run: a finding about
   *  the IUT, reported as a divergence, not a failure of the adapter. */
  crashed?: 'exit' | 'hang';
  /** The run's inputs and what the IUT answered, up to the input that failed (filled in by the driver). */
  trace?: { concrete: ConcreteInput; observed: Observation }[];
  /** The input the adapter failed on. */
  failedInput?: ConcreteInput;
  constructor(message: string) {
    super(message);
    this.name = 'AdapterFailure';
  }
}

export interface AdapterOptions {
  profile: string;
  /** A seeded bug to inject (simulator mutants). */
  mutant?: string;
  /** External command (process adapter). */
  cmd?: string;
  /** Enable specs/behaviour that need long real-time waits. */
  slow?: boolean;
}

export type AdapterFactory = (options: AdapterOptions) => Adapter | Promise<Adapter>;
