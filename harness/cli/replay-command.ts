// `tcpconform replay FILE`: re-run one counterexample, step by step, and say whether it still diverges.
import * as fs from 'fs';
import { BadCounterexample, parseCounterexample } from '../counterexample';
import { fixedSource, runOnce } from '../check';
import { counterexampleLines, divergedLine, traceLines } from '../report/notation';
import { makeCounterexample } from '../counterexample';
import { openAdapter } from './check-command';
import { EXIT, UsageError } from './exit-codes';
import { profileNamed } from './options';

export async function replayCommand(file: string, flags: { adapter?: string; profile?: string; json?: boolean; cmd?: string; mutant?: string | boolean }): Promise<number> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read counterexample file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  let parsed;
  try {
    parsed = parseCounterexample(raw);
  } catch (e) {
    if (e instanceof BadCounterexample) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
  const { cx, inputs } = parsed;
  // A profile loaded from a file is recorded by its name only: --profile names the file again.
  const profile = profileNamed(flags.profile ?? cx.profile);
  const adapterName = flags.adapter ?? cx.adapter;
  // The recorded seeded bug goes with the recorded adapter, unless --mutant names another or --no-mutant none.
  const mutant = typeof flags.mutant === 'string' ? flags.mutant : flags.mutant === false ? undefined : adapterName === cx.adapter ? cx.mutant : undefined;
  const adapter = await openAdapter(adapterName, profile.name, { mutant, cmd: flags.cmd });
  try {
    const r = await runOnce(adapter, profile, fixedSource(inputs), cx.peerIss, cx.runSeed, null, true);
    const replay = `npx tcpconform replay ${file}${flags.adapter ? ' --adapter ' + flags.adapter : ''}${flags.profile ? ' --profile ' + flags.profile : ''}${mutant !== cx.mutant ? (mutant ? ' --mutant ' + mutant : ' --no-mutant') : ''}`;
    if (r.divergence) {
      const now = makeCounterexample({ adapter: adapterName, profile: profile.name, seed: cx.seed, peerIss: cx.peerIss, runSeed: cx.runSeed }, inputs.slice(0, r.divergence.index + 1), r.divergence);
      const lines = counterexampleLines(now, r.trace, r.divergence.concrete, replay, adapter.capabilities);
      if (flags.json) process.stdout.write(JSON.stringify({ file, adapter: adapterName, diverged: true, divergence: now.divergence }) + '\n');
      else {
        // The figure numbers events, not inputs: name both, so the reader finds the step below.
        const at = `line ${divergedLine(r.trace)} (input ${r.divergence.index + 1} of ${inputs.length})`;
        process.stdout.write([`DIVERGES at ${at}`, ...lines].join('\n') + '\n');
      }
      return EXIT.divergence;
    }
    if (flags.json) process.stdout.write(JSON.stringify({ file, adapter: adapterName, diverged: false }) + '\n');
    else process.stdout.write([...traceLines(r.trace), `CONFORMS: all ${inputs.length} inputs gave allowed outcomes on ${adapterName}`].join('\n') + '\n');
    return EXIT.conformant;
  } finally {
    await adapter.dispose();
  }
}
