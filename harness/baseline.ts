/**
 * Baselines: the divergences and crashes already known of an IUT, so that CI fails only on new ones (the
 * expectation files of large conformance suites). `check --baseline FILE` reads one, `--update-baseline`
 * writes it.
 *
 * The file, version 1, is JSON:
 *
 *   {
 *     "tcpconform-baseline": 1,
 *     "entries": [
 *       { "kind": "divergence", "rule": "rst.synReceived.passive", "stateBefore": "SynReceived",
 *         "citation": "RFC 793 §3.9 p.70; ...", "peerIss": 1000, "runSeed": 5, "inputs": [ ... ] },
 *       { "kind": "crash", "crash": "process adapter \"./iut\": no answer within N ms",
 *         "peerIss": 1000, "runSeed": 5, "inputs": [ ... ] }
 *     ]
 *   }
 *
 * "inputs" are written as in counterexample files (harness/counterexample.ts inputToJson): relative to the
 * sequence space, so they replay on any run of the IUT with that peerIss and runSeed. "citation" is for the
 * reader and is not read back. Entries are sorted by signature, so that the file diffs well under review.
 *
 * The signature, which decides whether a finding is known, is not the inputs: shrinking the same bug under
 * another seed gives other minimal inputs (another data length, another offset in the window, another wait).
 * A divergence is known by the rule at fault and the state the model was in before the input that diverged
 * ("rst.synReceived.passive in SynReceived"); a crash by the first line of the adapter's message with every
 * number written N ("no answer within 5000 ms" and "within 3000 ms" are one crash). The price: a second bug
 * in the same rule from the same state is taken for the first. The inputs are kept to replay the entry when
 * a check does not meet it, to tell a bug still there from one that is fixed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Adapter, AdapterFailure } from '../adapters/types';
import { Profile } from '../models/profile';
import { State } from '../models/state';
import { CheckResult, Finding, fixedSource, isCrash, runOnce } from './check';
import { BadCounterexample, InputJson, parseCounterexample, ruleAtFault } from './counterexample';
import { writeAtomically } from './report/files';
import { UsageError } from './cli/exit-codes';

export const BASELINE_VERSION = 1;

export type BaselineEntry =
  | {
      kind: 'divergence';
      rule: string;
      stateBefore: State;
      citation?: string;
      peerIss: number;
      runSeed: number;
      inputs: InputJson[];
    }
  | { kind: 'crash'; crash: string; peerIss: number; runSeed: number; inputs: InputJson[] };

/** What the baseline says of this check, for the --json summary and the text report. */
export interface BaselineReport {
  file: string;
  /** Entries the check met, or whose inputs still diverge when replayed (`runs` 0). */
  known: { signature: string; runs: number }[];
  /** --update-baseline: findings of this check the file did not hold yet. */
  added: string[];
  /** Entries whose inputs no longer reproduce them. Not a failure: the check says so, --update-baseline drops them. */
  fixed: { signature: string; now?: string }[];
  /** Entries not replayed because the adapter failed first. */
  notChecked: string[];
  /** Set when --update-baseline wrote the file: how many entries it holds. */
  written?: number;
}

/** A crash message, made independent of timings, ports, sizes and addresses. */
export const normalisedCrash = (message: string): string =>
  message
    .split('\n')[0]
    .replace(/0x[0-9a-f]+/gi, 'N')
    .replace(/\d+/g, 'N')
    .trim();

export function signatureOf(f: Finding | BaselineEntry): string {
  if ('kind' in f) return f.kind === 'crash' ? `crash: ${normalisedCrash(f.crash)}` : `${f.rule} in ${f.stateBefore}`;
  if (isCrash(f)) return `crash: ${normalisedCrash(f.crash)}`;
  const crash = f.divergence.observed.crash;
  if (crash) return `crash: ${normalisedCrash(crash.how)}`;
  return `${f.divergence.rule} in ${f.divergence.stateBefore}`;
}

export function entryOf(f: Finding): BaselineEntry {
  if (isCrash(f)) return { kind: 'crash', crash: f.crash, peerIss: f.peerIss, runSeed: f.runSeed, inputs: f.inputs };
  const d = f.divergence;
  if (d.observed.crash)
    return { kind: 'crash', crash: d.observed.crash.how, peerIss: f.peerIss, runSeed: f.runSeed, inputs: f.inputs };
  return {
    kind: 'divergence',
    rule: d.rule,
    stateBefore: d.stateBefore,
    ...(d.citation ? { citation: d.citation } : {}),
    peerIss: f.peerIss,
    runSeed: f.runSeed,
    inputs: f.inputs,
  };
}

export function baselineText(entries: BaselineEntry[]): string {
  const sorted = [...entries].sort((a, b) =>
    signatureOf(a) < signatureOf(b) ? -1 : signatureOf(a) > signatureOf(b) ? 1 : 0,
  );
  return JSON.stringify({ 'tcpconform-baseline': BASELINE_VERSION, entries: sorted }, null, 2) + '\n';
}

