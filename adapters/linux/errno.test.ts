// What the kernel answers on a socket whose connection ended, errno by errno: the evidence for the linux profile's
// rules user.closed.* (models/profiles/socket-history.ts). A reset, a time-out or CLOSE in SYN-SENT leaves a
// pending error on the socket (sk_err), which the next SEND or RECEIVE reports once (net/core/sock.c: sock_error());
// RECEIVE reads end of file before the error once the peer's FIN was read (SOCK_DONE); then SEND gives EPIPE,
// RECEIVE end of file (or ENOTCONN where the socket was disconnected), CLOSE ENOTCONN.
// Skips (printing why) when not root; runs only in the private namespace the adapter creates.
import { CallResult, Observation } from '../../models/observation';
import { ACK, FIN, RST, SYN, Segment } from '../../models/segment';
import { seqAdd } from '../../models/seq';
import { LinuxAdapter, createLinuxAdapter } from './adapter';
import { describeLinux } from './gate';
import { IPPROTO_TCP, libc } from './libc';

const PEER = 5000;
const run = { profile: 'linux', seed: 1 };
const seg = (seq: number, ack: number, ctl: number, data = ''): Segment => ({ seq, ack, ctl, wnd: 8192, data });
/** TCP_SYNCNT (include/uapi/linux/tcp.h): how many times the SYN is sent again before connect() gives up. */
const TCP_SYNCNT = 7;

