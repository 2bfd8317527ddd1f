// The kernel's long timers, which a default check never waits for (REAL_TIME_WAIT_LIMIT): TIME-WAIT and the
// orphaned FIN-WAIT-2 both last 60 s. Each test takes about 70 s of real time, so they run only when
// TCPCONFORM_SLOW=1 (CI does not set it); otherwise they skip, saying so. These are the evidence for the
// linux profile's two timer overrides that `tcpconform diff` cannot show in a default check.
import { fixedSource, runOnce } from '../../harness/check';
import { Input, PeerSegment } from '../../models/input';
import { findProfile } from '../../models/profiles';
import { ACK, FIN, SYN } from '../../models/segment';
import { LinuxAdapter, createLinuxAdapter } from './adapter';
import { describeLinux } from './gate';

jest.setTimeout(200_000);

const slow = process.env.TCPCONFORM_SLOW === '1';
const seg = (ctl: number, seq: PeerSegment['seq'], ack?: PeerSegment['ack']): Input => ({
  kind: 'segment',
  segment: { ctl, seq, ...(ack ? { ack } : {}) },
});
const wait = (ms: number): Input => ({ kind: 'wait', ms });
/** Active open and the peer's SYN,ACK: ESTABLISHED. */
const established: Input[] = [
  { kind: 'call', call: 'open', mode: 'active' },
  seg(SYN | ACK, { from: 'peerIss', delta: 0 }, { from: 'sndNxt', delta: 0 }),
];

describeLinux('peer')("the kernel's long timers (TCPCONFORM_SLOW=1)", () => {
  let a: LinuxAdapter;
  beforeAll(async () => {
    if (slow) a = await createLinuxAdapter();
  });
  afterAll(async () => {
    await a?.dispose();
  });
  const maybe = slow ? test : test.skip;
  if (!slow)
    process.stderr.write(
      'SKIPPED linux long-timer tests: set TCPCONFORM_SLOW=1 (each takes about 70 s of real time)\n',
    );

  // shutdown(), the peer's ACK and FIN: TIME-WAIT. Then 58 s (still there) and 8 s more (gone).
  const timeWait: Input[] = [
    ...established,
    { kind: 'call', call: 'close' },
    seg(ACK, { from: 'rcvNxt', delta: 0 }, { from: 'sndNxt', delta: 0 }),
    seg(FIN | ACK, { from: 'rcvNxt', delta: 0 }, { from: 'sndNxt', delta: 0 }),
    wait(58000),
    wait(8000),
  ];

  maybe(
    `TIME-WAIT ends after 60 s: the linux profile's 60-64.2 s window holds, rfc9293's 2·MSL of 240 s does not${slow ? '' : ' (skipped: set TCPCONFORM_SLOW=1)'}`,
    async () => {
      const linux = await runOnce(a, findProfile('linux')!, fixedSource(timeWait), 1000, 1, null, true);
      expect(linux.divergence).toBeUndefined();
      expect(linux.trace.map((e) => e.observed.state).slice(-2)).toEqual(['TimeWait', 'Closed']);
      const strict = await runOnce(a, findProfile('rfc9293')!, fixedSource(timeWait), 1000, 1, null, true);
      expect(strict.divergence?.index).toBe(timeWait.length - 1);
    },
  );

  // close() (the application lets go), the peer's ACK of our FIN: an orphaned FIN-WAIT-2, ended by
  // net.ipv4.tcp_fin_timeout (60 s).
  const finWait2: Input[] = [
    ...established,
    { kind: 'call', call: 'close', mode: 'halfDuplex' },
    seg(ACK, { from: 'rcvNxt', delta: 0 }, { from: 'sndNxt', delta: 0 }),
    wait(58000),
    wait(8000),
  ];

  maybe(
    `an orphaned FIN-WAIT-2 ends after tcp_fin_timeout (60 s), where rfc9293 lets it last${slow ? '' : ' (skipped: set TCPCONFORM_SLOW=1)'}`,
    async () => {
      const linux = await runOnce(a, findProfile('linux')!, fixedSource(finWait2), 1000, 1, null, true);
      expect(linux.divergence).toBeUndefined();
      expect(linux.trace.map((e) => e.observed.state).slice(-2)).toEqual(['FinWait2', 'Closed']);
      const strict = await runOnce(a, findProfile('rfc9293')!, fixedSource(finWait2), 1000, 1, null, true);
      expect(strict.divergence?.index).toBe(finWait2.length - 1);
    },
  );
});
