// The name of a counterexample file. Two checks of different IUTs must not overwrite each other's files, so a
// process IUT is named by what it says it is and by a short hash of its command: every `--cmd` used to give the
// same `process-<profile>-...` name.
import { createHash } from 'crypto';
import * as path from 'path';
import type { Counterexample } from '../counterexample';

/** A short, stable digest of the command: the same IUT gets the same name from run to run. */
export function cmdDigest(cmd: string): string {
  return createHash('sha256').update(cmd).digest('hex').slice(0, 8);
}

/** Letters, digits, dots and dashes only, short: safe in any file system and easy to type. */
function sanitised(name: string): string {
  return name
    .replace(/[^A-Za-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
}

export function counterexampleFile(outDir: string, cx: Counterexample): string {
  const iut =
    cx.cmd !== undefined ? [cx.iutName ? sanitised(cx.iutName) : '', cmdDigest(cx.cmd)].filter(Boolean).join('-') : '';
  const parts = [cx.adapter, iut, cx.profile, cx.mutant ?? '', `seed${cx.seed}`, cx.divergence.rule].filter(Boolean);
  return path.join(outDir, parts.join('-') + '.json');
}
