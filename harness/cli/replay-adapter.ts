// What a replay runs: the adapter --adapter names, else the one the file records, never another; and the
// command line that repeats it.
import * as path from 'path';
import { ADAPTERS, findAdapter } from '../../adapters/registry';
import { shellWord } from '../report/shell-word';
import { UsageError } from './exit-codes';

/** The adapter to run: the one named, else the one recorded, which must be one this tcpconform knows. */
export function replayAdapter(file: string, recorded: string, recordedFile?: string, named?: string): string {
  if (named) return named;
  if (!findAdapter(recorded)) {
    const known = ADAPTERS.map((a) => a.name).join(', ');
    throw new UsageError(`${file} records unknown adapter "${recorded}" (known: ${known}); name one with --adapter`);
  }
  // Files from before the adapter was recorded faithfully hold a process IUT's own name ("simulator" for
  // `serve`); their file name still says "process-". Running the name recorded would replay another IUT.
  if (recorded !== 'process' && recordedFile && path.basename(recordedFile).startsWith('process-'))
    throw new UsageError(
      `${file} was found through the process adapter but records "${recorded}" (an older tcpconform); ` +
        'replay it with --adapter process --cmd "<command>"',
    );
  return recorded;
}

/** The seeded bug to inject: the one --mutant names, none with --no-mutant, else the recorded one when the
 *  recorded adapter runs (it belongs to that adapter). */
export function replayMutant(
  flag: string | boolean | undefined,
  adapter: string,
  recorded: { adapter: string; mutant?: string },
) {
  if (typeof flag === 'string') return flag;
  if (flag === false) return undefined;
  return adapter === recorded.adapter ? recorded.mutant : undefined;
}

/** `npx tcpconform replay FILE` with the flags that made this replay differ from the recorded run. */
export function replayLine(
  file: string,
  flags: { adapter?: string; cmd?: string; profile?: string },
  mutant?: string,
  recordedMutant?: string,
) {
  const words = ['npx', 'tcpconform', 'replay', file];
  if (flags.adapter) words.push('--adapter', flags.adapter);
  if (flags.cmd) words.push('--cmd', flags.cmd);
  // A profile loaded from a file is recorded by its name only: the file is named again.
  if (flags.profile) words.push('--profile', flags.profile);
  if (mutant !== recordedMutant) words.push(...(mutant ? ['--mutant', mutant] : ['--no-mutant']));
  return words.map(shellWord).join(' ');
}
