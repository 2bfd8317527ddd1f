// `tcpconform check`: run the suite's random walk against an adapter and report.
import { Adapter } from '../../adapters/types';
import { Profile, profileRules } from '../../models/profile';
import { DEFAULT_ADAPTER } from '../../adapters/registry';
import { State, stateName, STATES } from '../../models/state';
import { CheckResult, fixedSource, runCheck, runOnce, shardRange } from '../check';
import { defaultJobs, disposeLanes, jobsValue, openLanes, openWorkers } from './lanes';
import type { WorkerPool } from '../workers/pool';
import { Counterexample, concreteFromJson, recordAdapter } from '../counterexample';
import { counterexampleFile } from '../report/counterexample-file';
import { counterexamplePcap, pcapFileOf } from '../report/pcap';
import { counterexamplePkt, pktFileOf } from '../report/packetdrill';
import { counterexampleTcs, tcsFileOf } from '../scenario/from-counterexample';
import { shellWord } from '../report/shell-word';
import { writeAtomically } from '../report/files';
import { CheckIdentity } from '../report/check-junit';
import { counterexampleLines, recordedTrace, traceLines } from '../report/notation';
import { progressReporter } from '../report/progress';
import { checkPage } from '../report/html/gather';
import { writeHtmlReport } from '../report/html/write';
import type { Compared } from '../report/outcome-lines';
import { UsageError } from './exit-codes';
import { ReportFlags, writeCheckReports, writeErrorReports } from './check-reports';
import { checkOutputDirectory, checkOutputFile } from './outputs';
import { EXIT_OF, Verdict } from './verdict';
import { faultRates, pairCommand } from './pair-command';
import { adapterNamed, positiveInt, profileNamed, seedValue } from './options';
import { isProfilePath } from '../profile-file';
import { parseCounterexample } from '../counterexample';
import { baselineLines, loadBaseline } from '../baseline';
import { coverageGate, gateLines, gateSpecOf } from '../coverage-gate';

export interface CheckFlags {
  adapter?: string;
  profile: string;
  runs: string;
  seed?: string;
  json?: boolean;
  junit?: string;
  html?: string;
  mutant?: string;
  cmd?: string;
  slow?: boolean;
  grid?: boolean;
  maxInputs: string;
  outDir: string;
  topology: string;
  loss: string;
  dup: string;
  reorder: string;
  baseline?: string;
  updateBaseline?: boolean;
  minStates?: string;
  minRules?: string;
  jobs?: string;
  shard?: string;
}

/** --shard i/n: part i of n (1-based) of the check's runs. */
export function shardValue(text: string | undefined, runs: number): { index: number; count: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || index < 1 || count < 1 || index > count)
    throw new UsageError(`--shard must be i/n with 1 <= i <= n (part i of n), got "${text}"`);
  if (count > runs)
    throw new UsageError(`--shard ${text}: ${count} parts need at least ${count} runs, got --runs ${runs}`);
  return { index, count };
}

export async function openAdapter(
  name: string,
  profile: string,
  extra: { mutant?: string; cmd?: string; slow?: boolean },
): Promise<Adapter> {
  const entry = adapterNamed(name);
  return entry.create({ profile, ...extra });
}

/** A counterexample drawn from the run it records; one from an older file without a trace is re-run. */
export async function renderCounterexample(
  adapter: Adapter,
  cx: Counterexample,
  replayCommand: string,
  profileOverride?: Profile,
): Promise<string[]> {
  if (cx.trace && cx.sent)
    return counterexampleLines(
      cx,
      recordedTrace(cx.trace),
      concreteFromJson(cx.sent),
      replayCommand,
      adapter.capabilities,
    );
  const { inputs } = parseCounterexample(JSON.parse(JSON.stringify(cx)));
  const profile = profileOverride ?? profileNamed(cx.profile);
  const r = await runOnce(adapter, profile, fixedSource(inputs), cx.peerIss, cx.runSeed, null, true);
  if (!r.divergence)
    return [
      ...traceLines(r.trace),
      `  (this replay did not diverge: the IUT behaved differently from the recorded run)`,
      `  replay: ${replayCommand}`,
    ];
  return counterexampleLines(cx, r.trace, r.divergence.concrete, replayCommand, adapter.capabilities);
}

