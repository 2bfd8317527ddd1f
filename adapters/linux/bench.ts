// Micro-benchmark of the packet-level Linux adapter, for `npm run bench`: a tight loop of runs
//   reset; OPEN passive (listen) ; <SYN> -> <SYN,ACK> ; <ACK> ; <RST>
// through the real adapter (worker round trips included). An event is one input applied: 4 per run, the reset
// (which travels with the next input, costing no round trip of its own) is not counted.
import { ACK, RST, SYN } from '../../models/segment';
import { seqAdd } from '../../models/seq';
import { AdapterFailure } from '../types';
import { createLinuxAdapter } from './adapter';

export interface LinuxBenchResult {
  events: number;
  runs: number;
  elapsedMs: number;
  eventsPerSecond: number;
}

export async function benchLinuxDetailed(options: { durationMs?: number } = {}): Promise<LinuxBenchResult> {
  const durationMs = options.durationMs ?? 2000;
  const adapter = await createLinuxAdapter({ profile: 'rfc9293' });
  try {
    // Warm-up: JIT and the kernel's caches.
    const once = async (): Promise<void> => {
      await adapter.reset({ profile: 'rfc9293', seed: 0 });
      await adapter.apply({ kind: 'call', call: 'open', mode: 'passive' });
      const peerIss = 1000;
      const synAck = await adapter.apply({
        kind: 'segment',
        segment: { seq: peerIss, ack: 0, ctl: SYN, wnd: 8192, data: '', mss: 1460 },
      });
      const sa = synAck.segments[0];
      if (!sa || sa.ctl !== (SYN | ACK)) {
        throw new AdapterFailure(`bench: expected <SYN,ACK> to a SYN in LISTEN, got ${JSON.stringify(synAck)}`);
      }
      const iutNxt = seqAdd(sa.seq, 1);
      await adapter.apply({
        kind: 'segment',
        segment: { seq: peerIss + 1, ack: iutNxt, ctl: ACK, wnd: 8192, data: '' },
      });
      await adapter.apply({ kind: 'segment', segment: { seq: peerIss + 1, ack: 0, ctl: RST, wnd: 0, data: '' } });
    };
    for (let i = 0; i < 200; i++) await once();
    let runs = 0;
    const start = process.hrtime.bigint();
    let elapsedMs = 0;
    while (elapsedMs < durationMs) {
      for (let i = 0; i < 100; i++) await once();
      runs += 100;
      elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
    }
    const events = runs * 4;
    return { events, runs, elapsedMs, eventsPerSecond: Math.round((events * 1000) / elapsedMs) };
  } finally {
    await adapter.dispose();
  }
}

/** Events per second of the packet-level Linux adapter (see the file comment for what an event is). */
export async function benchLinux(options: { durationMs?: number } = {}): Promise<number> {
  return (await benchLinuxDetailed(options)).eventsPerSecond;
}
