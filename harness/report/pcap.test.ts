// Issue 15, item 4: a counterexample's run as a pcap, read back by Debian's tshark: every segment in order, each
// way, with its flags, sequence and acknowledgment numbers and length as the counterexample records them, the
// checksums good, the times those of the run's clock. Without tshark it skips saying so (under CI=true it fails:
// .ci/run installs it).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findAdapter } from '../../adapters/registry';
import { rfc9293 } from '../../models/profiles/rfc9293';
import { ACK, FIN, PSH, RST, SYN, segmentFromJson } from '../../models/segment';
import { runCheck } from '../check';
import { Counterexample, concreteFromJson } from '../counterexample';
import { cli } from '../cli/__fixtures__/in-process';
import { PCAP_IUT, PCAP_TESTER, counterexamplePcap } from './pcap';

function tsharkPath(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v tshark'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

const tshark = tsharkPath();
if (!tshark) {
  const why = 'tshark is not installed (apt-get install tshark)';
  if (process.env.CI === 'true') throw new Error(`pcap tests: ${why}; .ci/run installs it`);
  console.warn(`SKIPPED pcap tests: ${why}`);
}
const describeTshark = tshark ? describe : describe.skip;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-pcap-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** tshark's reading of a pcap: one row per packet. */
function readBack(file: string): string[][] {
  const fields = ['frame.time_relative', 'ip.src', 'tcp.srcport', 'tcp.flags', 'tcp.seq', 'tcp.ack', 'tcp.len'];
  const checks = ['tcp.checksum.status', 'ip.checksum.status'];
  const out = execFileSync(
    tshark!,
    [
      '-r',
      file,
      '-o',
      'tcp.check_checksum:TRUE',
      '-o',
      'ip.check_checksum:TRUE',
      '-o',
      'tcp.relative_sequence_numbers:FALSE',
      '-T',
      'fields',
      ...[...fields, ...checks].flatMap((f) => ['-e', f]),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return out
    .trimEnd()
    .split('\n')
    .map((l) => l.split('\t'));
}

/** What the counterexample itself says was sent, each way, and when by the run's clock (ms of waits). */
function recorded(cx: Counterexample) {
  const rows: { ms: number; fromIut: boolean; ctl: number; seq: number; ack: number; len: number }[] = [];
  let ms = 0;
  for (const s of [...cx.trace!, { input: cx.sent!, observed: cx.divergence.observed }]) {
    const input = concreteFromJson(s.input);
    if (input.kind === 'wait') ms += input.ms;
    const segs = [...(input.kind === 'segment' ? [{ from: false, seg: input.segment }] : [])];
    for (const j of s.observed.segments) segs.push({ from: true, seg: segmentFromJson(j) });
    for (const { from, seg } of segs)
      rows.push({
        ms,
        fromIut: from,
        ctl: seg.ctl,
        seq: seg.seq,
        ack: seg.ctl & ACK ? seg.ack : 0,
        len: seg.data.length,
      });
  }
  return rows;
}

async function counterexampleOf(mutant: string, seed: number): Promise<Counterexample> {
  const adapter = await findAdapter('simulator')!.create({ profile: 'rfc9293', mutant });
  const r = await runCheck({ adapter, profile: rfc9293, runs: 2000, seed, mutant });
  expect(r.divergences).toHaveLength(1);
  return r.divergences[0];
}

describeTshark('a counterexample as a pcap, read back by tshark', () => {
  test.each([
    ['finAckOffByOne', 1], // a handshake and a FIN
    ['timeWaitTooShort', 1], // data, closes from both sides and a long wait
    ['noAckForUnacceptable', 2],
  ])('%s (seed %d): every segment, in order, as recorded; checksums good; times from the waits', async (m, seed) => {
    const cx = await counterexampleOf(m, seed);
    const file = path.join(tmp, `${m}.pcap`);
    fs.writeFileSync(file, counterexamplePcap(cx)!);
    const got = readBack(file);
    const want = recorded(cx);
    expect(want.length).toBeGreaterThan(1);
    expect(got).toHaveLength(want.length);
    const FLAGS = { [FIN]: 0x01, [SYN]: 0x02, [RST]: 0x04, [PSH]: 0x08, [ACK]: 0x10 };
    want.forEach((w, i) => {
      const [time, src, port, flags, seq, ack, len, tcpSum, ipSum] = got[i];
      const bits = Object.entries(FLAGS).reduce((a, [k, v]) => (w.ctl & Number(k) ? a | v : a), 0);
      expect({ i, src, port: Number(port), flags: Number(flags), seq: Number(seq), len: Number(len) }).toEqual({
        i,
        src: (w.fromIut ? PCAP_IUT : PCAP_TESTER).addr,
        port: (w.fromIut ? PCAP_IUT : PCAP_TESTER).port,
        flags: bits,
        seq: w.seq,
        len: w.len,
      });
      if (w.ctl & ACK) expect(Number(ack)).toBe(w.ack);
      expect([tcpSum, ipSum]).toEqual(['1', '1']); // Wireshark: 1 is a good checksum
      expect(Math.round(Number(time) * 1000)).toBe(w.ms);
    });
  });

  test('check writes the pcap beside the counterexample file and names it; `pcap FILE` makes the same one', async () => {
    const r = await cli('check', '--mutant', 'finAckOffByOne', '--seed', '1', '--out-dir', tmp);
    expect(r.code).toBe(1);
    const named = /pcap: +(\S+\.pcap)/.exec(r.out)?.[1];
    expect(named).toBeDefined();
    const again = path.join(tmp, 'again.pcap');
    const p = await cli('pcap', named!.replace(/\.pcap$/, '.json'), '--out', again);
    expect(p.code).toBe(0);
    expect(fs.readFileSync(again)).toEqual(fs.readFileSync(named!));
    expect(readBack(again).length).toBeGreaterThan(1);
  });

  test('pcap of a missing file: exit 2 and one line', async () => {
    const r = await cli('pcap', path.join(tmp, 'none.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read counterexample file .*none\.json: ENOENT/);
  });
});
