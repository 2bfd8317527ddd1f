// The verdict of a command, named once: the exit code, the "verdict" field of --json and the type of a JUnit
// <error> all come from here, so they cannot disagree.
import { AdapterConfigError, AdapterFailure, AdapterUnavailable } from '../../adapters/types';
import { EXIT, UsageError } from './exit-codes';

export type Verdict =
  | 'conformant'
  | 'divergence'
  | 'coverage-below-gate'
  | 'usage'
  | 'adapter-unavailable'
  | 'adapter-failed'
  | 'internal-error';

export const EXIT_OF: Record<Verdict, number> = {
  conformant: EXIT.conformant,
  divergence: EXIT.divergence,
  'coverage-below-gate': EXIT.coverageBelowGate,
  usage: EXIT.usage,
  'adapter-unavailable': EXIT.adapterUnavailable,
  'adapter-failed': EXIT.adapterFailed,
  'internal-error': EXIT.internal,
};

export function verdictOfError(e: unknown): Verdict {
  if (e instanceof UsageError || e instanceof AdapterConfigError) return 'usage';
  if (e instanceof AdapterUnavailable) return 'adapter-unavailable';
  if (e instanceof AdapterFailure) return 'adapter-failed';
  // The simulator's and the profiles' own lookups throw plain errors.
  if (e instanceof Error && /^unknown (mutant|profile)/.test(e.message)) return 'usage';
  return 'internal-error';
}

export function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}
