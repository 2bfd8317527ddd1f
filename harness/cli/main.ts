// The tcpconform command line. Every bad input gives one line on stderr and a distinct exit code
// (harness/cli/exit-codes.ts); stack traces are for internal errors only.
import { Command, CommanderError, Option } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { AdapterFailure } from '../../adapters/types';
import { DEFAULT_ADAPTER } from '../../adapters/registry';
import { DEFAULT_PROFILE } from '../../models/profiles';
import { checkCommand } from './check-command';
import { failedRunLines } from '../report/notation';
import { EXIT } from './exit-codes';
import { EXIT_OF, firstLine, verdictOfError } from './verdict';
import { replayCommand } from './replay-command';
import { rulesCommand } from './rules-command';
import { extraCommands } from './extra-commands';

/** The version in package.json, found from here both in the source tree and in an installed dist/. */
function packageVersion(): string {
  for (let d = __dirname; path.dirname(d) !== d; d = path.dirname(d)) {
    const f = path.join(d, 'package.json');
    if (fs.existsSync(f)) {
      const pkg = JSON.parse(fs.readFileSync(f, 'utf8'));
      if (pkg.name === 'tcpconform') return String(pkg.version);
    }
  }
  return 'unknown';
}

function program(): Command {
  const p = new Command('tcpconform')
    .description('Property-based conformance testing of TCP connection state machines (RFC 793 / RFC 9293)')
    .version(packageVersion(), '-V, --version', 'print the version of tcpconform')
    .exitOverride()
    // Commander's own error lines are dropped: main() writes each error as one line of its own.
    .configureOutput({ outputError: () => undefined })
    .showSuggestionAfterError(true);

  p.command('check')
    .description(
      'run random lockstep tests against an adapter; exit 0 conformant, 1 divergence, 2 bad usage, ' +
        '3 adapter unavailable, 4 adapter failed, 5 conformant but coverage below --min-states/--min-rules',
    )
    .option('--adapter <name>', `the implementation under test (default: ${DEFAULT_ADAPTER})`)
    .option(
      '--profile <name|file>',
      'the profile to check against: a name, or a profile file (./my-profile.js)',
      DEFAULT_PROFILE,
    )
    .option('--runs <n>', 'number of random runs', '200')
    .option('--seed <s>', 'seed for a reproducible check (default: random, printed)')
    .option('--max-inputs <n>', 'longest input sequence of one run', '40')
    .option('--json', 'print one JSON object as the last line of stdout')
    .option('--junit <file>', 'also write JUnit XML to this file')
    .option('--html <file>', 'also write a self-contained HTML report (state diagram, counterexamples, rules)')
    .option('--mutant <id>', 'inject a seeded bug (simulator adapter)')
    .option('--cmd <command>', 'command that starts an external IUT (process adapter)')
    .option('--slow', 'also run behaviour that needs long real-time waits')
    .option('--grid', 'also generate from the input grid, towards the cells not yet tried (coverage.grid)')
    .option('--jobs <n>', 'runs side by side (default "auto": many for a real-time IUT, else one per core)')
    .option('--shard <i/n>', "make part i of n of the check's runs (join the parts' --json with `merge`)")
    .option('--out-dir <dir>', 'where counterexample files go', 'counterexamples')
    .option('--baseline <file>', 'known divergences and crashes: the check goes on past them, fails on new ones')
    .option('--update-baseline', 'write the --baseline file with every divergence found and the known ones that remain')
    .option('--min-states <n>', 'exit 5 if fewer states were reached')
    .option('--min-rules <percent>', 'exit 5 if a smaller share of the rules was covered')
    .option(
      '--topology <t>',
      'peer: the harness plays the remote TCP; pair: two IUT endpoints over a faulty network',
      'peer',
    )
    .option('--loss <p>', 'pair topology: probability a segment is lost', '0')
    .option('--dup <p>', 'pair topology: probability a segment is duplicated', '0')
    .option('--reorder <p>', 'pair topology: probability a segment overtakes others', '0')
    .action(async (flags) => {
      process.exitCode = await checkCommand(flags);
    });

  p.command('replay')
    .description('re-run a counterexample file')
    .argument('<file>', 'counterexample JSON written by check')
    .option('--adapter <name>', 'run it against another adapter than the one recorded')
    .option('--profile <name|file>', 'check it against this profile, not the one recorded (name a profile file again)')
    .option('--mutant <id>', 'run it against the simulator with this seeded bug (default: the one recorded)')
    .option('--no-mutant', 'run it against the simulator without the seeded bug recorded in the file')
    .option('--cmd <command>', 'command that starts an external IUT (process adapter)')
    .option('--json', 'print one JSON object')
    .action(async (file, flags) => {
      process.exitCode = await replayCommand(file, flags);
    });

  p.command('run')
    .description('play scenario files (.tcs): each checked against the model and against its own expectations')
    .argument('<paths...>', 'scenario files, or directories holding them')
    .option('--adapter <name>', 'the IUT (model: test the model against the expectations)', DEFAULT_ADAPTER)
    .option('--profile <name|file>', 'check against this profile, not the one each scenario names')
    .option('--mutant <id>', 'inject a seeded bug into the simulator (tcpconform mutants lists them)')
    .option('--cmd <command>', 'command that starts an external IUT (process adapter)')
    .option('--json', 'print one JSON object')
    .option('--junit <file>', 'also write JUnit XML: one test case per scenario')
    .option('--html <file>', 'also write an HTML report: each scenario drawn on the state diagram')
    .action(async (paths, flags) => {
      const { runCommand } = await import('./run-command');
      process.exitCode = await runCommand(paths, flags);
    });

  p.command('import-packetdrill')
    .description('convert a packetdrill script into a scenario file (.tcs), naming each line it cannot convert')
    .argument('<file>', 'the packetdrill script (.pkt)')
    .option('--out <file>', 'the scenario to write (default: the script with .tcs)')
    .option('--profile <name|file>', 'the profile the scenario names', 'linux')
    .action(async (file, flags) => {
      const { importCommand } = await import('./import-command');
      process.exitCode = importCommand(file, flags);
    });

  p.command('merge')
    .description("join the --json reports of a check's parts (check --shard i/n) into the whole check's")
    .argument('<files...>', 'the parts: each the --json line (or file) of one check --shard i/n')
    .option('--profile <name|file>', 'the profile the parts were checked against (default: the one recorded)')
    .option('--json', 'print one JSON object as the last line of stdout')
    .option('--junit <file>', 'also write JUnit XML to this file')
    .option('--out-dir <dir>', 'where counterexample files go', 'counterexamples')
    .option('--min-states <n>', 'exit 5 if fewer states were reached')
    .option('--min-rules <percent>', 'exit 5 if a smaller share of the rules was covered')
    .action(async (files, flags) => {
      const { mergeCommand } = await import('./merge-command');
      process.exitCode = await mergeCommand(files, flags);
    });

  p.command('pcap')
    .description("write a counterexample's run as a pcap file (IPv4 + TCP), for Wireshark and tshark")
    .argument('<file>', 'counterexample JSON written by check')
    .option('--out <file>', 'the pcap to write (default: the counterexample file with .pcap)')
    .action(async (file, flags) => {
      const { pcapCommand } = await import('./pcap-command');
      process.exitCode = pcapCommand(file, flags);
    });

  p.command('rules')
    .description('list the rules of a profile with their RFC citations')
    .option('--profile <name|file>', 'profile: a name, or a profile file', DEFAULT_PROFILE)
    .option('--json', 'print JSON')
    .action((flags) => {
      process.exitCode = rulesCommand(flags);
    });

  for (const add of extraCommands) add(p);
  void Option;
  return p;
}

