// The classic experiments, on the real kernel: two sockets over loopback in a private network namespace
// (adapters/linux-pair). Each spec names the RFC behaviour it shows; states are the kernel's, looked up by
// 4-tuple, so they are known after close() too.
//
// Loopback delivers a segment before the sending system call returns, but the ACK that answers it may come a
// moment later; a spec that needs a state to last (FIN-WAIT-1, FINs that cross) holds the FIN back behind data
// the peer has no room for: the kernel queues a FIN behind unsent data (RFC 9293 §3.10.4: "queue this until
// all preceding SENDs have been segmentized").
import { createLinuxPairAdapter, LinuxPairAdapter } from '../adapters/linux-pair/adapter';
import { PairStates, Side } from '../adapters/linux-pair/types';
import { describeLinux } from '../adapters/linux/gate';
import { State } from '../models/state';

/** Small buffers: the server's window closes after a few kB. */
const SMALL = 2048;

describeLinux('pair')('linux-pair: the classic experiments (kernel sockets over loopback)', () => {
  let p: LinuxPairAdapter;
  /** Every state each side was seen in, in order, without repeats. */
  let history: Record<string, State[]>;

  beforeAll(async () => {
    p = await createLinuxPairAdapter();
  });
  afterAll(async () => {
    await p?.dispose();
  });

  function record(states: PairStates): PairStates {
    for (const [side, st] of Object.entries(states)) {
      const h = (history[side] ??= []);
      if (st && h[h.length - 1] !== st) h.push(st);
    }
    return states;
  }

  async function call(side: Side, c: Parameters<LinuxPairAdapter['call']>[1]) {
    const o = await p.call(side, c);
    record(o.states);
    return o;
  }

  /** Poll (5 ms steps, real time) until the states satisfy pred; fail with the last states after ms. */
  async function until(pred: (s: PairStates) => boolean, ms = 2000): Promise<PairStates> {
    const deadline = Date.now() + ms;
    let s = record(p.states());
    while (!pred(s)) {
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting; states now ${JSON.stringify(s)}`);
      s = record(await p.wait(5));
    }
    return s;
  }

  /**
   * A connection: the server accepted the client's, both are ESTABLISHED. The listener is closed then, so that
   * the server's state is its connection's alone (with a listener open, a 4-tuple lookup finds the listener
   * once the connection is gone).
   */
  async function connected(opts: { small?: boolean; reuseAddr?: boolean } = {}): Promise<void> {
    await p.reset();
    history = {};
    const buf = opts.small ? { rcvbuf: SMALL } : {};
    expect((await call('server', { call: 'listen', reuseAddr: opts.reuseAddr, ...buf })).result.ok).toBe(true);
    expect((await call('client', { call: 'connect', ...(opts.small ? { sndbuf: SMALL } : {}) })).result.ok).toBe(true);
    await until((s) => s.client === 'Established' && s.server === 'Established');
    expect((await call('server', { call: 'accept' })).result.ok).toBe(true);
    expect((await call('server', { call: 'closeListener' })).result.ok).toBe(true);
    history = {};
    record(p.states());
  }

  /** Send from side until the kernel takes no more (the peer's window and our send buffer are full). */
  async function fill(side: Side): Promise<number> {
    let sent = 0;
    for (;;) {
      const o = await call(side, { call: 'send', data: 'x'.repeat(500) });
      if (!o.result.ok) {
        expect(o.errno).toBe('EAGAIN');
        return sent;
      }
      sent += o.n ?? 0;
    }
  }

  /** Read on side until end of file; returns the bytes read. */
  async function drain(side: Side): Promise<number> {
    let got = 0;
    for (let i = 0; i < 400; i++) {
      const o = await call(side, { call: 'receive' });
      if (!o.result.ok) {
        expect(o.result.error).toBe('connection closing');
        return got;
      }
      got += o.result.data?.length ?? 0;
      if (!o.result.data) record(await p.wait(5));
    }
    throw new Error(`no end of file on ${side} after ${got} bytes`);
  }

  test('active close: the client goes FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT; the server sits in CLOSE-WAIT until it closes', async () => {
    await connected({ small: true });
    const sent = await fill('client');
    // The FIN waits behind data the server has no room for: FIN-WAIT-1 lasts.
    expect((await call('client', { call: 'shutdown' })).states).toEqual({ client: 'FinWait1', server: 'Established' });
    expect(await p.wait(50)).toEqual({ client: 'FinWait1', server: 'Established' });
    // The server reads: the data and the FIN come through, the FIN is acknowledged.
    expect(await drain('server')).toBe(sent);
    await until((s) => s.client === 'FinWait2' && s.server === 'CloseWait');
    // CLOSE-WAIT lasts as long as the application does not close (and FIN-WAIT-2 with it).
    expect(record(await p.wait(300))).toEqual({ client: 'FinWait2', server: 'CloseWait' });
    await call('server', { call: 'shutdown' });
    await until((s) => s.client === 'TimeWait' && s.server === 'Closed');
    expect(history.client).toEqual(['Established', 'FinWait1', 'FinWait2', 'TimeWait']);
    expect(history.server).toEqual(
      ['Established', 'CloseWait', 'LastAck', 'Closed'].filter((s) => history.server.includes(s as State)),
    );
    expect(history.server).toContain('CloseWait');
    expect(history.server).not.toContain('TimeWait'); // the passive closer gets no TIME-WAIT
  });

  test('server-first close: the server ends in TIME-WAIT, the client (passive closer) in CLOSED', async () => {
    await connected();
    await call('server', { call: 'close' });
    await until((s) => s.server === 'FinWait2' && s.client === 'CloseWait');
    expect((await call('client', { call: 'receive' })).result).toEqual({
      ok: false,
      error: 'connection closing',
      errno: 'EOF',
    });
    await call('client', { call: 'close' });
    await until((s) => s.server === 'TimeWait' && s.client === 'Closed');
    expect(history.server).toEqual(
      ['Established', 'FinWait1', 'FinWait2', 'TimeWait'].filter((s) => history.server.includes(s as State)),
    );
    expect(history.server).toContain('TimeWait');
    expect(history.client).not.toContain('TimeWait');
  });

  test('simultaneous close: both CLOSE before the other FIN arrives; the client goes FIN-WAIT-1 → CLOSING → TIME-WAIT, both end in TIME-WAIT', async () => {
    await connected({ small: true });
    await fill('client');
    await call('client', { call: 'shutdown' }); // FIN held behind the unsent data
    const o = await call('server', { call: 'shutdown' }); // its FIN reaches a client in FIN-WAIT-1
    expect(o.states.client).toBe('Closing');
    await drain('server');
    await until((s) => s.client === 'TimeWait' && s.server === 'TimeWait');
    expect(history.client).toEqual(['Established', 'FinWait1', 'Closing', 'TimeWait']);
    expect(history.server[0]).toBe('Established');
    expect(history.server[history.server.length - 1]).toBe('TimeWait');
  });

  test('half-close: after the client shuts down its side, data still flows to it; it reads EOF after the server FIN', async () => {
    await connected();
    await call('client', { call: 'shutdown' });
    await until((s) => s.client === 'FinWait2' && s.server === 'CloseWait');
    expect((await call('server', { call: 'receive' })).result).toEqual({
      ok: false,
      error: 'connection closing',
      errno: 'EOF',
    });
    for (const chunk of ['half', '-close', ' works']) {
      expect((await call('server', { call: 'send', data: chunk })).result).toEqual({ ok: true });
    }
    await p.wait(10);
    expect((await call('client', { call: 'receive' })).result).toEqual({ ok: true, data: 'half-close works' });
    expect((await call('client', { call: 'send', data: 'no' })).errno).toBe('EPIPE'); // its own side is shut
    expect((await call('client', { call: 'receive' })).result).toEqual({ ok: true, data: '' });
    await call('server', { call: 'shutdown' });
    await until((s) => s.client === 'TimeWait');
    expect((await call('client', { call: 'receive' })).result).toEqual({
      ok: false,
      error: 'connection closing',
      errno: 'EOF',
    });
  });

  test('a port held by TIME-WAIT: re-binding fails with EADDRINUSE without SO_REUSEADDR and succeeds with it', async () => {
    await connected({ reuseAddr: true }); // the listener (and so the connection) has SO_REUSEADDR, as servers do
    await call('server', { call: 'close' });
    await call('client', { call: 'close' });
    await until((s) => s.server === 'TimeWait');
    expect(p.states().server).toBe('TimeWait');
    const without = await call('server', { call: 'rebind', reuseAddr: false, listen: true });
    expect(without.errno).toBe('EADDRINUSE');
    expect(without.result).toEqual({ ok: false, error: 'connection already exists', errno: 'EADDRINUSE' });
    const withReuse = await call('server', { call: 'rebind', reuseAddr: true, listen: true });
    expect(withReuse.result).toEqual({ ok: true });
  });

  test('Linux: SO_REUSEADDR helps only if the socket now in TIME-WAIT had it too (both must set it)', async () => {
    await connected({ reuseAddr: false });
    await call('server', { call: 'close' });
    await call('client', { call: 'close' });
    await until((s) => s.server === 'TimeWait');
    expect((await call('server', { call: 'rebind', reuseAddr: true, listen: true })).errno).toBe('EADDRINUSE');
  });

  test('listen queue full: a further SYN is ignored (the client stays in SYN-SENT) until accept() makes room', async () => {
    await p.reset();
    history = {};
    await call('server', { call: 'listen', backlog: 0 }); // Linux: the queue holds backlog + 1 connections
    await call('client', { call: 'connect' });
    await until((s) => s.client === 'Established');
    expect((await call('client2', { call: 'connect' })).result).toEqual({ ok: true });
    expect(record(await p.wait(300)).client2).toBe('SynSent'); // no SYN,ACK, no RST: the SYN was dropped
    expect((await call('server', { call: 'accept' })).result).toEqual({ ok: true });
    // The client retransmits its SYN (initial RTO 1 s); now there is room.
    await until((s) => s.client2 === 'Established', 4000);
    expect(history.client2).toEqual(['SynSent', 'Established']);
  });

  test('abortive close (SO_LINGER 0): unsent data is discarded, the peer reads ECONNRESET and is CLOSED at once', async () => {
    await connected({ small: true });
    const sent = await fill('client'); // part of it still unsent, behind the closed window
    expect(sent).toBeGreaterThan(0);
    const a = await call('client', { call: 'abort' });
    expect(a.result).toEqual({ ok: true });
    expect(a.states).toEqual({ client: 'Closed', server: 'Closed' }); // RST: no FIN exchange, no TIME-WAIT
    let got = 0;
    for (;;) {
      const o = await call('server', { call: 'receive' });
      if (o.result.ok && o.result.data) {
        got += o.result.data.length;
        continue;
      }
      expect(o).toMatchObject({ errno: 'ECONNRESET' });
      expect(o.result).toEqual({ ok: false, error: 'connection reset', errno: 'ECONNRESET' });
      break;
    }
    expect(got).toBeLessThan(sent); // the queued data never arrived
  });

  test('close() with unread data sends RST, not FIN (RFC 9293 §3.6.1 SHLD-3): the peer reads ECONNRESET', async () => {
    await connected();
    await call('client', { call: 'send', data: 'unread' });
    await p.wait(5);
    const c = await call('server', { call: 'close' });
    expect(c.states).toEqual({ server: 'Closed', client: 'Closed' });
    const r = await call('client', { call: 'receive' });
    expect(r.errno).toBe('ECONNRESET');
  });
});
