// `tcpconform merge FILES...`: the --json reports of a check's parts (--shard i/n), joined into the report of the
// whole check (harness/merge.ts), with the same outputs and exit codes as `check`.
import * as fs from 'fs';
import { Counterexample, concreteFromJson } from '../counterexample';
import { gateSpecOf } from '../coverage-gate';
import { MergeError, PartJson, mergeParts } from '../merge';
import { counterexampleLines, recordedTrace } from '../report/notation';
import { reportCheck } from './check-command';
import { ReportFlags } from './check-reports';
import { UsageError } from './exit-codes';
import { checkOutputDirectory, checkOutputFile } from './outputs';
import { profileNamed } from './options';
import { EXIT_OF } from './verdict';

export interface MergeFlags {
  profile?: string;
  json?: boolean;
  junit?: string;
  outDir: string;
  minStates?: string;
  minRules?: string;
}

/** A part's report: the file as one JSON object, or the last line of a check's stdout with --json. */
function readPart(file: string): PartJson {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  for (const candidate of [text, lines[lines.length - 1] ?? '']) {
    try {
      const v = JSON.parse(candidate);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as PartJson;
    } catch {
      // try the last line next
    }
  }
  throw new UsageError(`${file} is not the --json report of a check`);
}

export async function mergeCommand(files: string[], flags: MergeFlags): Promise<number> {
  if (flags.junit) checkOutputFile('--junit', flags.junit);
  checkOutputDirectory('--out-dir', flags.outDir);
  const gateSpec = gateSpecOf(flags);
  const parts = files.map((file) => ({ file, json: readPart(file) }));
  const profile = profileNamed(flags.profile ?? String(parts[0]?.json.profile ?? ''));
  let merged;
  try {
    merged = mergeParts(parts, profile);
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
  const caps = parts[0].json.shard!.capabilities;
  const render = async (cx: Counterexample, replay: string) =>
    cx.trace && cx.sent
      ? counterexampleLines(cx, recordedTrace(cx.trace), concreteFromJson(cx.sent), replay, caps)
      : [`counterexample ${cx.file ?? ''} (no trace recorded)`, `  replay: ${replay}`];
  const reports: ReportFlags = { json: flags.json, junit: flags.junit };
  const id = { adapter: merged.adapter, profile: profile.name, ...(merged.mutant ? { mutant: merged.mutant } : {}) };
  const verdict = await reportCheck(merged, {
    id: { ...id, seed: merged.seed },
    profile,
    flags: { outDir: flags.outDir, json: flags.json, profile: flags.profile ?? profile.name },
    reports,
    gateSpec,
    render,
  });
  return EXIT_OF[verdict];
}