function summary(r: CheckResult): string[] {
  const c = r.coverage;
  const lines = [
    `${r.divergences.length ? 'FAIL' : 'PASS'}  ${r.runs} runs, ${r.events} events, ${r.divergences.length} divergence${r.divergences.length === 1 ? '' : 's'}  (${r.elapsedMs} ms, ${r.eventsPerSecond} events/s)`,
    `coverage: states ${c.states.covered}/${c.states.total}, rules ${c.rules.covered}/${c.rules.total}, transitions ${c.transitions.covered}` +
      (c.grid ? `, input grid ${c.grid.covered}/${c.grid.reachable} cells` : ''),
  ];
  if (c.states.missing.length)
    lines.push(
      `  states not reached: ${c.states.missing.map((s) => stateName(s as (typeof STATES)[number])).join(', ')}`,
    );
  // After a divergence the check stopped early: what it did not reach says nothing about the IUT.
  if (r.divergences.length === 0) {
    if (c.rules.missing.length) lines.push(`  rules not covered: ${c.rules.missing.join(', ')}`);
    if (c.rules.notShown.length)
      lines.push(`  optional behaviour this IUT never showed: ${c.rules.notShown.join(', ')}`);
    for (const u of c.rules.unreachable) lines.push(`  unreachable here: ${u.id} — ${u.reason}`);
    // The grid's gaps, a state to a line; its unreachable cells are in the JSON (coverage.grid.unreachable).
    for (const [state, g] of Object.entries(c.grid?.states ?? {}))
      if (g.missing.length)
        lines.push(
          `  input grid, ${state === '*' ? 'timers and repeats' : stateName(state as State)}: not tried ${g.missing.join(' ')}`,
        );
  }
  return lines;
}

/** The seed, the topology and the output paths are settled before anything runs, so that whatever ends the
 *  check, its reports say which check it was and go where they were asked to. */
export async function checkCommand(flags: CheckFlags): Promise<number> {
  const id: CheckIdentity = { adapter: flags.adapter ?? DEFAULT_ADAPTER, profile: flags.profile };
  if (flags.mutant) id.mutant = flags.mutant;
  const reports: ReportFlags = { json: flags.json };
  const started = Date.now();
  try {
    const peerOnly = [flags.baseline, flags.updateBaseline, flags.minStates, flags.minRules];
    if (flags.topology === 'pair' && peerOnly.some((f) => f !== undefined))
      throw new UsageError(
        '--baseline, --update-baseline, --min-states and --min-rules work with --topology peer only',
      );
    if (flags.junit) checkOutputFile('--junit', flags.junit);
    reports.junit = flags.junit;
    if (flags.html !== undefined && flags.topology === 'pair')
      throw new UsageError('--html works with --topology peer only');
    if (flags.html !== undefined) checkOutputFile('--html', flags.html);
    reports.html = flags.html;
    checkOutputDirectory('--out-dir', flags.outDir);
    id.seed = flags.seed !== undefined ? seedValue(flags.seed) : (Date.now() ^ (process.pid << 8)) & 0x7fffffff;
    if (flags.topology === 'pair') {
      id.rates = faultRates(flags);
      return await pairCommand(flags, id.seed, id.rates, reports);
    }
    if (flags.topology !== 'peer') throw new UsageError(`--topology must be peer or pair, got "${flags.topology}"`);
    return await peerCheck(flags, id.seed, reports);
  } catch (e) {
    writeErrorReports(reports, id, e, Date.now() - started);
    throw e;
  }
}

