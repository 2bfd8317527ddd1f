// packetdrill import: the subset of packetdrill the model covers becomes a scenario, every other line is named.
import * as fs from 'fs';
import { ACK, FIN, RST, SYN } from '../../models/segment';
import { Counterexample } from '../counterexample';
import { counterexamplePkt } from '../report/packetdrill';
import { parseScenario } from '../scenario/parse';
import { importPacketdrill } from './import';

const load = (pkt: string) => {
  const r = importPacketdrill(pkt, 't.pkt');
  return { ...r, sc: parseScenario(r.text, 't.tcs') };
};

const HANDSHAKE = `
0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0    setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
+0    bind(3, ..., ...) = 0
+0    listen(3, 1) = 0
+0    < S 0:0(0) win 65535 <mss 1460,sackOK,nop,nop,nop,wscale 7>
+0    > S. 0:0(0) ack 1 <...>
+.01  < . 1:1(0) ack 1 win 65535
+0    accept(3, ..., ...) = 4
`;

describe('what converts', () => {
  test('a passive open: listen() is OPEN passive, packets keep their numbers, +T is a wait', () => {
    const { sc, notes } = load(HANDSHAKE);
    expect(sc.steps.map((s) => s.input)).toEqual([
      { kind: 'call', call: 'open', mode: 'passive' },
      { kind: 'segment', segment: { ctl: SYN, seq: { from: 'peerIss', delta: 0 }, wnd: 65535, mss: 1460 } },
      { kind: 'wait', ms: 10 },
      {
        kind: 'segment',
        segment: { ctl: ACK, seq: { from: 'peerIss', delta: 1 }, ack: { from: 'iss', delta: 1 }, wnd: 65535 },
      },
    ]);
    expect(sc.steps[0].expect.result).toEqual({ ok: true });
    expect(sc.steps[1].expect.segments).toEqual([{ ctl: SYN | ACK, seq: 0, len: 0, ack: 1 }]);
    expect(sc.profile).toBe('linux');
    expect(notes).toEqual([]); // sackOK and wscale are left out with a comment, not an error
  });

  test('the calls the linux adapter makes: connect, write, read, shutdown, SO_LINGER 0 + close', () => {
    const { sc } = load(`
0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK) = 0
+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)
+0 > S 0:0(0) <...>
+0 < S. 0:0(0) ack 1 win 65535
+0 write(3, ..., 5) = 5
+0 > P. 1:6(5) ack 1
+0 read(3, ..., 100) = -1 EAGAIN (Resource temporarily unavailable)
+0 < F. 1:1(0) ack 6 win 65535
+0 read(3, ..., 100) = 0
+0 shutdown(3, SHUT_WR) = 0
+0 write(3, ..., 1) = -1 EPIPE (Broken pipe)
+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0
+0 close(3) = 0
`);
    expect(sc.steps.map((s) => [s.input.kind === 'call' ? s.input.call : s.input.kind, s.expect.result])).toEqual([
      ['open', { ok: true }],
      ['segment', undefined],
      ['send', { ok: true }],
      ['receive', { ok: true, data: '' }],
      ['segment', undefined],
      ['receive', { ok: false, error: 'connection closing' }], // end of file after the FIN
      ['close', { ok: true }],
      ['send', { ok: false, error: 'connection closing' }], // EPIPE after our own shutdown
      ['abort', { ok: true }],
    ]);
    expect(sc.steps[2].expect.segments).toEqual([{ ctl: ACK, seq: 1, len: 5, ack: 1 }]); // PSH not compared
  });

  test('close() of a connection is CLOSE half-duplex; of the listener after accept, nothing', () => {
    const { sc } = load(`${HANDSHAKE}+0 close(4) = 0\n+0 > F. 1:1(0) ack 1\n+0 close(3) = 0\n`);
    const last = sc.steps[sc.steps.length - 1];
    expect(last.input).toEqual({ kind: 'call', call: 'close', mode: 'halfDuplex' });
    expect(last.expect.segments).toEqual([{ ctl: FIN | ACK, seq: 1, len: 0, ack: 1 }]);
  });

  test('absolute times and time ranges: a wait up to the time (the end of a range)', () => {
    const { sc } = load(`0 < S 0:0(0) win 100\n0.250 < R 1:1(0) win 0\n0.3~0.5 > R. 0:0(0) ack 1\n`);
    expect(sc.steps.map((s) => s.input.kind === 'wait' && s.input.ms)).toEqual([false, 250, false, 250]);
    expect(sc.steps[3].expect.segments).toEqual([{ ctl: RST | ACK, seq: 0, len: 0, ack: 1 }]);
  });
});

describe('what does not convert is named, with the reason, and kept as a comment', () => {
  test.each([
    ['+0 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0', 'getsockopt() has no RFC user call'],
    ['+0 `sysctl -q net.ipv4.tcp_timestamps=0`', 'a shell command'],
    ['+0 < SEW 0:0(0) win 100', 'ECN or URG flags'],
    ['+0 shutdown(4, SHUT_RD) = 0', 'only shutdown(SHUT_WR), which is CLOSE'],
    ['+0 write(4, ..., 10) = 5', 'a partial write'],
    ['+0 setsockopt(4, SOL_SOCKET, SO_LINGER, {onoff=1, linger=5}, 8) = 0', 'SO_LINGER other than'],
  ])('%s', (line, reason) => {
    const r = load(`${HANDSHAKE}${line}\n`);
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatchObject({ line: 10 });
    expect(r.notes[0].reason).toContain(reason);
    expect(r.text).toContain(`# line 10 not converted (${r.notes[0].reason}): ${line.replace(/^\+0 /, '')}`);
  });
});

describe('round trip: a counterexample exported as packetdrill imports back to the same run', () => {
  test.each(['linux-ack-duplicate.json', 'linux-syn-again.json'])('%s', (name) => {
    const cx = JSON.parse(fs.readFileSync(`harness/report/__fixtures__/${name}`, 'utf8')) as Counterexample;
    const { sc, notes } = load(counterexamplePkt(cx)!);
    expect(notes).toEqual([]);
    // The run as played: the trace's inputs, then the one that diverged.
    const played = [...cx.trace!.map((t) => t.input), cx.sent!];
    const syn = [...cx.trace!.flatMap((t) => t.observed.segments), ...cx.divergence.expected[0].segments].find((s) =>
      s.ctl.includes('SYN'),
    );
    const iss = syn ? syn.seq : 0;
    expect(sc.steps).toHaveLength(played.length);
    sc.steps.forEach((s, i) => {
      const p = played[i];
      expect(s.input.kind).toBe(p.kind);
      if (s.input.kind === 'segment' && p.kind === 'segment') {
        expect(s.input.segment.seq).toEqual({ from: 'peerIss', delta: (p.segment.seq - cx.peerIss) >>> 0 });
        if (p.segment.ack !== undefined) expect(s.input.segment.ack!.delta).toBe((p.segment.ack - iss) >>> 0);
      } else expect(s.input).toEqual(p);
    });
  });
});
