// `npm run bench`: the model's raw step rate, the Linux adapter's raw rate, and for each adapter the events per
// second of a check on one lane beside a check on the default lanes of `check` (--jobs; for the in-process
// adapters, one thread beside the default worker threads). `npm run bench -- --in-process` measures only those.
// Speed targets are checked here, never by timed unit tests.
import * as path from 'path';
import { ADAPTERS, findAdapter } from '../../adapters/registry';
import { Adapter, AdapterUnavailable } from '../../adapters/types';
import { ConcreteInput } from '../../models/input';
import { findProfile } from '../../models/profiles';
import { ACK, FIN, SYN } from '../../models/segment';
import { step } from '../../models/step';
import { closedTcb } from '../../models/tcb';
import { CheckResult, runCheck } from '../check';
import { loadBaseline } from '../baseline';
import { defaultJobs, disposeLanes, openLanes, openWorkers } from '../cli/lanes';
import type { WorkerPool } from '../workers/pool';

// Targets: in-process adapters through the harness; the packet-level Linux adapter by itself (issue 4: the
// kernel answers a SYN through the TUN device in about 15 µs, and the adapter may take three times that); and
// issue 14's for checks on lanes: linux --runs 2000 --seed 1 within 10 s, at least 4,000 events/s of wall clock
// and 30,000 outside the waits; the default lanes at least 10 times one lane on linux and lwip, 1.7 times on the
// in-process adapters.
const TARGETS: Record<string, number> = { model: 100_000, simulator: 100_000 };
const LINUX_ADAPTER_TARGET = 20_000;
const LINUX_WALL_MS = 10_000;
const LINUX_WALL_RATE = 4_000;
const LINUX_OUTSIDE_RATE = 30_000;
const SPEEDUP: Record<string, number> = { linux: 10, lwip: 10, model: 1.7, simulator: 1.7 };

/** The adapters measured by default: in-process, the kernel, and IUTs in child processes. */
const BENCHED = ['model', 'simulator', 'linux', 'lwip', 'gvisor', 'slirp', 'process'];

/** A process IUT: the simulator served over the process protocol by a child. */
const SERVE = `node ${path.join(__dirname, '..', 'cli', 'main.js')} serve`;

/** The known bugs of a stack whose profile leaves them divergences, beside its adapter. */
const KNOWN_BUGS = (name: string) => path.join(__dirname, '..', '..', '..', 'adapters', name, 'known-bugs.json');

/** Each stack against its own profile where it has one, and over its known bugs: a divergence would end the
 *  check early. */
const SETUP: Record<string, { profile: string; runs: number; oneLane: number; cmd?: string; baseline?: string }> = {
  model: { profile: 'rfc9293', runs: 20000, oneLane: 20000 },
  simulator: { profile: 'rfc9293', runs: 20000, oneLane: 20000 },
  linux: { profile: 'linux', runs: 2000, oneLane: 200 },
  lwip: { profile: 'lwip', runs: 1000, oneLane: 1000 },
  gvisor: { profile: 'gvisor', runs: 1000, oneLane: 1000, baseline: KNOWN_BUGS('gvisor') },
  slirp: { profile: 'slirp', runs: 1000, oneLane: 1000, baseline: KNOWN_BUGS('slirp') },
  process: { profile: 'rfc9293', runs: 1000, oneLane: 1000, cmd: SERVE },
};

const ok = (good: boolean) => (good ? 'ok' : 'BELOW TARGET');
const runsIn = (r: CheckResult) =>
  `${r.runs} runs in ${(r.elapsedMs / 1000).toFixed(1)} s${r.divergences.length ? ' (ended at a divergence)' : ''}`;

function modelStepRate(): number {
  const p = findProfile('rfc9293')!;
  // One connection's life: passive open, handshake, data, close from both sides, TIME-WAIT expiry.
  const script: ConcreteInput[] = [
    { kind: 'call', call: 'open', mode: 'passive' },
    { kind: 'segment', segment: { seq: 1000, ack: 0, ctl: SYN, wnd: 8192, data: '' } },
    { kind: 'segment', segment: { seq: 1001, ack: 301, ctl: ACK, wnd: 8192, data: 'hello' } },
    { kind: 'call', call: 'receive' },
    { kind: 'call', call: 'close' },
    { kind: 'segment', segment: { seq: 1006, ack: 302, ctl: ACK | FIN, wnd: 8192, data: '' } },
    { kind: 'wait', ms: 240000 },
  ];
  const n = 30000;
  const t0 = performance.now();
  let steps = 0;
  for (let i = 0; i < n; i++) {
    let t = closedTcb();
    for (const input of script) {
      t = step(t, input, p, { iss: 300 })[0].tcb;
      steps++;
    }
  }
  return steps / ((performance.now() - t0) / 1000);
}

