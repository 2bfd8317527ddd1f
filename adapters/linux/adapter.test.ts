// The packet-level adapter against the real kernel: the handshakes both ways, resets, data and closes, each
// run independent of the last. Skips (printing why) when not root.
import { Observation } from '../../models/observation';
import { ACK, FIN, RST, SYN, Segment } from '../../models/segment';
import { seqAdd } from '../../models/seq';
import { LinuxAdapter, createLinuxAdapter } from './adapter';
import { describeLinux } from './gate';

const PEER_ISS = 5000;
const run = { profile: 'rfc9293', seed: 1 };
const syn = (mss?: number): Segment => ({
  seq: PEER_ISS,
  ack: 0,
  ctl: SYN,
  wnd: 8192,
  data: '',
  ...(mss ? { mss } : {}),
});

describeLinux('peer')('linux adapter (kernel behind a TUN device)', () => {
  let a: LinuxAdapter;
  beforeAll(async () => {
    a = await createLinuxAdapter();
  });
  afterAll(async () => {
    await a?.dispose();
  });

  const call = (c: Parameters<LinuxAdapter['apply']>[0]): Promise<Observation> => a.apply(c);
  const segment = (s: Segment): Promise<Observation> => a.apply({ kind: 'segment', segment: s });

  /** LISTEN, tester SYN, kernel SYN,ACK, tester ACK: ESTABLISHED. Returns the kernel's ISS. */
  async function passiveEstablished(): Promise<number> {
    await a.reset(run);
    await call({ kind: 'call', call: 'open', mode: 'passive' });
    const sa = (await segment(syn(1000))).segments[0];
    const o = await segment({ seq: PEER_ISS + 1, ack: seqAdd(sa.seq, 1), ctl: ACK, wnd: 8192, data: '' });
    expect(o.state).toBe('Established');
    return sa.seq;
  }

  test('passive open: LISTEN, then <SYN> is answered with <SYN,ACK><ACK=ISS+1> and MSS, then <ACK>: ESTABLISHED', async () => {
    await a.reset(run);
    const listen = await call({ kind: 'call', call: 'open', mode: 'passive' });
    expect(listen).toMatchObject({ segments: [], state: 'Listen', result: { ok: true } });
    const o = await segment(syn(1000));
    expect(o.state).toBe('SynReceived');
    expect(o.segments).toHaveLength(1);
    const sa = o.segments[0];
    expect(sa.ctl).toBe(SYN | ACK);
    expect(sa.ack).toBe(PEER_ISS + 1);
    expect(sa.mss).toBeGreaterThan(0);
    const done = await segment({ seq: PEER_ISS + 1, ack: seqAdd(sa.seq, 1), ctl: ACK, wnd: 8192, data: '' });
    expect(done).toMatchObject({ segments: [], state: 'Established' });
  });

  test('active open: connect() sends <SYN> with MSS (SYN-SENT); <SYN,ACK> is acknowledged: ESTABLISHED', async () => {
    await a.reset(run);
    const o = await call({ kind: 'call', call: 'open', mode: 'active' });
    expect(o.result).toEqual({ ok: true });
    expect(o.state).toBe('SynSent');
    expect(o.segments).toHaveLength(1);
    const s = o.segments[0];
    expect(s.ctl).toBe(SYN);
    expect(s.mss).toBeGreaterThan(0);
    const r = await segment({ seq: PEER_ISS, ack: seqAdd(s.seq, 1), ctl: SYN | ACK, wnd: 8192, data: '', mss: 1000 });
    expect(r.state).toBe('Established');
    expect(r.segments.map((x) => [x.seq, x.ack, x.ctl])).toEqual([[seqAdd(s.seq, 1), PEER_ISS + 1, ACK]]);
  });

  test('active open refused: <RST,ACK> to the SYN; the next call reports "connection refused"', async () => {
    await a.reset(run);
    const s = (await call({ kind: 'call', call: 'open', mode: 'active' })).segments[0];
    const r = await segment({ seq: 0, ack: seqAdd(s.seq, 1), ctl: RST | ACK, wnd: 0, data: '' });
    expect(r).toMatchObject({ segments: [], state: 'Closed' });
    const rc = await call({ kind: 'call', call: 'receive' });
    expect(rc.result).toEqual({ ok: false, error: 'connection refused', errno: 'ECONNREFUSED' });
  });

  test('no socket: a <SYN> is answered <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK> (RFC 9293 §3.10.7.1)', async () => {
    await a.reset(run);
    const o = await segment(syn());
    expect(o.state).toBe('Closed');
    expect(o.segments.map((x) => [x.seq, x.ack, x.ctl])).toEqual([[0, PEER_ISS + 1, RST | ACK]]);
  });

  test('data both ways; RECEIVE with nothing on hand gives ""; after the peer FIN it reports "connection closing"', async () => {
    const iss = await passiveEstablished();
    expect((await call({ kind: 'call', call: 'receive' })).result).toEqual({ ok: true, data: '' });
    const d = await segment({ seq: PEER_ISS + 1, ack: seqAdd(iss, 1), ctl: ACK, wnd: 8192, data: 'hello' });
    expect(d.segments.map((x) => x.ack)).toEqual([PEER_ISS + 6]);
    expect((await call({ kind: 'call', call: 'receive' })).result).toEqual({ ok: true, data: 'hello' });
    const s = await call({ kind: 'call', call: 'send', data: 'hi' });
    expect(s.result).toEqual({ ok: true });
    expect(s.segments.map((x) => [x.seq, x.data])).toEqual([[seqAdd(iss, 1), 'hi']]);
    const f = await segment({ seq: PEER_ISS + 6, ack: seqAdd(iss, 3), ctl: FIN | ACK, wnd: 8192, data: '' });
    expect(f.state).toBe('CloseWait');
    expect((await call({ kind: 'call', call: 'receive' })).result).toEqual({
      ok: false,
      error: 'connection closing',
      errno: 'EOF',
    });
    const c = await call({ kind: 'call', call: 'close' });
    expect(c.state).toBe('LastAck');
    expect(c.segments.map((x) => [x.seq, x.ctl & (FIN | ACK)])).toEqual([[seqAdd(iss, 3), FIN | ACK]]);
    const last = await segment({ seq: PEER_ISS + 7, ack: seqAdd(iss, 4), ctl: ACK, wnd: 8192, data: '' });
    expect(last).toMatchObject({ segments: [], state: 'Closed' });
  });

  test('CLOSE = shutdown(SHUT_WR): FIN-WAIT-1, FIN-WAIT-2 on its ACK, TIME-WAIT on the peer FIN', async () => {
    const iss = await passiveEstablished();
    const c = await call({ kind: 'call', call: 'close' });
    expect(c.state).toBe('FinWait1');
    expect(c.segments.map((x) => x.ctl & (FIN | ACK))).toEqual([FIN | ACK]);
    expect((await segment({ seq: PEER_ISS + 1, ack: seqAdd(iss, 2), ctl: ACK, wnd: 8192, data: '' })).state).toBe(
      'FinWait2',
    );
    const f = await segment({ seq: PEER_ISS + 1, ack: seqAdd(iss, 2), ctl: FIN | ACK, wnd: 8192, data: '' });
    expect(f.state).toBe('TimeWait');
    expect(f.segments.map((x) => [x.seq, x.ack, x.ctl])).toEqual([[seqAdd(iss, 2), PEER_ISS + 2, ACK]]);
  });

  test('ABORT = close() with SO_LINGER 0: <SEQ=SND.NXT><CTL=RST,ACK>, CLOSED', async () => {
    const iss = await passiveEstablished();
    const o = await call({ kind: 'call', call: 'abort' });
    expect(o.result).toEqual({ ok: true });
    expect(o.state).toBe('Closed');
    expect(o.segments.map((x) => [x.seq, x.ctl & RST])).toEqual([[seqAdd(iss, 1), RST]]);
  });

  test('RST in SYN-RECEIVED of a passive open returns to LISTEN', async () => {
    await a.reset(run);
    await call({ kind: 'call', call: 'open', mode: 'passive' });
    await segment(syn());
    const o = await segment({ seq: PEER_ISS + 1, ack: 0, ctl: RST, wnd: 0, data: '' });
    expect(o).toMatchObject({ segments: [], state: 'Listen' });
  });

  test('runs are independent: a new run starts CLOSED, on a fresh 4-tuple, and sees nothing of the last one', async () => {
    await passiveEstablished();
    await call({ kind: 'call', call: 'close', mode: 'halfDuplex' }); // orphan in FIN-WAIT-1, retransmitting
    await a.reset(run);
    const o = await a.apply({ kind: 'wait', ms: 10 });
    expect(o).toEqual({ segments: [], state: 'Closed', elapsedMs: expect.any(Number) });
    expect(o.elapsedMs).toBeGreaterThanOrEqual(10); // what the wait really took: never less than asked
    expect((await call({ kind: 'call', call: 'receive' })).result).toEqual({
      ok: false,
      error: 'connection does not exist',
      errno: 'EBADF',
    });
  });

  test('a wait collects what the kernel sends on its own: the SYN is retransmitted after about 1 s', async () => {
    await a.reset(run);
    const first = (await call({ kind: 'call', call: 'open', mode: 'active' })).segments[0];
    const o = await a.apply({ kind: 'wait', ms: 1300 });
    expect(o.state).toBe('SynSent');
    expect(o.segments.map((x) => [x.seq, x.ctl])).toEqual([[first.seq, SYN]]);
  });

  test('errno in context: SEND after our CLOSE is "connection closing"; SEND in LISTEN "foreign socket unspecified"', async () => {
    await passiveEstablished();
    await call({ kind: 'call', call: 'close' });
    expect((await call({ kind: 'call', call: 'send', data: 'x' })).result).toEqual({
      ok: false,
      error: 'connection closing',
      errno: 'EPIPE',
    });
    await a.reset(run);
    await call({ kind: 'call', call: 'open', mode: 'passive' });
    expect((await call({ kind: 'call', call: 'send', data: 'x' })).result).toEqual({
      ok: false,
      error: 'foreign socket unspecified',
      errno: 'EPIPE',
    });
    expect((await call({ kind: 'call', call: 'open', mode: 'active' })).result).toEqual({
      ok: false,
      error: 'connection already exists',
      errno: 'EISCONN',
    });
  });

  test('records the sysctls that shape TCP behaviour', () => {
    const info = a.info as { sysctls: Record<string, string>; stateLookup: string };
    expect(info.sysctls['net.ipv4.tcp_rfc1337']).toMatch(/^[01]$/);
    expect(info.stateLookup).toBe('netlink sock_diag');
  });
});
