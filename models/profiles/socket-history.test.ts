// The socket a Linux application still holds after its connection ended (rules user.closed.*, socket-history.ts):
// one answer per call, errno included. Each expectation is what the kernel answered on this machine in the same
// case (adapters/linux/errno.test.ts, named in each test), and what net/ipv4 says: tcp_reset() picks the error,
// sock_error() reports it once, tcp_recvmsg_locked() reads the FIN before the error. ISS = 5000, peer ISS = 1000.
import { ConcreteInput } from '../input';
import { CallResult } from '../observation';
import { Outcome } from '../outcome';
import { ACK, FIN, RST, SYN } from '../segment';
import { State } from '../state';
import { step } from '../step';
import { Tcb, closedTcb } from '../tcb';
import { call, seg, wait } from '../testing';
import { linux } from './linux';
import { rfc9293 } from './rfc9293';

const ISS = 5000;
const run = (t: Tcb, i: ConcreteInput): Outcome[] => step(t, i, linux, { iss: ISS });
/** The one outcome of an input (the answers here allow no choice). */
function only(t: Tcb, i: ConcreteInput): Outcome {
  const os = run(t, i);
  if (os.length !== 1) throw new Error(`expected one outcome, got ${os.length}: ${os.map((o) => o.tcb.state)}`);
  return os[0];
}
/** Inputs one after the other; the TCB after them all. Where the RFC leaves a choice on the way (an ACK now or
 *  delayed, how many retransmissions a long wait holds), the outcome with no ACK owed. */
const after = (t: Tcb, ...is: ConcreteInput[]): Tcb =>
  is.reduce((x, i) => {
    const os = run(x, i);
    return (os.find((o) => o.tcb.ackDue === null) ?? os[0]).tcb;
  }, t);
/** The answers of calls made one after the other. */
function answers(t: Tcb, ...is: ConcreteInput[]): CallResult[] {
  const out: CallResult[] = [];
  for (const i of is) {
    const o = only(t, i);
    out.push(o.result!);
    t = o.tcb;
  }
  return out;
}
const failed = (error: string, errno: string) => ({ ok: false, error, errno });
const send = call({ call: 'send', data: 'x' });
const receive = call({ call: 'receive' });
const close = call({ call: 'close' });
const expectState = (t: Tcb, s: State) => expect(t.state).toBe(s);

const synSent = () => after(closedTcb(), call({ call: 'open', mode: 'active' }));
const established = () => after(synSent(), seg(SYN | ACK, 1000, 5001));
const closeWait = () => after(established(), seg(FIN | ACK, 1001, 5001));
const finWait2 = () => after(established(), close, seg(ACK, 1001, 5002));
const lastAck = () => after(closeWait(), close);
const timeWait = () => after(established(), close, seg(FIN | ACK, 1001, 5002));

