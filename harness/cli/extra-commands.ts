// Commands beyond check/replay/rules: serve, mutants and the pair topology's options live here, so main.ts
// stays a list of what the tool can do.
import { Command } from 'commander';
import type { Counterexample } from '../counterexample';
import { EXIT, UsageError } from './exit-codes';
import { positiveInt, profileNamed, seedValue } from './options';

export const extraCommands: ((program: Command) => void)[] = [
  (p) =>
    p
      .command('diff')
      .description(
        "list an implementation's departures from a base profile, each with its minimal counterexample (Markdown)",
      )
      .requiredOption('--adapter <name>', 'the implementation')
      .option('--profile <name>', 'its profile (default: the adapter name)')
      .option('--against <name>', 'the base profile', 'rfc9293')
      .option('--runs <n>', 'runs per departure', '1000')
      .option('--seed <s>', 'seed', '1')
      .option('--tries <n>', 'seeds to try, from --seed on, for a departure the first seed does not show', '10')
      .option('--cmd <command>', 'command that starts an external IUT (process adapter)')
      .option('--slow', 'also run behaviour that needs long real-time waits')
      .option('--out <file>', 'write the document to this file (whole or not at all) instead of stdout')
      .option('--html <file>', 'also write the departures as a self-contained HTML report')
      .option('--baseline <file>', "the IUT's known bugs: every check passes over them, as check --baseline does")
      .action(async (flags) => {
        const { diffCommand } = await import('./diff-command');
        process.exitCode = await diffCommand(flags);
      }),
  (p) =>
    p
      .command('serve')
      .description(
        'speak the external-process protocol (adapters/process/PROTOCOL.md) on stdin/stdout for an in-process adapter',
      )
      .option('--adapter <name>', 'the adapter to serve', 'simulator')
      .option('--profile <name|file>', 'profile: a name, or a profile file', 'rfc9293')
      .option('--mutant <id>', 'serve the simulator with a seeded bug')
      .action(async (flags) => {
        // A profile file is loaded here, so the served adapter finds it by name.
        const profile = profileNamed(flags.profile);
        const { runServe } = await import('../../adapters/process/serve');
        process.exitCode = await runServe(flags.adapter, profile.name, flags.mutant);
      }),
  (p) =>
    p
      .command('protocol-check')
      .description(
        'check that a child process speaks adapters/process/PROTOCOL.md; exit 0 if it does, 4 if it does not',
      )
      .requiredOption('--cmd <command>', 'command that starts the IUT process (run by the shell)')
      .option('--timeout <ms>', 'how long to wait for each reply', '5000')
      .action(async (flags) => {
        if (String(flags.cmd).trim() === '') throw new UsageError('--cmd must name the command that starts the IUT');
        const timeout = positiveInt('--timeout', flags.timeout, 600_000);
        const { checkProtocol } = await import('../../adapters/process/protocol-check');
        const r = await checkProtocol(flags.cmd, timeout);
        for (const c of r.passed) process.stdout.write(`ok    ${c}\n`);
        for (const problem of r.problems) process.stdout.write(`FAIL  ${problem}\n`);
        if (r.problems.length === 0) {
          process.stdout.write(`PASS  ${r.passed.length} checks: the child speaks the protocol (PROTOCOL.md)\n`);
          process.exitCode = EXIT.conformant;
          return;
        }
        const more = r.problems.length > 1 ? ` (and ${r.problems.length - 1} more above)` : '';
        process.stderr.write(`tcpconform: adapter failed: the child breaks the protocol: ${r.problems[0]}${more}\n`);
        process.exitCode = EXIT.adapterFailed;
      }),
  (p) =>
    p
      .command('mutants')
      .description('run the suite against every seeded bug of the simulator and report detection')
      .option(
        '--runs <n>',
        'runs per mutant (a check stops at the first divergence, so only an undetected mutant costs them all)',
        '30000',
      )
      .option('--seed <s>', 'seed', '1')
      .option('--only <ids>', 'comma-separated mutant ids')
      .option('--json', 'print one JSON object as the last line of stdout')
      .option('--list', 'print the catalogue of seeded bugs (Markdown) instead of running them')
      .option('--html <file>', 'also write the mutants found and missed as a self-contained HTML report')
      .option('--observations', "score the oracle instead: perturb what an adapter's IUT was seen to do")
      .option('--adapter <name>', 'with --observations: the adapter whose runs are perturbed', 'simulator')
      .option('--profile <name|file>', 'with --observations: the profile the runs are checked against')
      .option('--cmd <command>', 'with --observations: command that starts an external IUT (process adapter)')
      .action(async (flags, cmd) => {
        if (flags.observations) {
          const runsGiven = cmd.getOptionValueSource('runs') !== 'default';
          const { observationsCommand } = await import('./observations-command');
          process.exitCode = await observationsCommand({ ...flags, runs: runsGiven ? flags.runs : undefined });
          return;
        }
        if (flags.list) {
          const { MUTANTS } = await import('../../adapters/simulator/mutants');
          const lines = [
            "# The simulator's seeded bugs",
            '',
            'Generated by `npx tcpconform mutants --list`; `npx tcpconform mutants` measures how the suite finds them.',
            'Select one with `npx tcpconform check --mutant <id>`.',
            '',
            '| id | what it does | rule it breaks | citation | profiles | shortest counterexample |',
            '|---|---|---|---|---|---|',
            ...MUTANTS.map(
              (m) =>
                `| \`${m.id}\` | ${m.summary} | \`${m.rule}\`: ${m.ruleSummary} | ${m.citation} | ${m.profiles.join(', ')} | ${m.minimalLength} inputs |`,
            ),
          ];
          process.stdout.write(lines.join('\n') + '\n');
          return;
        }
        const runs = positiveInt('--runs', flags.runs);
        const seed = seedValue(flags.seed);
        if (flags.html !== undefined) (await import('./outputs')).checkOutputFile('--html', flags.html);
        const { runMutants } = await import('../mutants');
        const { MUTANTS } = await import('../../adapters/simulator/mutants');
        const only = flags.only
          ? String(flags.only)
              .split(',')
              .map((s: string) => s.trim())
          : undefined;
        for (const id of only ?? [])
          if (!MUTANTS.some((m) => m.id === id))
            throw new (await import('./exit-codes')).UsageError(`unknown mutant "${id}"`);
        const w = [30, 9, 7, 9, 12, 30];
        if (!flags.json)
          process.stdout.write(
            ['mutant', 'detected', 'runs', 'time ms', 'length/min', 'rule cited']
              .map((c, i) => c.padEnd(w[i]))
              .join('') + '\n',
          );
        const found = new Map<string, Counterexample>();
        const reports = await runMutants({
          runs,
          seed,
          only,
          onEach: (r, cx) => {
            if (cx && flags.html !== undefined) found.set(r.id, cx);
            const row = [
              r.id,
              r.detected ? 'yes' : 'NO',
              String(r.runsToDetect ?? '-'),
              String(r.timeMs),
              `${r.counterexampleLength ?? '-'}/${r.minimalLength}`,
              r.ruleCited ?? '-',
            ];
            (flags.json ? process.stderr : process.stdout).write(row.map((c, i) => c.padEnd(w[i])).join('') + '\n');
          },
        });
        const detected = reports.filter((r) => r.detected).length;
        const times = reports
          .filter((r) => r.detected)
          .map((r) => r.timeMs)
          .sort((a, b) => a - b);
        const median = times.length ? times[Math.floor(times.length / 2)] : null;
        if (flags.json)
          process.stdout.write(
            JSON.stringify({ mutants: reports, detected, total: reports.length, medianTimeMs: median }) + '\n',
          );
        else
          process.stdout.write(
            `${detected}/${reports.length} mutants detected; median time to detect and shrink ${median ?? '-'} ms\n`,
          );
        if (flags.html !== undefined) {
          const { mutantsPage } = await import('../report/html/gather');
          const { writeHtmlReport } = await import('../report/html/write');
          const command = ['npx tcpconform mutants', `--runs ${runs}`, `--seed ${seed}`];
          if (only) command.push(`--only ${only.join(',')}`);
          writeHtmlReport(flags.html, mutantsPage(reports, command.join(' '), profileNamed('rfc9293'), found));
        }
        process.exitCode = detected === reports.length ? EXIT.conformant : EXIT.divergence;
      }),
];
