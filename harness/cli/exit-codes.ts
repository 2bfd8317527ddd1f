// Exit codes CI scripts can rely on.
export const EXIT = {
  conformant: 0,
  divergence: 1,
  usage: 2,
  adapterUnavailable: 3,
  adapterFailed: 4,
  /** No new divergence, but coverage fell short of --min-states or --min-rules (harness/coverage-gate.ts). */
  coverageBelowGate: 5,
  internal: 70,
} as const;

/** Bad flags, arguments or input files: one line on stderr, exit 2. */
export class UsageError extends Error {}
