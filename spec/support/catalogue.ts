// The specs' declarations, learned without running them: in catalogue mode (no Jest, or a loader asking),
// suite() records which rules each spec checks here instead of defining tests (harness/spec-catalogue.ts).
import type { RuleId } from '../../models/profiles';

export interface SpecEntry {
  /** The spec file, as in the sources: spec/handshake.spec.ts */
  file: string;
  suite: string;
  spec: string;
  rules: readonly RuleId[];
}

const entries: SpecEntry[] = [];
let file: string | null = null;

/** While a loader requires a spec file: suite() records into the catalogue under this file's name. */
export function cataloguing(f: string | null): void {
  file = f;
}

/** Whether suite() must only record (a loader asked, or no test framework defines `describe`). */
export function inCatalogueMode(): boolean {
  return file !== null || typeof describe !== 'function';
}

export function record(suite: string, spec: string, rules: readonly RuleId[]): void {
  entries.push({ file: file ?? '(unknown file)', suite, spec, rules });
}

/** Everything recorded so far, in the order the specs were declared. */
export function recorded(): readonly SpecEntry[] {
  return entries;
}
