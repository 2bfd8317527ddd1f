// `tcpconform replay FILE`: re-run one counterexample, step by step, and say whether it still diverges.
// It runs the adapter the file records, or the one --adapter names, and never any other: a replay that quietly
// ran the bug-free simulator in place of the IUT that failed would be a false pass.
import * as fs from 'fs';
import { BadCounterexample, Counterexample, makeCounterexample, parseCounterexample } from '../counterexample';
import { fixedSource, runOnce } from '../check';
import { Input } from '../../models/input';
import { counterexampleLines, divergedLine, traceLines } from '../report/notation';
import { openAdapter } from './check-command';
import { EXIT, UsageError } from './exit-codes';
import { profileNamed } from './options';
import { replayAdapter, replayLine, replayMutant } from './replay-adapter';
import { isPairFile, parsePairCounterexample } from '../pair/pair-counterexample';
import { replayPairCommand } from './pair-replay';

export interface ReplayFlags {
  adapter?: string;
  /** A profile other than the one recorded, or the file a recorded profile was loaded from. */
  profile?: string;
  json?: boolean;
  cmd?: string;
  mutant?: string | boolean;
}

export function readCounterexampleFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(
      `cannot read counterexample file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

const print = (...lines: string[]) => process.stdout.write(lines.join('\n') + '\n');

export function parsed<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof BadCounterexample) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

export async function replayCommand(file: string, flags: ReplayFlags): Promise<number> {
  const raw = readCounterexampleFile(file);
  if (isPairFile(raw))
    return replayPairCommand(
      file,
      parsed(file, () => parsePairCounterexample(raw)),
      flags,
    );
  const { cx, inputs } = parsed(file, () => parseCounterexample(raw));
  return replayPeer(file, cx, inputs, flags);
}

async function replayPeer(file: string, cx: Counterexample, inputs: Input[], flags: ReplayFlags): Promise<number> {
  // A profile loaded from a file is recorded by its name only: --profile names the file again.
  const profile = profileNamed(flags.profile ?? cx.profile);
  const adapterName = replayAdapter(file, cx.adapter, cx.file, flags.adapter);
  if (flags.cmd && adapterName !== 'process')
    throw new UsageError(`--cmd starts the IUT of the process adapter; use it with --adapter process`);
  // The recorded command and seeded bug go with the recorded adapter, unless flags name others.
  const cmd = flags.cmd ?? (adapterName === cx.adapter ? cx.cmd : undefined);
  const mutant = replayMutant(flags.mutant, adapterName, cx);
  const adapter = await openAdapter(adapterName, profile.name, { mutant, cmd });
  const on = cmd !== undefined ? `${adapterName} (${cmd})` : adapterName;
  try {
    const r = await runOnce(adapter, profile, fixedSource(inputs), cx.peerIss, cx.runSeed, null, true);
    const replay = replayLine(file, flags, mutant, cx.mutant);
    const recorded = { adapter: adapterName, ...(cmd !== undefined ? { cmd } : {}) };
    if (r.divergence) {
      const base = { ...recorded, profile: profile.name, seed: cx.seed, peerIss: cx.peerIss, runSeed: cx.runSeed };
      const now = makeCounterexample(base, inputs.slice(0, r.divergence.index + 1), r.divergence);
      const lines = counterexampleLines(now, r.trace, r.divergence.concrete, replay, adapter.capabilities);
      // The figure numbers events, not inputs: name both, so the reader finds the step below.
      const at = `line ${divergedLine(r.trace)} (input ${r.divergence.index + 1} of ${inputs.length})`;
      const head = `DIVERGES at ${at} on ${on}`;
      if (flags.json) print(JSON.stringify({ file, ...recorded, diverged: true, divergence: now.divergence }));
      else print(head, ...lines);
      return EXIT.divergence;
    }
    if (flags.json) print(JSON.stringify({ file, ...recorded, diverged: false }));
    else print(...traceLines(r.trace), `CONFORMS: all ${inputs.length} inputs gave allowed outcomes on ${on}`);
    return EXIT.conformant;
  } finally {
    await adapter.dispose();
  }
}