async function peerCheck(flags: CheckFlags, seed: number, reports: ReportFlags): Promise<number> {
  if (['loss', 'dup', 'reorder'].some((k) => Number((flags as unknown as Record<string, string>)[k]) !== 0))
    throw new UsageError('--loss, --dup and --reorder need --topology pair');
  const profile = profileNamed(flags.profile);
  const runs = positiveInt('--runs', flags.runs);
  const maxInputs = positiveInt('--max-inputs', flags.maxInputs, 1000);
  const adapterName = flags.adapter ?? DEFAULT_ADAPTER;
  adapterNamed(adapterName);
  const gateSpec = gateSpecOf(flags);
  if (flags.updateBaseline && !flags.baseline) throw new UsageError('--update-baseline needs --baseline FILE to write');
  const baseline = flags.baseline ? loadBaseline(flags.baseline, flags.updateBaseline === true) : null;
  if (flags.mutant && adapterName !== 'simulator')
    throw new UsageError(`--mutant injects a seeded bug into the simulator; adapter ${adapterName} has none`);
  if (flags.cmd && adapterName !== 'process')
    throw new UsageError(`--cmd starts the IUT of the process adapter; use it with --adapter process`);
  const jobs = jobsValue(flags.jobs);
  const shard = shardValue(flags.shard, runs);
  const open = () => openAdapter(adapterName, profile.name, { mutant: flags.mutant, cmd: flags.cmd, slow: flags.slow });
  const adapter = await open();
  let lanes: Adapter[] = [];
  let workers: WorkerPool | null = null;
  try {
    const { from, to } = shardRange(runs, shard);
    const n = Math.min(jobs === 'auto' ? defaultJobs(adapter, to - from) : jobs, to - from);
    workers = await openWorkers(adapter, n);
    if (!workers) lanes = await openLanes(adapter, n, open);
    const label = `tcpconform check ${adapterName}/${profile.name} seed ${seed}`;
    if (!flags.json) process.stdout.write(`${label}: ${runs} runs\n`);
    // Short: on an 80-column terminal the bar and the times need the room, and the line above names the check.
    const progress = progressReporter(process.stderr, `check ${adapterName}/${profile.name}`);
    const result = await runCheck({
      ...{ adapter, profile, runs, seed, maxInputs, mutant: flags.mutant, slow: flags.slow, grid: flags.grid, lanes },
      ...(shard ? { shard } : {}),
      ...(workers ? { workers } : {}),
      onProgress: (d, t, e) => progress.update(d, t, e),
      ...(baseline ? { known: baseline.matches } : {}),
    });
    progress.end();
    if (baseline) result.baseline = await baseline.settle(adapter, profile, result);
    const render = (cx: Counterexample, replay: string) => renderCounterexample(adapter, cx, replay);
    const id = { adapter: adapterName, profile: profile.name, ...(flags.mutant ? { mutant: flags.mutant } : {}), seed };
    const command = checkCommandLine(flags, adapterName, runs, seed);
    const compared = adapter.capabilities;
    const verdict = await reportCheck(result, { id, profile, flags, reports, gateSpec, render, command, compared });
    return EXIT_OF[verdict];
  } finally {
    await workers?.close();
    await disposeLanes(lanes);
    await adapter.dispose();
  }
}