/** Validates a parsed baseline file; throws UsageError with one line saying what is wrong. */
export function parseBaseline(raw: unknown, file: string): BaselineEntry[] {
  const o = raw as Record<string, unknown>;
  if (!o || typeof o !== 'object' || o['tcpconform-baseline'] !== BASELINE_VERSION || !Array.isArray(o.entries))
    throw new UsageError(
      `${file}: not a tcpconform baseline (expected {"tcpconform-baseline": ${BASELINE_VERSION}, "entries": [...]})`,
    );
  return o.entries.map((e: Record<string, unknown>, i: number) => {
    const where = `${file}: entries[${i}]`;
    if (!e || typeof e !== 'object') throw new UsageError(`${where}: expected an object`);
    try {
      // The inputs, peerIss and runSeed are those of a counterexample file: the same checks apply.
      parseCounterexample({
        tcpconform: 1,
        adapter: '',
        profile: '',
        peerIss: e.peerIss,
        runSeed: e.runSeed,
        inputs: e.inputs,
      });
    } catch (err) {
      if (err instanceof BadCounterexample) throw new UsageError(`${where}: ${err.message}`);
      throw err;
    }
    if (e.kind === 'crash' && typeof e.crash === 'string') return e as BaselineEntry;
    if (e.kind === 'divergence' && typeof e.rule === 'string' && typeof e.stateBefore === 'string')
      return e as BaselineEntry;
    throw new UsageError(
      `${where}: expected "kind": "divergence" with "rule" and "stateBefore", or "kind": "crash" with "crash"`,
    );
  });
}

export class Baseline {
  readonly bySignature = new Map<string, BaselineEntry>();

  constructor(
    readonly file: string,
    entries: BaselineEntry[],
    /** --update-baseline: every finding is taken as known, so that the check goes on and records them all. */
    readonly updating = false,
  ) {
    for (const e of entries) this.bySignature.set(signatureOf(e), e);
  }

  /** For CheckOptions.known. */
  readonly matches = (f: Finding): string | null => {
    const s = signatureOf(f);
    return this.updating || this.bySignature.has(s) ? s : null;
  };

  /**
   * After the check: replays each entry the check did not meet, once, on the adapter checked, and writes the
   * file when updating: what the check found plus the entries that still reproduce (or could not be replayed).
   */
  async settle(adapter: Adapter, profile: Profile, result: CheckResult): Promise<BaselineReport> {
    const report: BaselineReport = { file: this.file, known: [], added: [], fixed: [], notChecked: [] };
    const met = new Set<string>();
    const keep: BaselineEntry[] = [];
    for (const k of result.known ?? []) {
      met.add(k.signature);
      keep.push(entryOf(k.finding));
      if (this.bySignature.has(k.signature)) report.known.push({ signature: k.signature, runs: k.runs });
      else report.added.push(k.signature);
    }
    let adapterGone = result.endedAtKnownCrash === true;
    // Crashes last: after one the adapter is gone.
    const unmet = [...this.bySignature]
      .filter(([s]) => !met.has(s))
      .sort(([, a], [, b]) => Number(a.kind === 'crash') - Number(b.kind === 'crash'));
    for (const [signature, entry] of unmet) {
      if (adapterGone) {
        report.notChecked.push(signature);
        keep.push(entry);
        continue;
      }
      const outcome = await replay(adapter, profile, entry);
      if (outcome.crashed) adapterGone = true;
      if (outcome.signature === signature) {
        report.known.push({ signature, runs: 0 });
        keep.push(entry);
      } else report.fixed.push({ signature, ...(outcome.signature ? { now: outcome.signature } : {}) });
    }
    if (this.updating) {
      writeAtomically(this.file, baselineText(keep));
      report.written = keep.length;
    }
    return report;
  }
}

/** One replay of an entry's inputs: the signature of what it gives now (null: it conforms). */
async function replay(
  adapter: Adapter,
  profile: Profile,
  entry: BaselineEntry,
): Promise<{ signature: string | null; crashed: boolean }> {
  const { inputs } = parseCounterexample({ tcpconform: 1, adapter: '', profile: '', ...entry });
  try {
    const r = await runOnce(adapter, profile, fixedSource(inputs), entry.peerIss, entry.runSeed, null, false);
    const crash = r.divergence?.observed.crash;
    if (crash) return { signature: `crash: ${normalisedCrash(crash.how)}`, crashed: false };
    return {
      signature: r.divergence ? `${ruleAtFault(r.divergence)} in ${r.divergence.stateBefore}` : null,
      crashed: false,
    };
  } catch (e) {
    if (e instanceof AdapterFailure) return { signature: `crash: ${normalisedCrash(e.message)}`, crashed: true };
    throw e;
  }
}

/** Reads --baseline FILE before the check; with --update-baseline a missing file is an empty baseline. */
export function loadBaseline(file: string, updating: boolean): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (!(updating && code === 'ENOENT'))
      throw new UsageError(`cannot read baseline file ${file}: ${code ?? (e as Error).message}`);
    text = '';
  }
  if (updating) {
    const dir = path.dirname(path.resolve(file));
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (e) {
      throw new UsageError(
        `cannot write baseline file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message} on ${dir}`,
      );
    }
  }
  if (text === '') return new Baseline(file, [], updating);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return new Baseline(file, parseBaseline(raw, file), updating);
}

/** The text report: one line per known, added, fixed or unchecked entry. */
export function baselineLines(r: BaselineReport): string[] {
  const counts = [`${r.known.length} known`, `${r.fixed.length} fixed`];
  if (r.added.length) counts.push(`${r.added.length} added`);
  if (r.notChecked.length) counts.push(`${r.notChecked.length} not checked`);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const lines = [`baseline ${r.file}: ${counts.join(', ')}`];
  for (const k of r.known) {
    const how = k.runs
      ? `met in ${plural(k.runs, 'run', 'runs')}`
      : 'not met by the check; its inputs still reproduce it';
    lines.push(`  known: ${k.signature} (${how})`);
  }
  for (const a of r.added) lines.push(`  added: ${a}`);
  for (const f of r.fixed) {
    lines.push(`  fixed: ${f.signature} — no longer reproduces${f.now ? ` (its inputs now give: ${f.now})` : ''}`);
  }
  for (const s of r.notChecked) lines.push(`  not checked: ${s} — the adapter failed before it could be replayed`);
  if (r.written !== undefined) lines.push(`baseline written: ${r.file}, ${plural(r.written, 'entry', 'entries')}`);
  return lines;
}
