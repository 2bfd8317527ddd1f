// `npm run bench`: the model's raw step rate and the harness's events per second per adapter.
// Speed targets are checked here, never by timed unit tests.
import { ADAPTERS } from '../../adapters/registry';
import { findProfile } from '../../models/profiles';
import { step } from '../../models/step';
import { closedTcb } from '../../models/tcb';
import { ACK, FIN, SYN } from '../../models/segment';
import { ConcreteInput } from '../../models/input';
import { runCheck } from '../check';
import { AdapterUnavailable } from '../../adapters/types';

// Targets: in-process adapters through the harness; the packet-level Linux adapter by itself (issue 4: the
// kernel answers a SYN through the TUN device in about 15 µs, and the adapter may take three times that).
const TARGETS: Record<string, number> = { model: 100_000, simulator: 100_000 };
const LINUX_ADAPTER_TARGET = 20_000;

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

async function main(): Promise<void> {
  const rows: string[][] = [];
  const rate = modelStepRate();
  rows.push(['model.step (raw)', `${Math.round(rate)}`, '', '']);
  // The kernel behind its TUN device without the harness: SYN -> SYN,ACK, ACK, RST loops (root only).
  try {
    const { benchLinux } = await import('../../adapters/linux/bench');
    const linuxRaw = await benchLinux({ durationMs: 2000 });
    rows.push([
      'linux adapter (raw)',
      `${Math.round(linuxRaw)}`,
      `${LINUX_ADAPTER_TARGET}`,
      linuxRaw >= LINUX_ADAPTER_TARGET ? 'ok' : 'BELOW TARGET',
    ]);
  } catch (e) {
    rows.push(['linux adapter (raw)', 'unavailable', '', String((e as Error).message ?? e).split('\n')[0]]);
  }
  const only = process.argv.slice(2);
  for (const entry of ADAPTERS) {
    if (only.length ? !only.includes(entry.name) : !(entry.name in TARGETS) && entry.name !== 'linux') continue;
    // An implementation's own profile where there is one (linux): a divergence would stop the check early and
    // the events/s would then measure shrinking, not the adapter.
    const profile = findProfile(entry.name) ?? findProfile('rfc9293')!;
    let adapter;
    try {
      adapter = await entry.create({ profile: profile.name });
    } catch (e) {
      rows.push([
        `harness + ${entry.name}`,
        'unavailable',
        '',
        e instanceof AdapterUnavailable ? e.message : String(e),
      ]);
      continue;
    }
    try {
      await runCheck({ adapter, profile, runs: 300, seed: 7 }); // warm-up
      const r = await runCheck({ adapter, profile, runs: entry.name === 'linux' ? 300 : 3000, seed: 1 });
      const target = TARGETS[entry.name];
      const verdict = (rate: number) => (target ? (rate >= target ? 'ok' : 'BELOW TARGET') : '');
      if (r.realTime) {
        // A real-time IUT's timers take the time they take: the work around them is shown apart (model, harness
        // and adapter together; the adapter alone is the row above).
        const rt = r.realTime;
        rows.push([
          `harness + ${entry.name}, outside waits`,
          `${rt.eventsPerSecondOutsideWaits}`,
          target ? `${target}` : '',
          target ? verdict(rt.eventsPerSecondOutsideWaits) : 'model, harness and kernel together',
        ]);
        rows.push([
          `harness + ${entry.name}, wall clock`,
          `${r.eventsPerSecond}`,
          '',
          `${r.runs} runs in ${(r.elapsedMs / 1000).toFixed(1)} s, ${(rt.waitedMs / 1000).toFixed(1)} s of it waiting for the kernel's timers`,
        ]);
      } else
        rows.push([
          `harness + ${entry.name}`,
          `${r.eventsPerSecond}`,
          target ? `${target}` : '',
          verdict(r.eventsPerSecond),
        ]);
    } finally {
      await adapter.dispose();
    }
  }
  const w = [36, 12, 10, 0];
  process.stdout.write(['what', 'events/s', 'target', ''].map((c, i) => c.padEnd(w[i])).join('') + '\n');
  for (const r of rows) process.stdout.write(r.map((c, i) => c.padEnd(w[i])).join('') + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench: ${e?.message ?? e}\n`);
  process.exitCode = 1;
});
