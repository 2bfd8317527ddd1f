// What an IUT did in response to one input (docs/design.md §1).
import { Segment } from './segment';
import { State } from './state';

/** The error answers of RFC 793 §3.9 / RFC 9293 §3.10, in their words. */
export type CallError =
  | 'connection does not exist'
  | 'connection already exists'
  | 'connection closing' // also: end of data after the peer's FIN (EOF)
  | 'connection reset'
  | 'connection refused'
  | 'foreign socket unspecified'
  | 'insufficient resources';

/** Every error answer, in RFC 9293's words. */
export const CALL_ERRORS: readonly CallError[] = [
  'connection does not exist',
  'connection already exists',
  'connection closing',
  'connection reset',
  'connection refused',
  'foreign socket unspecified',
  'insufficient resources',
];

/**
 * The answer to a user call. A failure is in RFC 9293's words (`error`, what every profile compares); `errno` is
 * the implementation's own name for it, verbatim, where the adapter reports one (Linux: the errno's name, or `EOF`
 * for a read that returned 0 at end of file) and where a profile predicts one. It is compared only when both the
 * outcome and the observation carry it (harness/match.ts).
 */
export type CallResult = { ok: true; data?: string } | { ok: false; error: CallError; errno?: string };

/** Asynchronous reports to the user (RFC 9293 §3.9.1.8). */
export type Signal =
  | 'connection reset'
  | 'connection refused'
  | 'connection closing' // the peer's FIN arrived
  | 'connection aborted due to user timeout';

/** Every signal. */
export const SIGNALS: readonly Signal[] = [
  'connection reset',
  'connection refused',
  'connection closing',
  'connection aborted due to user timeout',
];

export interface Observation {
  /** Segments the IUT emitted, in order. An empty list is an observation too. */
  segments: Segment[];
  /** The answer to a user call; absent for segments and waits. */
  result?: CallResult;
  /** Asynchronous reports, where the adapter can observe them. */
  signals?: Signal[];
  /** The IUT's state after the input, where observable. */
  state?: State;
  /**
   * Real-time adapters, for a wait: how long it really took, in whole ms. A busy machine wakes a wait late, and
   * the IUT's timers ran on for that long: the model waits as long (docs/design.md §3).
   */
  elapsedMs?: number;
  /**
   * Real-time adapters, for any other input: how long, in whole ms, the IUT ran on its own since the observation
   * before (the harness at work on this and other lanes). Its timers ran on that long too: the model waits as
   * long before it takes the input (harness/lockstep.ts).
   */
  idleMs?: number;
  /**
   * The IUT died or stopped answering on this input (a process IUT's exit, signal or silence): never an allowed
   * outcome, so the run diverges here and is shrunk like any divergence. `how` is the adapter's one-line account,
   * `stderr` the IUT's last lines (a Go panic, an assertion).
   */
  crash?: { how: string; hang: boolean; stderr: string[] };
}
