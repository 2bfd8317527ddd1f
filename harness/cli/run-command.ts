// `tcpconform run FILE|DIR...`: play scenario files (.tcs, docs/scenarios.md) on an adapter, each checked
// against the model in lockstep and against its own expectations. With --adapter model the IUT is the model
// itself, so the scenarios test the model's predictions.
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_ADAPTER } from '../../adapters/registry';
import { Adapter } from '../../adapters/types';
import { DEFAULT_PROFILE } from '../../models/profiles';
import { Profile } from '../../models/profile';
import { counterexampleLines, traceLines } from '../report/notation';
import { BadScenario, parseScenario } from '../scenario/parse';
import { ScenarioResult, runScenario } from '../scenario/run';
import { Scenario } from '../scenario/scenario';
import { openAdapter } from './check-command';
import { EXIT, UsageError } from './exit-codes';
import { profileNamed } from './options';
import { shellWord } from '../report/shell-word';
import { traceToJson } from '../counterexample';
import { counterexampleTrace, overridesOf, rulesOf } from '../report/html/gather';
import { HtmlTrace } from '../report/html/page';
import { writeHtmlReport } from '../report/html/write';
import { checkOutputFile } from './outputs';
import { junitXml } from '../report/junit';
import { writeAtomically } from '../report/files';
import { runSuite } from '../scenario/junit';

export interface RunFlags {
  adapter?: string;
  profile?: string;
  mutant?: string;
  cmd?: string;
  json?: boolean;
  html?: string;
  junit?: string;
}