/** One check on one lane, one on the default lanes of `check`: their rates side by side. */
async function benchAdapter(name: string): Promise<string[][]> {
  const setup = SETUP[name] ?? { profile: 'rfc9293', runs: 1000, oneLane: 1000 };
  const profile = findProfile(setup.profile) ?? findProfile('rfc9293')!;
  const open = () => findAdapter(name)!.create({ profile: profile.name, cmd: setup.cmd });
  const adapter = await open();
  const known = setup.baseline ? { known: loadBaseline(setup.baseline, false).matches } : {};
  const rows: string[][] = [];
  let lanes: Adapter[] = [];
  let workers: WorkerPool | null = null;
  try {
    // Warm-up, so that neither of the two checks compared pays for the JIT compiling the model.
    await runCheck({ adapter, profile, runs: adapter.synchronous ? 3000 : 100, seed: 7, ...known });
    const one = await runCheck({ adapter, profile, runs: setup.oneLane, seed: 1, ...known });
    const jobs = defaultJobs(adapter, setup.runs);
    const t0 = performance.now();
    workers = await openWorkers(adapter, jobs);
    const started = performance.now() - t0;
    // The workers warm up too: each sees only its share of the runs, and compiles its own code.
    if (workers) await runCheck({ adapter, profile, runs: 6000, seed: 7, workers, ...known });
    else lanes = await openLanes(adapter, jobs, open);
    const all = await runCheck({
      adapter,
      lanes,
      profile,
      runs: setup.runs,
      seed: 1,
      ...known,
      ...(workers ? { workers } : {}),
    });
    const n = workers ? workers.size : lanes.length + 1;
    const what = workers ? ['thread', `worker thread${n > 1 ? 's' : ''}`] : ['lane', `lane${n > 1 ? 's' : ''}`];
    const target = TARGETS[name];
    const note =
      setup.profile === 'rfc9293' && findProfile(name) === undefined && name !== 'model' && name !== 'simulator'
        ? ' (no profile of its own: the rate of shrinking)'
        : '';
    rows.push([`${name}, 1 ${what[0]}`, `${one.eventsPerSecond}`, target ? `${target}` : '', runsIn(one) + note]);
    rows.push([`${name}, ${n} ${what[1]} (the default)`, `${all.eventsPerSecond}`, '', runsIn(all)]);
    if (workers) rows.push([`${name}, starting ${n} ${what[1]}, ms`, `${Math.round(started)}`, '', '']);
    const speedup = all.eventsPerSecond / Math.max(1, one.eventsPerSecond);
    const want = SPEEDUP[name];
    rows.push([
      `${name}, default / 1 ${what[0]}`,
      `${speedup.toFixed(1)}x`,
      want ? `${want}x` : '',
      want ? ok(speedup >= want) : '',
    ]);
    if (one.realTime && all.realTime) {
      const out = all.realTime.eventsPerSecondOutsideWaits;
      const linux = name === 'linux';
      rows.push([`${name}, 1 lane, outside waits`, `${one.realTime.eventsPerSecondOutsideWaits}`, '', '']);
      rows.push([
        `${name}, ${n} lanes, outside waits`,
        `${out}`,
        linux ? `${LINUX_OUTSIDE_RATE}` : '',
        linux ? ok(out >= LINUX_OUTSIDE_RATE) : '',
      ]);
      if (linux) {
        rows.push([
          `${name}, ${n} lanes, wall clock`,
          `${all.eventsPerSecond}`,
          `${LINUX_WALL_RATE}`,
          ok(all.eventsPerSecond >= LINUX_WALL_RATE),
        ]);
        rows.push([
          `${name}, ${setup.runs} runs of seed 1, ms`,
          `${all.elapsedMs}`,
          `${LINUX_WALL_MS}`,
          ok(all.elapsedMs <= LINUX_WALL_MS),
        ]);
      }
    }
  } finally {
    await workers?.close();
    await disposeLanes(lanes);
    await adapter.dispose();
  }
  return rows;
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const inProcess = process.argv.includes('--in-process');
  const rate = modelStepRate();
  rows.push(['model.step (raw)', `${Math.round(rate)}`, '', '']);
  // The kernel behind its TUN device without the harness: SYN -> SYN,ACK, ACK, RST loops (root only).
  if (!inProcess)
    try {
      const { benchLinux } = await import('../../adapters/linux/bench');
      const linuxRaw = await benchLinux({ durationMs: 2000 });
      rows.push([
        'linux adapter (raw)',
        `${Math.round(linuxRaw)}`,
        `${LINUX_ADAPTER_TARGET}`,
        ok(linuxRaw >= LINUX_ADAPTER_TARGET),
      ]);
    } catch (e) {
      rows.push(['linux adapter (raw)', 'unavailable', '', String((e as Error).message ?? e).split('\n')[0]]);
    }
  const only = inProcess ? ['model', 'simulator'] : process.argv.slice(2);
  for (const entry of ADAPTERS) {
    if (only.length ? !only.includes(entry.name) : !BENCHED.includes(entry.name)) continue;
    try {
      rows.push(...(await benchAdapter(entry.name)));
    } catch (e) {
      const why = e instanceof AdapterUnavailable ? e.message : String((e as Error).message ?? e).split('\n')[0];
      rows.push([entry.name, 'unavailable', '', why]);
    }
  }
  const w = [44, 12, 10, 0];
  process.stdout.write(['what', 'events/s', 'target', ''].map((c, i) => c.padEnd(w[i])).join('') + '\n');
  for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(w[i])).join('') + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench: ${e?.message ?? e}\n`);
  process.exitCode = 1;
});
