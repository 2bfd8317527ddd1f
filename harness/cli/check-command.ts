// `tcpconform check`: run the suite's random walk against an adapter and report.
import { Adapter } from '../../adapters/types';
import { Profile } from '../../models/profile';
import { DEFAULT_ADAPTER } from '../../adapters/registry';
import { stateName, STATES } from '../../models/state';
import { CheckResult, fixedSource, runCheck, runOnce } from '../check';
import { Counterexample, concreteFromJson, recordAdapter } from '../counterexample';
import { counterexampleFile } from '../report/counterexample-file';
import { shellWord } from '../report/shell-word';
import { writeAtomically } from '../report/files';
import { junitXml } from '../report/junit';
import { counterexampleLines, recordedTrace, traceLines } from '../report/notation';
import { progressReporter } from '../report/progress';
import { EXIT, UsageError } from './exit-codes';
import { pairCommand } from './pair-command';
import { adapterNamed, positiveInt, profileNamed, seedValue } from './options';
import { parseCounterexample } from '../counterexample';

export interface CheckFlags {
  adapter?: string;
  profile: string;
  runs: string;
  seed?: string;
  json?: boolean;
  junit?: string;
  mutant?: string;
  cmd?: string;
  slow?: boolean;
  maxInputs: string;
  outDir: string;
  topology: string;
  loss: string;
  dup: string;
  reorder: string;
}

export async function openAdapter(name: string, profile: string, extra: { mutant?: string; cmd?: string; slow?: boolean }): Promise<Adapter> {
  const entry = adapterNamed(name);
  return entry.create({ profile, ...extra });
}

/** A counterexample drawn from the run it records; one from an older file without a trace is re-run. */
export async function renderCounterexample(adapter: Adapter, cx: Counterexample, replayCommand: string, profileOverride?: Profile): Promise<string[]> {
  if (cx.trace && cx.sent) return counterexampleLines(cx, recordedTrace(cx.trace), concreteFromJson(cx.sent), replayCommand);
  const { inputs } = parseCounterexample(JSON.parse(JSON.stringify(cx)));
  const profile = profileOverride ?? profileNamed(cx.profile);
  const r = await runOnce(adapter, profile, fixedSource(inputs), cx.peerIss, cx.runSeed, null, true);
  if (!r.divergence) return [...traceLines(r.trace), `  (this replay did not diverge: the IUT behaved differently from the recorded run)`, `  replay: ${replayCommand}`];
  return counterexampleLines(cx, r.trace, r.divergence.concrete, replayCommand);
}

function summary(r: CheckResult): string[] {
  const c = r.coverage;
  const lines = [
    `${r.divergences.length ? 'FAIL' : 'PASS'}  ${r.runs} runs, ${r.events} events, ${r.divergences.length} divergence${r.divergences.length === 1 ? '' : 's'}  (${r.elapsedMs} ms, ${r.eventsPerSecond} events/s)`,
    `coverage: states ${c.states.covered}/${c.states.total}, rules ${c.rules.covered}/${c.rules.total}, transitions ${c.transitions.covered}`,
  ];
  if (c.states.missing.length) lines.push(`  states not reached: ${c.states.missing.map((s) => stateName(s as (typeof STATES)[number])).join(', ')}`);
  // After a divergence the check stopped early: what it did not reach says nothing about the IUT.
  if (r.divergences.length === 0) {
    if (c.rules.missing.length) lines.push(`  rules not covered: ${c.rules.missing.join(', ')}`);
    if (c.rules.notShown.length) lines.push(`  optional behaviour this IUT never showed: ${c.rules.notShown.join(', ')}`);
    for (const u of c.rules.unreachable) lines.push(`  unreachable here: ${u.id} — ${u.reason}`);
  }
  return lines;
}

export async function checkCommand(flags: CheckFlags): Promise<number> {
  if (flags.topology !== 'peer' && flags.topology !== 'pair') throw new UsageError(`--topology must be peer or pair, got "${flags.topology}"`);
  if (flags.topology === 'pair') return pairCommand(flags);
  if (['loss', 'dup', 'reorder'].some((k) => Number((flags as unknown as Record<string, string>)[k]) !== 0))
    throw new UsageError('--loss, --dup and --reorder need --topology pair');
  const profile = profileNamed(flags.profile);
  const runs = positiveInt('--runs', flags.runs);
  const maxInputs = positiveInt('--max-inputs', flags.maxInputs, 1000);
  const seed = flags.seed !== undefined ? seedValue(flags.seed) : (Date.now() ^ (process.pid << 8)) & 0x7fffffff;
  const adapterName = flags.adapter ?? DEFAULT_ADAPTER;
  adapterNamed(adapterName);
  if (flags.mutant && adapterName !== 'simulator') throw new UsageError(`--mutant injects a seeded bug into the simulator; adapter ${adapterName} has none`);
  if (flags.cmd && adapterName !== 'process') throw new UsageError(`--cmd starts the IUT of the process adapter; use it with --adapter process`);
  const adapter = await openAdapter(adapterName, profile.name, { mutant: flags.mutant, cmd: flags.cmd, slow: flags.slow });
  try {
    const label = `tcpconform check ${adapterName}/${profile.name} seed ${seed}`;
    if (!flags.json) process.stdout.write(`${label}: ${runs} runs\n`);
    const progress = progressReporter(process.stderr, label);
    const result = await runCheck({ adapter, profile, runs, seed, maxInputs, mutant: flags.mutant, slow: flags.slow, onProgress: (d, t, e) => progress.update(d, t, e) });
    progress.end();
    const texts: string[] = [];
    result.divergences = result.divergences.map((cx) => recordAdapter(cx, adapterName, flags.cmd));
    for (const cx of result.divergences) {
      const file = counterexampleFile(flags.outDir, cx);
      cx.file = file;
      const replay = `npx tcpconform replay ${shellWord(file)}`;
      writeAtomically(file, JSON.stringify(cx, null, 2) + '\n');
      texts.push(...(await renderCounterexample(adapter, cx, replay)));
    }
    if (flags.junit) writeAtomically(flags.junit, junitXml({ ...result, failures: result.divergences.map((d) => `diverged: ${d.divergence.rule}`) }, texts));
    if (flags.json) {
      for (const l of texts) process.stderr.write(l + '\n');
      process.stdout.write(JSON.stringify(result) + '\n');
    } else {
      for (const l of texts) process.stdout.write(l + '\n');
      for (const l of summary(result)) process.stdout.write(l + '\n');
    }
    return result.divergences.length ? EXIT.divergence : EXIT.conformant;
  } finally {
    await adapter.dispose();
  }
}