/** The .tcs files a path names: the file itself, or every .tcs under a directory, in name order. */
export function scenarioFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f);
      else if (e.name.endsWith('.tcs')) out.push(f);
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      throw new UsageError(`cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (st.isDirectory()) {
      const before = out.length;
      walk(p);
      if (out.length === before) throw new UsageError(`${p} holds no scenario files (.tcs)`);
    } else out.push(p);
  }
  return out;
}

export function readScenario(file: string): Scenario {
  let text: string;
  try {
    text = fs.readFileSync(file, 'latin1');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  try {
    return parseScenario(text, file);
  } catch (e) {
    if (e instanceof BadScenario) throw new UsageError(e.message);
    throw e;
  }
}

const print = (...lines: string[]) => process.stdout.write(lines.join('\n') + '\n');

function runLine(file: string, adapterName: string, flags: RunFlags, profile?: string): string {
  const words = ['npx', 'tcpconform', 'run', file, '--adapter', adapterName];
  if (profile) words.push('--profile', profile);
  if (flags.mutant) words.push('--mutant', flags.mutant);
  if (flags.cmd !== undefined) words.push('--cmd', flags.cmd);
  return words.map(shellWord).join(' ');
}

function reportLines(r: ScenarioResult, adapterName: string, flags: RunFlags): string[] {
  const sc = r.scenario;
  const name = `${sc.file}${sc.title ? `  ${sc.title}` : ''}`;
  if (r.verdict === 'skip') return [`SKIP  ${name}: ${r.reason}`];
  if (r.verdict === 'pass') return [`PASS  ${name} (${sc.steps.length} steps, profile ${r.profile})`];
  const lines = [`FAIL  ${name} (profile ${r.profile})`];
  const d = r.divergence?.divergence;
  if (d) {
    const line = sc.steps[d.index].line;
    lines.push(`  ${sc.file}:${line}: the IUT left the outcomes the model allows: rule ${d.rule} (${d.citation})`);
  }
  for (const f of r.failures) lines.push(`  ${sc.file}:${f.line}: ${f.message}`);
  const again = runLine(sc.file, adapterName, flags, flags.profile);
  const run = r.run!;
  if (r.divergence) {
    const drawn = counterexampleLines(r.divergence, run.trace, run.divergence!.concrete, again);
    lines.push(...drawn.map((l) => '  ' + l));
  } else lines.push(...traceLines(run.trace).map((l) => '  ' + l), `    again: ${again}`);
  return lines;
}

/** A scenario on the HTML page: its run on the diagram, its unmet expectations under it. */
function htmlTrace(r: ScenarioResult, adapterName: string, flags: RunFlags): HtmlTrace {
  const sc = r.scenario;
  const title = `${sc.file}${sc.title ? `: ${sc.title}` : ''}`;
  const notes = [
    ...r.failures.map((f) => `${sc.file}:${f.line}: ${f.message}`),
    `again: ${runLine(sc.file, adapterName, flags, flags.profile)}`,
  ];
  if (r.divergence) return counterexampleTrace(r.divergence, title, undefined, notes);
  const text = r.verdict === 'skip' ? `skipped: ${r.reason}` : r.verdict === 'pass' ? 'passed' : 'expectations not met';
  return { title, verdict: { ok: r.verdict === 'pass', text }, steps: r.run ? traceToJson(r.run.trace) : [], notes };
}

function resultJson(r: ScenarioResult) {
  return {
    file: r.scenario.file,
    ...(r.scenario.title !== undefined ? { title: r.scenario.title } : {}),
    profile: r.profile,
    verdict: r.verdict,
    ...(r.reason ? { reason: r.reason } : {}),
    steps: r.scenario.steps.length,
    failures: r.failures,
    ...(r.divergence ? { divergence: r.divergence.divergence } : {}),
  };
}

export async function runCommand(paths: string[], flags: RunFlags): Promise<number> {
  if (flags.html !== undefined) checkOutputFile('--html', flags.html);
  if (flags.junit !== undefined) checkOutputFile('--junit', flags.junit);
  const startedAt = new Date();
  const files = scenarioFiles(paths);
  if (files.length === 0) throw new UsageError('no scenario files given');
  // Every file is read before anything runs: a mistake in the tenth file is not found after nine runs.
  const scenarios = files.map(readScenario);
  const adapterName = flags.adapter ?? DEFAULT_ADAPTER;
  if (flags.mutant && adapterName !== 'simulator')
    throw new UsageError(`--mutant injects a seeded bug into the simulator; adapter ${adapterName} has none`);
  if (flags.cmd !== undefined && adapterName !== 'process')
    throw new UsageError('--cmd starts the IUT of the process adapter; use it with --adapter process');
  const profiles = new Map<string, Profile>();
  const profileOf = (sc: Scenario) => {
    const name = flags.profile ?? sc.profile ?? DEFAULT_PROFILE;
    if (!profiles.has(name)) profiles.set(name, profileNamed(name));
    return profiles.get(name)!;
  };
  scenarios.forEach(profileOf); // an unknown profile is a usage error before any run
  // Adapters that emulate a profile are opened for it: one per profile the scenarios name.
  const adapters = new Map<string, Adapter>();
  const results: ScenarioResult[] = [];
  try {
    for (const sc of scenarios) {
      const profile = profileOf(sc);
      let adapter = adapters.get(profile.name);
      if (!adapter) {
        adapter = await openAdapter(adapterName, profile.name, { mutant: flags.mutant, cmd: flags.cmd });
        adapters.set(profile.name, adapter);
      }
      const recorded = {
        adapter: adapterName,
        ...(flags.cmd !== undefined ? { cmd: flags.cmd } : {}),
        ...(flags.mutant ? { mutant: flags.mutant } : {}),
      };
      const r = await runScenario(sc, adapter, profile, recorded);
      results.push(r);
      if (!flags.json) print(...reportLines(r, adapterName, flags));
    }
  } finally {
    for (const a of adapters.values()) await a.dispose();
  }
  const count = (v: ScenarioResult['verdict']) => results.filter((r) => r.verdict === v).length;
  const [passed, failed, skipped] = [count('pass'), count('fail'), count('skip')];
  const on = `${adapterName}${flags.mutant ? ` (${flags.mutant})` : ''}`;
  const exit = failed ? EXIT.divergence : passed === 0 ? EXIT.adapterUnavailable : EXIT.conformant;
  if (flags.junit !== undefined) {
    const suite = runSuite(results, {
      adapter: adapterName,
      mutant: flags.mutant,
      startedAt,
      elapsedMs: Date.now() - startedAt.getTime(),
      lines: (r) => reportLines(r, adapterName, flags),
    });
    writeAtomically(flags.junit, junitXml(suite));
  }
  if (flags.html !== undefined) {
    const profile = [...profiles.values()][0];
    const command = ['npx', 'tcpconform', 'run', ...paths, '--adapter', adapterName].map(shellWord).join(' ');
    writeHtmlReport(flags.html, {
      title: `tcpconform run on ${on}`,
      command,
      adapter: adapterName,
      profile: [...profiles.keys()].join(', '),
      verdict: { ok: exit === EXIT.conformant, text: `${passed} passed, ${failed} failed, ${skipped} skipped` },
      traces: results.map((r) => htmlTrace(r, adapterName, flags)),
      rules: rulesOf(profile),
      overrides: overridesOf(profile),
    });
  }
  if (flags.json)
    print(JSON.stringify({ adapter: adapterName, passed, failed, skipped, scenarios: results.map(resultJson) }));
  else {
    const summary = `${results.length} scenario${results.length === 1 ? '' : 's'} on ${on}: ${passed} passed, ${failed} failed, ${skipped} skipped`;
    print(exit === EXIT.adapterUnavailable ? `${summary}: the adapter could play none of them` : summary);
  }
  return exit;
}
