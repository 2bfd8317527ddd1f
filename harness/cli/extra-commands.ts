// Commands beyond check/replay/rules: serve, mutants and the pair topology's options live here, so main.ts
// stays a list of what the tool can do.
import { Command } from 'commander';
import { EXIT } from './exit-codes';
import { positiveInt, profileNamed, seedValue } from './options';

export const extraCommands: ((program: Command) => void)[] = [
  (p) =>
    p
      .command('diff')
      .description("list an implementation's departures from a base profile, each with its minimal counterexample (Markdown)")
      .requiredOption('--adapter <name>', 'the implementation')
      .option('--profile <name>', 'its profile (default: the adapter name)')
      .option('--against <name>', 'the base profile', 'rfc9293')
      .option('--runs <n>', 'runs per departure', '1000')
      .option('--seed <s>', 'seed', '1')
      .option('--cmd <command>', 'command that starts an external IUT (process adapter)')
      .option('--slow', 'also run behaviour that needs long real-time waits')
      .action(async (flags) => {
        const { diffCommand } = await import('./diff-command');
        process.exitCode = await diffCommand(flags);
      }),
  (p) =>
    p
      .command('serve')
      .description('speak the external-process protocol (adapters/process/PROTOCOL.md) on stdin/stdout for an in-process adapter')
      .option('--adapter <name>', 'the adapter to serve', 'simulator')
      .option('--profile <name>', 'profile', 'rfc9293')
      .option('--mutant <id>', 'serve the simulator with a seeded bug')
      .action(async (flags) => {
        profileNamed(flags.profile);
        const { runServe } = await import('../../adapters/process/serve');
        process.exitCode = await runServe(flags.adapter, flags.profile, flags.mutant);
      }),
  (p) =>
    p
      .command('mutants')
      .description('run the suite against every seeded bug of the simulator and report detection')
      .option('--runs <n>', 'runs per mutant', '2000')
      .option('--seed <s>', 'seed', '1')
      .option('--only <ids>', 'comma-separated mutant ids')
      .option('--json', 'print one JSON object as the last line of stdout')
      .action(async (flags) => {
        const runs = positiveInt('--runs', flags.runs);
        const seed = seedValue(flags.seed);
        const { runMutants } = await import('../mutants');
        const { MUTANTS } = await import('../../adapters/simulator/mutants');
        const only = flags.only ? String(flags.only).split(',').map((s: string) => s.trim()) : undefined;
        for (const id of only ?? []) if (!MUTANTS.some((m) => m.id === id)) throw new (await import('./exit-codes')).UsageError(`unknown mutant "${id}"`);
        const w = [30, 9, 7, 9, 12, 30];
        if (!flags.json) process.stdout.write(['mutant', 'detected', 'runs', 'time ms', 'length/min', 'rule cited'].map((c, i) => c.padEnd(w[i])).join('') + '\n');
        const reports = await runMutants({
          runs,
          seed,
          only,
          onEach: (r) => {
            const row = [r.id, r.detected ? 'yes' : 'NO', String(r.runsToDetect ?? '-'), String(r.timeMs), `${r.counterexampleLength ?? '-'}/${r.minimalLength}`, r.ruleCited ?? '-'];
            (flags.json ? process.stderr : process.stdout).write(row.map((c, i) => c.padEnd(w[i])).join('') + '\n');
          },
        });
        const detected = reports.filter((r) => r.detected).length;
        const times = reports.filter((r) => r.detected).map((r) => r.timeMs).sort((a, b) => a - b);
        const median = times.length ? times[Math.floor(times.length / 2)] : null;
        if (flags.json) process.stdout.write(JSON.stringify({ mutants: reports, detected, total: reports.length, medianTimeMs: median }) + '\n');
        else process.stdout.write(`${detected}/${reports.length} mutants detected; median time to detect and shrink ${median ?? '-'} ms\n`);
        process.exitCode = detected === reports.length ? EXIT.conformant : EXIT.divergence;
      }),
];