describe("the pending error (sk_err) is the reset's, by the state it met (tcp_input.c: tcp_reset())", () => {
  test('a RST in SYN-SENT: ECONNREFUSED once, then SEND EPIPE, RECEIVE end of file (errno.test.ts: SYN-SENT)', () => {
    const t = after(synSent(), seg(RST | ACK, 0, 5001));
    expectState(t, 'Closed');
    expect(answers(t, send, send, receive)).toEqual([
      failed('connection refused', 'ECONNREFUSED'),
      failed('connection reset', 'EPIPE'),
      failed('connection closing', 'EOF'),
    ]);
  });
  test('a RST in ESTABLISHED: the unread text first, then ECONNRESET once, then end of file (errno.test.ts)', () => {
    const t = after(established(), seg(ACK, 1001, 5001, 'ab'), seg(RST, 1003));
    expect(answers(t, receive, receive, receive, send)).toEqual([
      { ok: true, data: 'ab' },
      failed('connection reset', 'ECONNRESET'),
      failed('connection closing', 'EOF'),
      failed('connection reset', 'EPIPE'),
    ]);
  });
  test('a RST in CLOSE-WAIT: RECEIVE reads the FIN (end of file) and leaves EPIPE pending for SEND', () => {
    const t = after(closeWait(), seg(RST, 1002));
    expect(answers(t, receive, receive, send, send)).toEqual([
      failed('connection closing', 'EOF'),
      failed('connection closing', 'EOF'),
      failed('connection reset', 'EPIPE'),
      failed('connection reset', 'EPIPE'),
    ]);
  });
  test('a RST in FIN-WAIT-2 after CLOSE: ECONNRESET, then EPIPE in the words of a closed side, CLOSE ENOTCONN', () => {
    const t = after(finWait2(), seg(RST, 1001));
    expect(answers(t, send, send, receive, close)).toEqual([
      failed('connection reset', 'ECONNRESET'),
      failed('connection closing', 'EPIPE'),
      failed('connection closing', 'EOF'),
      failed('connection does not exist', 'ENOTCONN'),
    ]);
  });
  test('a RST in LAST-ACK: RECEIVE end of file, ECONNRESET pending for SEND, then EPIPE', () => {
    const t = after(lastAck(), seg(RST, 1002));
    expect(answers(t, receive, send, send)).toEqual([
      failed('connection closing', 'EOF'),
      failed('connection reset', 'ECONNRESET'),
      failed('connection closing', 'EPIPE'),
    ]);
  });
  test('a RST in the SYN-RECEIVED of a simultaneous open: ECONNRESET, not the RFC\'s "connection refused"', () => {
    const t = after(synSent(), seg(SYN, 1000), seg(RST, 1001));
    expectState(t, 'Closed');
    expect(answers(t, receive)).toEqual([failed('connection reset', 'ECONNRESET')]);
  });
});

describe('connections that end without a reset', () => {
  test('LAST-ACK ends with the ACK of our FIN: nothing pending; end of file, EPIPE, ENOTCONN (errno.test.ts)', () => {
    const t = after(lastAck(), seg(ACK, 1002, 5002));
    expectState(t, 'Closed');
    expect(answers(t, receive, send, close)).toEqual([
      failed('connection closing', 'EOF'),
      failed('connection closing', 'EPIPE'),
      failed('connection does not exist', 'ENOTCONN'),
    ]);
  });
  test('CLOSE in SYN-SENT disconnects (tcp_disconnect()): ECONNRESET once, then RECEIVE ENOTCONN, SEND EPIPE', () => {
    const o = only(synSent(), close);
    expect([o.tcb.state, o.result]).toEqual(['Closed', { ok: true }]);
    expect(answers(o.tcb, receive, receive, send)).toEqual([
      failed('connection reset', 'ECONNRESET'),
      failed('connection does not exist', 'ENOTCONN'),
      failed('connection closing', 'EPIPE'),
    ]);
  });
  test('close() in SYN-SENT gives the socket up: EBADF', () => {
    const t = after(synSent(), call({ call: 'close', mode: 'halfDuplex' }));
    expect(answers(t, receive)).toEqual([failed('connection does not exist', 'EBADF')]);
  });
});

describe('TIME-WAIT is a record apart from the socket the application holds (tcp_minisocks.c: tcp_time_wait())', () => {
  test('SEND EPIPE, RECEIVE end of file, CLOSE ENOTCONN, OPEN EADDRINUSE, and then no socket: EBADF', () => {
    const t = timeWait();
    expectState(t, 'TimeWait');
    const os = [send, receive, close, call({ call: 'open', mode: 'active' }), send];
    expect(answers(t, ...os)).toEqual([
      failed('connection closing', 'EPIPE'),
      failed('connection closing', 'EOF'),
      failed('connection does not exist', 'ENOTCONN'),
      failed('connection already exists', 'EADDRINUSE'),
      failed('connection does not exist', 'EBADF'),
    ]);
  });
  test('ABORT closes the socket and leaves the record: ok, TIME-WAIT, then EBADF', () => {
    const o = only(timeWait(), call({ call: 'abort' }));
    expect([o.tcb.state, o.segments, o.result]).toEqual(['TimeWait', [], { ok: true }]);
    expect(answers(o.tcb, receive)).toEqual([failed('connection does not exist', 'EBADF')]);
  });
  test('the socket outlives the record: after the RST that ends TIME-WAIT, still end of file and EPIPE', () => {
    const t = after(timeWait(), seg(RST, 1002));
    expectState(t, 'Closed');
    expect(answers(t, receive, send)).toEqual([
      failed('connection closing', 'EOF'),
      failed('connection closing', 'EPIPE'),
    ]);
  });
});