/** What a check reports, from its result: counterexample files, the text, the summary, --json and --junit. */
export async function reportCheck(
  result: CheckResult,
  ctx: {
    id: CheckIdentity & { seed: number };
    profile: Profile;
    flags: { outDir: string; json?: boolean; cmd?: string; profile: string };
    reports: ReportFlags;
    gateSpec: ReturnType<typeof gateSpecOf>;
    render: (cx: Counterexample, replay: string) => Promise<string[]>;
    /** For --html: the command line that makes this check again, and what the adapter reports. */
    command?: string;
    compared?: Compared;
  },
): Promise<Verdict> {
  const { flags, profile, id } = ctx;
  const gate = (result.coverage.gate = coverageGate(result, ctx.gateSpec));
  const verdictLines = [
    ...(result.baseline ? baselineLines(result.baseline) : []),
    ...(result.divergences.length ? [] : gateLines(gate)),
  ];
  const texts: string[][] = [];
  const notes = new Map<Counterexample, string[]>();
  result.divergences = result.divergences.map((cx) => recordAdapter(cx, id.adapter, flags.cmd));
  for (const cx of result.divergences) {
    const file = counterexampleFile(flags.outDir, cx);
    cx.file = file;
    const replay = `npx tcpconform replay ${shellWord(file)}${isProfilePath(flags.profile) ? ' --profile ' + shellWord(flags.profile) : ''}`;
    writeAtomically(file, JSON.stringify(cx, null, 2) + '\n');
    notes.set(cx, [`file:   ${file}`, `replay: ${replay}`]);
    const text = await ctx.render(cx, replay);
    const pcap = counterexamplePcap(cx);
    if (pcap) {
      const pcapFile = pcapFileOf(file);
      writeAtomically(pcapFile, pcap);
      text.push(`  pcap:   ${pcapFile}`);
    }
    // And as a scenario, to keep as a regression test (tcpconform run).
    const tcsFile = tcsFileOf(file);
    writeAtomically(tcsFile, counterexampleTcs(cx));
    text.push(`  scenario: ${tcsFile}`);
    // Found on the kernel: also the script a kernel engineer runs with packetdrill.
    const pkt = id.adapter === 'linux' ? counterexamplePkt(cx) : null;
    if (pkt) {
      const pktFile = pktFileOf(file);
      writeAtomically(pktFile, pkt);
      text.push(`  packetdrill: ${pktFile}`);
    }
    texts.push(text);
  }
  const lines = summary(result);
  const out = flags.json ? process.stderr : process.stdout;
  for (const l of texts.flat()) out.write(l + '\n');
  for (const l of flags.json ? verdictLines : [...lines, ...verdictLines]) out.write(l + '\n');
  const findings = result.divergences.map((cx, i) => ({
    at: cx.divergence.rule,
    message: `diverged at input ${cx.divergence.index + 1}: rule ${cx.divergence.rule} (${cx.divergence.citation})`,
    text: texts[i],
  }));
  const ruleIds = profileRules(profile).map((r) => r.id);
  const gateFailure = !findings.length && !gate.passed ? gateLines(gate) : undefined;
  const outcome = { ...result, ruleIds, findings, summary: [...lines, ...verdictLines], gateFailure };
  const verdict = writeCheckReports(ctx.reports, id, outcome, result);
  if (ctx.reports.html) {
    const command =
      ctx.command ?? `tcpconform check --adapter ${id.adapter} --profile ${profile.name} --seed ${id.seed}`;
    const page = checkPage(result, {
      ...{ command, adapter: id.adapter, profile, verdict, summary: [...lines, ...verdictLines] },
      ...(ctx.compared ? { compared: ctx.compared } : {}),
      notesOf: (cx) => notes.get(cx) ?? [],
    });
    writeHtmlReport(ctx.reports.html, page);
  }
  return verdict;
}

/** The command line that makes the same check: every setting that decides the runs, the seed settled. */
function checkCommandLine(flags: CheckFlags, adapter: string, runs: number, seed: number): string {
  const words = [
    'npx',
    'tcpconform',
    'check',
    '--adapter',
    adapter,
    '--profile',
    flags.profile,
    '--runs',
    String(runs),
  ];
  words.push('--seed', String(seed), '--max-inputs', flags.maxInputs);
  if (flags.mutant) words.push('--mutant', flags.mutant);
  if (flags.cmd) words.push('--cmd', flags.cmd);
  if (flags.slow) words.push('--slow');
  if (flags.grid) words.push('--grid');
  if (flags.shard) words.push('--shard', flags.shard);
  return words.map(shellWord).join(' ');
}
