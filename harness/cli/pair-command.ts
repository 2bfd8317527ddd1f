// `tcpconform check --topology pair`: two IUT endpoints over a network that loses, duplicates and reorders.
import * as path from 'path';
import { DEFAULT_ADAPTER } from '../../adapters/registry';
import { FaultRates } from '../pair/network';
import { PairFailure, runPairCheck } from '../pair/pair-check';
import { makePairCounterexample } from '../pair/pair-counterexample';
import { shellWord } from '../report/shell-word';
import { writeAtomically } from '../report/files';
import { progressReporter } from '../report/progress';
import type { CheckFlags } from './check-command';
import { profileRules } from '../../models/profile';
import { ReportFlags, writeCheckReports } from './check-reports';
import { UsageError } from './exit-codes';
import { adapterNamed, positiveInt, probability, profileNamed } from './options';
import { EXIT_OF } from './verdict';

/** The end-to-end properties a pair check holds the two endpoints to (pair-check.ts PairFailure). */
const PROPERTIES: PairFailure['property'][] = ['lockstep', 'data', 'states', 'timeWait'];

export function faultRates(flags: CheckFlags): FaultRates {
  const rates = {
    loss: probability('--loss', flags.loss),
    dup: probability('--dup', flags.dup),
    reorder: probability('--reorder', flags.reorder),
  };
  if (rates.loss + rates.dup + rates.reorder > 1)
    throw new UsageError('--loss, --dup and --reorder must add up to at most 1');
  return rates;
}

export async function pairCommand(
  flags: CheckFlags,
  seed: number,
  rates: FaultRates,
  reports: ReportFlags,
): Promise<number> {
  const profile = profileNamed(flags.profile);
  const runs = positiveInt('--runs', flags.runs);
  const name = flags.adapter ?? DEFAULT_ADAPTER;
  const entry = adapterNamed(name);
  const probe = await entry.create({ profile: profile.name, mutant: flags.mutant });
  const inProcess = probe.synchronous;
  await probe.dispose();
  if (!inProcess)
    throw new UsageError(`the pair topology needs an in-process adapter (model or simulator); ${name} is not one`);
  const label = `tcpconform check ${name}/${profile.name} pair loss ${rates.loss} dup ${rates.dup} reorder ${rates.reorder} seed ${seed}`;
  if (!flags.json) process.stdout.write(`${label}: ${runs} runs\n`);
  const progress = progressReporter(process.stderr, `check ${name}/${profile.name} pair`);
  const result = await runPairCheck({
    makeAdapter: () => entry.create({ profile: profile.name, mutant: flags.mutant }),
    profile,
    runs,
    seed,
    rates,
    onProgress: (d, t, e) => progress.update(d, t, e),
  });
  progress.end();
  const findings = result.divergences.map((f) => {
    const mutant = flags.mutant ? '-' + flags.mutant : '';
    const file = path.join(flags.outDir, `${name}-${profile.name}${mutant}-pair-seed${seed}-${f.property}.json`);
    const cx = makePairCounterexample({ adapter: name, profile: profile.name, mutant: flags.mutant, seed, rates }, f);
    writeAtomically(file, JSON.stringify({ ...cx, file }, null, 2) + '\n');
    const text = [`property broken: ${f.property}: ${f.message}`, ...f.trace.map((l) => '  ' + l), `  saved: ${file}`];
    text.push(`  replay: npx tcpconform replay ${shellWord(file)}`);
    return { at: f.property, message: `${f.property}: ${f.message}`, text };
  });
  const out = flags.json ? process.stderr : process.stdout;
  for (const l of findings.flatMap((f) => f.text)) out.write(l + '\n');
  const { states, rules } = result.coverage;
  const summary = [
    `${result.divergences.length ? 'FAIL' : 'PASS'}  ${result.runs} runs, ${result.events} events, ` +
      `${result.divergences.length} divergences  (${result.elapsedMs} ms, ${result.eventsPerSecond} events/s)`,
    `coverage: states ${states.covered}/${states.total}, rules ${rules.covered}/${rules.total}`,
  ];
  if (!flags.json) process.stdout.write(summary.map((l) => l + '\n').join(''));
  const id = { adapter: name, profile: profile.name, ...(flags.mutant ? { mutant: flags.mutant } : {}), rates, seed };
  const ruleIds = profileRules(profile).map((r) => r.id);
  const outcome = { ...result, ruleIds, properties: PROPERTIES, findings, summary };
  return EXIT_OF[writeCheckReports(reports, id, outcome, result)];
}