describe("no socket at all: the RFC's answers, with the errno of a closed descriptor", () => {
  test('CLOSED before any OPEN: EBADF', () => {
    expect(answers(closedTcb(), send, receive)).toEqual([
      failed('connection does not exist', 'EBADF'),
      failed('connection does not exist', 'EBADF'),
    ]);
  });
  test("OPEN on a held socket in CLOSED is a new connection, which forgets the old one's error", () => {
    const t = after(synSent(), seg(RST | ACK, 0, 5001), call({ call: 'open', mode: 'active' }));
    expectState(t, 'SynSent');
    expect(answers(t, send)).toEqual([failed('insufficient resources', 'EAGAIN')]);
  });
  test('retransmissions run out: ETIMEDOUT once (tcp_timer.c: tcp_write_err(); errno.test.ts, TCP_SYNCNT)', () => {
    // Only the first call is the pending error; a long wait lets the SYN's retransmissions run out.
    const t = after(synSent(), wait(600000));
    expectState(t, 'Closed');
    expect(answers(t, receive, receive)).toEqual([
      failed('connection reset', 'ETIMEDOUT'),
      failed('connection closing', 'EOF'),
    ]);
  });
});

test('rfc9293 keeps its own answers and no errno: a RST in ESTABLISHED, then "connection does not exist"', () => {
  const r = (t: Tcb, i: ConcreteInput) => step(t, i, rfc9293, { iss: ISS });
  let t = r(closedTcb(), call({ call: 'open', mode: 'active' }))[0].tcb;
  t = r(t, seg(SYN | ACK, 1000, 5001)).find((o) => o.tcb.state === 'Established')!.tcb;
  t = r(t, seg(RST, 1001))[0].tcb;
  expect(r(t, receive).map((o) => o.result)).toEqual([{ ok: false, error: 'connection does not exist' }]);
});

describe("OPEN on a live connection, by the socket layer's state (socket-connect.ts; errno.test.ts, OPEN)", () => {
  const openActive = call({ call: 'open', mode: 'active' });
  const openPassive = call({ call: 'open', mode: 'passive' });
  const exists = (errno: string) => failed('connection already exists', errno);
  test('SYN-SENT: connect() EALREADY, listen() EINVAL', () => {
    expect(answers(synSent(), openActive, openPassive)).toEqual([exists('EALREADY'), exists('EINVAL')]);
  });
  test('ESTABLISHED after a non-blocking connect(): the next connect() succeeds once, then EISCONN', () => {
    const o = only(established(), openActive);
    expect([o.tcb.state, o.segments, o.result, o.rules]).toEqual([
      'Established',
      [],
      { ok: true },
      ['open.connect.completes'],
    ]);
    expect(answers(o.tcb, openActive, openPassive)).toEqual([exists('EISCONN'), exists('EINVAL')]);
  });
  test("CLOSE in a simultaneous open's SYN-RECEIVED while connecting: EINVAL (SS_DISCONNECTING)", () => {
    const t = after(synSent(), seg(SYN, 1000), close);
    expect(answers(t, openActive)).toEqual([exists('EINVAL')]);
  });
  test('CLOSE in ESTABLISHED while connecting: connected from then on, EISCONN', () => {
    expect(answers(after(established(), close), openActive)).toEqual([exists('EISCONN')]);
  });
  test('a passive open: the listener answers EISCONN before accept(), the accepted connection EISCONN', () => {
    const listen = after(closedTcb(), openPassive);
    const synRcvd = after(listen, seg(SYN, 1000));
    expect(answers(synRcvd, openActive)).toEqual([exists('EISCONN')]);
    expect(answers(after(synRcvd, seg(ACK, 1001, 5001)), openActive)).toEqual([exists('EISCONN')]);
  });
  test('after close() the orphan holds the port: EADDRINUSE', () => {
    const t = after(established(), call({ call: 'close', mode: 'halfDuplex' }));
    expect(answers(t, openActive)).toEqual([exists('EADDRINUSE')]);
  });
});
