// `tcpconform mutants --observations --adapter A`: how much a PASS excludes. Each run of a check is recorded once
// on the IUT; then one observation at a time is perturbed and the model says whether it still allows the run
// (harness/observation-mutants). The table gives, per kind of perturbation, how many were detected, and the
// reasons of those that were not.
import { DEFAULT_PROFILE } from '../../models/profiles';
import { ObservationMutantsReport, observationMutants } from '../observation-mutants/run';
import { openAdapter } from './check-command';
import { EXIT, UsageError } from './exit-codes';
import { positiveInt, profileNamed, seedValue } from './options';

export interface ObservationsFlags {
  adapter: string;
  profile?: string;
  cmd?: string;
  runs?: string;
  seed: string;
  json?: boolean;
  html?: string;
}

const DEFAULT_RUNS = 300;
const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

export function reportLines(r: ObservationMutantsReport): string[] {
  const w = [20, 9, 10, 9];
  const row = (c: string[]) => c.map((x, i) => x.padEnd(w[i] ?? 0)).join('');
  const lines = [
    `observation mutants: ${r.adapter}, profile ${r.profile}, seed ${r.seed}: ${r.runs} runs` +
      (r.diverged ? ` (${r.diverged} left out: the IUT itself diverged)` : ''),
    row(['kind', 'applied', 'detected', 'rate']),
  ];
  for (const k of r.kinds) lines.push(row([k.kind, String(k.applied), String(k.detected), pct(k.detected, k.applied)]));
  lines.push(row(['all', String(r.applied), String(r.detected), pct(r.detected, r.applied)]));
  const undetected = r.kinds.filter((k) => k.applied > k.detected);
  if (undetected.length) lines.push('', 'undetected, by reason:');
  for (const k of undetected)
    for (const [reason, n] of Object.entries(k.reasons).sort((a, b) => b[1] - a[1]))
      lines.push(`  ${k.kind}: ${n}× ${reason}`);
  return lines;
}

export async function observationsCommand(flags: ObservationsFlags): Promise<number> {
  if (flags.html !== undefined) throw new UsageError('--html is not written for --observations yet');
  const runs = flags.runs === undefined ? DEFAULT_RUNS : positiveInt('--runs', flags.runs);
  const seed = seedValue(flags.seed);
  if (flags.cmd !== undefined && flags.adapter !== 'process')
    throw new UsageError('--cmd starts the IUT of the process adapter; use it with --adapter process');
  const profile = profileNamed(flags.profile ?? DEFAULT_PROFILE);
  const adapter = await openAdapter(flags.adapter, profile.name, { cmd: flags.cmd });
  try {
    const r = await observationMutants({ adapter, profile, runs, seed });
    if (flags.json) process.stdout.write(JSON.stringify(r) + '\n');
    else process.stdout.write(reportLines(r).join('\n') + '\n');
    return EXIT.conformant;
  } finally {
    await adapter.dispose();
  }
}
