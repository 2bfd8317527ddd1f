// `tcpconform check --topology pair`: two IUT endpoints over a network that loses, duplicates and reorders.
import * as path from 'path';
import { DEFAULT_ADAPTER } from '../../adapters/registry';
import { runPairCheck } from '../pair/pair-check';
import { makePairCounterexample } from '../pair/pair-counterexample';
import { shellWord } from '../report/shell-word';
import { writeAtomically } from '../report/files';
import { junitXml } from '../report/junit';
import { progressReporter } from '../report/progress';
import type { CheckFlags } from './check-command';
import { EXIT, UsageError } from './exit-codes';
import { adapterNamed, positiveInt, probability, profileNamed, seedValue } from './options';

export async function pairCommand(flags: CheckFlags): Promise<number> {
  const profile = profileNamed(flags.profile);
  const runs = positiveInt('--runs', flags.runs);
  const seed = flags.seed !== undefined ? seedValue(flags.seed) : (Date.now() ^ (process.pid << 8)) & 0x7fffffff;
  const rates = { loss: probability('--loss', flags.loss), dup: probability('--dup', flags.dup), reorder: probability('--reorder', flags.reorder) };
  if (rates.loss + rates.dup + rates.reorder > 1) throw new UsageError('--loss, --dup and --reorder must add up to at most 1');
  const name = flags.adapter ?? DEFAULT_ADAPTER;
  const entry = adapterNamed(name);
  const probe = await entry.create({ profile: profile.name, mutant: flags.mutant });
  const inProcess = probe.synchronous;
  await probe.dispose();
  if (!inProcess) throw new UsageError(`the pair topology needs an in-process adapter (model or simulator); ${name} is not one`);
  const label = `tcpconform check ${name}/${profile.name} pair loss ${rates.loss} dup ${rates.dup} reorder ${rates.reorder} seed ${seed}`;
  if (!flags.json) process.stdout.write(`${label}: ${runs} runs\n`);
  const progress = progressReporter(process.stderr, label);
  const result = await runPairCheck({
    makeAdapter: () => entry.create({ profile: profile.name, mutant: flags.mutant }),
    profile,
    runs,
    seed,
    rates,
    onProgress: (d, t, e) => progress.update(d, t, e),
  });
  progress.end();
  const lines: string[] = [];
  for (const f of result.divergences) {
    const mutant = flags.mutant ? '-' + flags.mutant : '';
    const file = path.join(flags.outDir, `${name}-${profile.name}${mutant}-pair-seed${seed}-${f.property}.json`);
    const cx = makePairCounterexample({ adapter: name, profile: profile.name, mutant: flags.mutant, seed, rates }, f);
    writeAtomically(file, JSON.stringify({ ...cx, file }, null, 2) + '\n');
    lines.push(`property broken: ${f.property}: ${f.message}`, ...f.trace.map((l) => '  ' + l), `  saved: ${file}`);
    lines.push(`  replay: npx tcpconform replay ${shellWord(file)}`);
  }
  if (flags.junit)
    writeAtomically(flags.junit, junitXml({ ...result, mutant: flags.mutant, failures: result.divergences.map((f) => `${f.property}: ${f.message}`) }, lines));
  const out = flags.json ? process.stderr : process.stdout;
  for (const l of lines) out.write(l + '\n');
  if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    process.stdout.write(
      `${result.divergences.length ? 'FAIL' : 'PASS'}  ${result.runs} runs, ${result.events} events, ${result.divergences.length} divergences  (${result.elapsedMs} ms, ${result.eventsPerSecond} events/s)\n` +
        `coverage: states ${result.coverage.states.covered}/${result.coverage.states.total}, rules ${result.coverage.rules.covered}/${result.coverage.rules.total}\n`,
    );
  }
  return result.divergences.length ? EXIT.divergence : EXIT.conformant;
}