describeLinux('peer')('linux: calls on a socket whose connection ended (sk_err, then EPIPE / EOF)', () => {
  let a: LinuxAdapter;
  beforeAll(async () => {
    a = await createLinuxAdapter();
  });
  afterAll(async () => {
    await a?.dispose();
  });

  const apply = (i: Parameters<LinuxAdapter['apply']>[0]): Promise<Observation> => a.apply(i);
  const segment = (s: Segment) => apply({ kind: 'segment', segment: s });
  const answer = async (i: Parameters<LinuxAdapter['apply']>[0]): Promise<CallResult | undefined> =>
    (await apply(i)).result;
  const send = () => answer({ kind: 'call', call: 'send', data: 'x' });
  const receive = () => answer({ kind: 'call', call: 'receive' });
  const close = () => answer({ kind: 'call', call: 'close' });
  const failed = (error: string, errno: string) => ({ ok: false, error, errno });

  /** OPEN active; returns the kernel's ISS. */
  async function synSent(): Promise<number> {
    await a.reset(run);
    return (await apply({ kind: 'call', call: 'open', mode: 'active' })).segments[0].seq;
  }

  /** ESTABLISHED by an active OPEN (the application's own socket); returns the kernel's ISS. */
  async function established(): Promise<number> {
    const iss = await synSent();
    const o = await segment(seg(PEER, seqAdd(iss, 1), SYN | ACK));
    expect(o.state).toBe('Established');
    return iss;
  }

  test('a RST in SYN-SENT: ECONNREFUSED once, then SEND EPIPE and RECEIVE end of file (tcp_reset())', async () => {
    const iss = await synSent();
    expect((await segment(seg(0, seqAdd(iss, 1), RST | ACK))).state).toBe('Closed');
    expect(await send()).toEqual(failed('connection refused', 'ECONNREFUSED'));
    expect(await send()).toEqual(failed('connection reset', 'EPIPE'));
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
  });

  test('a RST in ESTABLISHED: text still unread first, then ECONNRESET once, then end of file', async () => {
    const iss = await established();
    await segment(seg(PEER + 1, seqAdd(iss, 1), ACK, 'ab'));
    expect((await segment(seg(PEER + 3, 0, RST))).state).toBe('Closed');
    expect(await receive()).toEqual({ ok: true, data: 'ab' });
    expect(await receive()).toEqual(failed('connection reset', 'ECONNRESET'));
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
    expect(await send()).toEqual(failed('connection reset', 'EPIPE'));
  });

  test('a RST in CLOSE-WAIT: RECEIVE end of file first (SOCK_DONE), the pending EPIPE for SEND', async () => {
    const iss = await established();
    expect((await segment(seg(PEER + 1, seqAdd(iss, 1), FIN | ACK))).state).toBe('CloseWait');
    expect((await segment(seg(PEER + 2, 0, RST))).state).toBe('Closed');
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
    expect(await send()).toEqual(failed('connection reset', 'EPIPE'));
    expect(await send()).toEqual(failed('connection reset', 'EPIPE'));
  });

  test('a RST in FIN-WAIT-2 after CLOSE: ECONNRESET, then EPIPE ("connection closing": our side is shut)', async () => {
    const iss = await established();
    await close();
    expect((await segment(seg(PEER + 1, seqAdd(iss, 2), ACK))).state).toBe('FinWait2');
    expect((await segment(seg(PEER + 1, 0, RST))).state).toBe('Closed');
    expect(await send()).toEqual(failed('connection reset', 'ECONNRESET'));
    expect(await send()).toEqual(failed('connection closing', 'EPIPE'));
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
    expect(await close()).toEqual(failed('connection does not exist', 'ENOTCONN'));
  });

  test('a RST in LAST-ACK: RECEIVE end of file (the FIN was read) and leaves ECONNRESET pending for SEND', async () => {
    const iss = await established();
    await segment(seg(PEER + 1, seqAdd(iss, 1), FIN | ACK));
    await close();
    expect((await segment(seg(PEER + 2, 0, RST))).state).toBe('Closed');
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
    expect(await send()).toEqual(failed('connection reset', 'ECONNRESET'));
    expect(await send()).toEqual(failed('connection closing', 'EPIPE'));
  });

  test('LAST-ACK ends with the ACK of our FIN: no error pending; end of file, EPIPE, CLOSE ENOTCONN', async () => {
    const iss = await established();
    await segment(seg(PEER + 1, seqAdd(iss, 1), FIN | ACK));
    await close();
    expect((await segment(seg(PEER + 2, seqAdd(iss, 2), ACK))).state).toBe('Closed');
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
    expect(await send()).toEqual(failed('connection closing', 'EPIPE'));
    expect(await close()).toEqual(failed('connection does not exist', 'ENOTCONN'));
  });

  test('CLOSE in SYN-SENT (tcp_disconnect()): ECONNRESET once, then RECEIVE ENOTCONN and SEND EPIPE', async () => {
    await synSent();
    expect(await close()).toEqual({ ok: true });
    expect(await receive()).toEqual(failed('connection reset', 'ECONNRESET'));
    expect(await receive()).toEqual(failed('connection does not exist', 'ENOTCONN'));
    expect(await send()).toEqual(failed('connection closing', 'EPIPE'));
  });

  test('a RST in the SYN-RECEIVED of a simultaneous open: ECONNRESET (not ECONNREFUSED)', async () => {
    await synSent();
    expect((await segment(seg(PEER, 0, SYN))).state).toBe('SynReceived');
    expect((await segment(seg(PEER + 1, 0, RST))).state).toBe('Closed');
    expect(await receive()).toEqual(failed('connection reset', 'ECONNRESET'));
  });

  test('TIME-WAIT, apart from the socket: SEND EPIPE, RECEIVE end of file, CLOSE ENOTCONN, OPEN EADDRINUSE', async () => {
    const iss = await established();
    await close();
    expect((await segment(seg(PEER + 1, seqAdd(iss, 2), FIN | ACK))).state).toBe('TimeWait');
    expect(await send()).toEqual(failed('connection closing', 'EPIPE'));
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
    expect(await close()).toEqual(failed('connection does not exist', 'ENOTCONN'));
    // OPEN gives up the old socket and binds a new one to the port TIME-WAIT holds.
    expect(await answer({ kind: 'call', call: 'open', mode: 'active' })).toEqual(
      failed('connection already exists', 'EADDRINUSE'),
    );
    expect(await send()).toEqual(failed('connection does not exist', 'EBADF'));
  });

  test('ABORT in TIME-WAIT closes the socket, not the TIME-WAIT: ok, TIME-WAIT stays, then EBADF', async () => {
    const iss = await established();
    await close();
    await segment(seg(PEER + 1, seqAdd(iss, 2), FIN | ACK));
    const o = await apply({ kind: 'call', call: 'abort' });
    expect(o).toMatchObject({ segments: [], state: 'TimeWait', result: { ok: true } });
    expect(await receive()).toEqual(failed('connection does not exist', 'EBADF'));
  });

  test('the socket outlives the TIME-WAIT record: after a RST ends it, still end of file and EPIPE', async () => {
    const iss = await established();
    await close();
    await segment(seg(PEER + 1, seqAdd(iss, 2), FIN | ACK));
    expect((await segment(seg(PEER + 2, 0, RST))).state).toBe('Closed');
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
    expect(await send()).toEqual(failed('connection closing', 'EPIPE'));
  });

  test('live states, one errno each (models/profiles/linux-errno.ts)', async () => {
    await a.reset(run);
    expect(await receive()).toEqual(failed('connection does not exist', 'EBADF')); // no socket yet
    await apply({ kind: 'call', call: 'open', mode: 'passive' });
    expect(await receive()).toEqual(failed('connection does not exist', 'ENOTCONN')); // a listener
    expect(await send()).toEqual(failed('foreign socket unspecified', 'EPIPE'));
    expect(await answer({ kind: 'call', call: 'open', mode: 'active' })).toEqual(
      failed('connection already exists', 'EISCONN'),
    );
    await synSent();
    expect(await send()).toEqual(failed('insufficient resources', 'EAGAIN'));
    const iss = await established();
    await segment(seg(PEER + 1, seqAdd(iss, 1), FIN | ACK));
    expect(await receive()).toEqual(failed('connection closing', 'EOF')); // CLOSE-WAIT
    await close();
    expect(await receive()).toEqual(failed('connection closing', 'EOF')); // LAST-ACK
    expect(await send()).toEqual(failed('connection closing', 'EPIPE'));
    await established();
    await answer({ kind: 'call', call: 'close', mode: 'halfDuplex' }); // close(): FIN-WAIT-1, no descriptor
    expect(await send()).toEqual(failed('connection does not exist', 'EBADF'));
  });

  test('OPEN on a live connection (__inet_stream_connect(), inet_listen()): EALREADY, then once 0, then EISCONN', async () => {
    const openActive = () => answer({ kind: 'call', call: 'open', mode: 'active' });
    const openPassive = () => answer({ kind: 'call', call: 'open', mode: 'passive' });
    const exists = (errno: string) => failed('connection already exists', errno);
    const iss = await synSent();
    expect(await openActive()).toEqual(exists('EALREADY'));
    expect(await openPassive()).toEqual(exists('EINVAL'));
    await segment(seg(PEER, seqAdd(iss, 1), SYN | ACK));
    expect(await openActive()).toEqual({ ok: true }); // the non-blocking connect() completes here
    expect(await openActive()).toEqual(exists('EISCONN'));
    // CLOSE while connecting (a simultaneous open's SYN-RECEIVED) leaves the socket SS_DISCONNECTING.
    await synSent();
    await segment(seg(PEER, 0, SYN));
    expect(await close()).toEqual({ ok: true });
    expect(await openActive()).toEqual(exists('EINVAL'));
    // CLOSE in ESTABLISHED while still "connecting": connected from then on.
    await established();
    await close();
    expect(await openActive()).toEqual(exists('EISCONN'));
    // An accepted connection is connected; before accept() the application holds the listener.
    await a.reset(run);
    await openPassive();
    const sa = (await segment(seg(PEER, 0, SYN))).segments[0];
    expect(await openActive()).toEqual(exists('EISCONN'));
    await segment(seg(PEER + 1, seqAdd(sa.seq, 1), ACK));
    expect(await openActive()).toEqual(exists('EISCONN'));
    // After close() the connection is an orphan holding the port: a new socket cannot bind to it.
    await answer({ kind: 'call', call: 'close', mode: 'halfDuplex' });
    expect(await openActive()).toEqual(exists('EADDRINUSE'));
  });

  test('SYN retransmissions run out (TCP_SYNCNT 1): ETIMEDOUT once, then end of file (tcp_write_err())', async () => {
    await synSent();
    const fd = (a as unknown as { app: number }).app; // the application's socket, set as a program would set it
    const one = Buffer.alloc(4);
    one.writeInt32LE(1, 0);
    expect(libc().setsockopt(fd, IPPROTO_TCP, TCP_SYNCNT, one, 4)).toBe(0);
    const o = await apply({ kind: 'wait', ms: 3600 }); // the SYN again after 1 s, given up 2 s later
    expect(o.state).toBe('Closed');
    expect(await receive()).toEqual(failed('connection reset', 'ETIMEDOUT'));
    expect(await receive()).toEqual(failed('connection closing', 'EOF'));
  }, 10000);
});