export async function main(argv: string[]): Promise<number> {
  // Adapters may unref their timers and pipes; the CLI itself keeps the process alive until it has a verdict,
  // so a stalled adapter meets its own timeout instead of Node quietly exiting 0 with nothing said.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  try {
    await program().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return EXIT.conformant;
      // `tcpconform help` (exit code 0, help on stdout) or no command at all (1, help on stderr): asking for
      // nothing is not a pass.
      if (e.code === 'commander.help') return e.exitCode === 0 ? EXIT.conformant : EXIT.usage;
      // "unknown option '--rnus'\n(Did you mean --runs?)" becomes one line.
      process.stderr.write(`tcpconform: ${e.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')}\n`);
      return EXIT.usage;
    }
    const verdict = verdictOfError(e);
    if (verdict === 'usage') process.stderr.write(`tcpconform: ${firstLine(e)}\n`);
    else if (verdict === 'adapter-unavailable')
      process.stderr.write(`tcpconform: adapter unavailable: ${firstLine(e)}\n`);
    else if (e instanceof AdapterFailure) {
      // The run that led there first, so that the one-line verdict stays the last line of the log.
      if (e.trace && e.failedInput)
        process.stderr.write(`the run so far:\n${failedRunLines(e.trace, e.failedInput).join('\n')}\n`);
      const details = e.message.split('\n').slice(1); // a process IUT's last lines on stderr, say
      if (details.length) process.stderr.write(details.join('\n') + '\n');
      process.stderr.write(`tcpconform: adapter failed: ${firstLine(e)}\n`);
    } else process.stderr.write(`tcpconform: internal error: ${(e as Error)?.stack ?? e}\n`);
    return EXIT_OF[verdict];
  } finally {
    clearInterval(keepAlive);
  }
}

/** Ctrl-C or a CI job's cancellation: exit through process.exit, so that every 'exit' handler runs and the
 *  adapters' children, namespaces and devices go with us. */
export function exitCleanlyOnSignals(): void {
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    process.once(signal, () => {
      process.stderr.write(`\ntcpconform: interrupted (${signal}); cleaning up\n`);
      process.exit(code);
    });
  }
}

if (require.main === module) {
  exitCleanlyOnSignals();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
