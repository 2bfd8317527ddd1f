// The slirp profile's own pieces, read against libslirp 4.7.0 (src/) and checked against the library by
// `tcpconform check --adapter slirp --profile slirp` (adapters/slirp/NOTES.md). ISS = 64001, as slirp's own first
// ISS; the peer's ISS = 1000.
import { ConcreteInput } from '../input';
import { Outcome } from '../outcome';
import { Profile } from '../profile';
import { ACK, FIN, RST, SYN } from '../segment';
import { step } from '../step';
import { Tcb, closedTcb } from '../tcb';
import { call, seg, wait } from '../testing';
import { rfc9293 } from './rfc9293';
import { slirp } from './slirp';

const ISS = 64001;
const run = (t: Tcb, i: ConcreteInput, p: Profile = slirp): Outcome[] => step(t, i, p, { iss: ISS });
const one = (os: Outcome[]): Outcome => {
  expect(os).toHaveLength(1);
  return os[0];
};
const synSent = (p: Profile = slirp) => one(run(closedTcb(), call({ call: 'open', mode: 'active' }), p)).tcb;
const synAck = seg(SYN | ACK, 1000, ISS + 1);
const form = (o: Outcome) => o.segments.map((s) => [s.seq, s.ctl, s.data]);

describe('the user is a host socket that slirp reads only from ESTABLISHED (slirp.c: CONN_CANFRCV)', () => {
  test('SEND in SYN-SENT succeeds, sends nothing, and its data goes after the bare ACK of the SYN,ACK', () => {
    const held = one(run(synSent(), call({ call: 'send', data: 'hello' })));
    expect(held.result).toEqual({ ok: true });
    expect(held.segments).toEqual([]);
    const o = one(run(held.tcb, synAck));
    expect(o.tcb.state).toBe('Established');
    expect(form(o)).toEqual([
      [ISS + 1, ACK, ''],
      [ISS + 1, ACK, 'hello'],
    ]);
  });
  test('rfc9293: the same data goes with the ACK of the SYN,ACK (§3.10.7.3)', () => {
    const queued = one(run(synSent(rfc9293), call({ call: 'send', data: 'hello' }), rfc9293)).tcb;
    const os = run(queued, synAck, rfc9293);
    expect(os.some((o) => form(o).length === 1 && form(o)[0][2] === 'hello')).toBe(true);
  });
  test('CLOSE in SYN-SENT leaves SYN-SENT; the SYN,ACK then gets an ACK and a FIN: FIN-WAIT-1', () => {
    const held = one(run(synSent(), call({ call: 'close' })));
    expect(held.tcb.state).toBe('SynSent');
    const o = one(run(held.tcb, synAck));
    expect(o.tcb.state).toBe('FinWait1');
    expect(form(o)).toEqual([
      [ISS + 1, ACK, ''],
      [ISS + 1, FIN | ACK, ''],
    ]);
  });
  test('ABORT in SYN-SENT: the SYN,ACK gets an ACK and a RST,ACK, and later calls find "connection closing"', () => {
    const held = one(run(synSent(), call({ call: 'abort' })));
    expect(one(run(held.tcb, call({ call: 'send', data: 'x' }))).result).toEqual({
      ok: false,
      error: 'connection closing',
    });
    const o = one(run(held.tcb, synAck));
    expect(o.tcb.state).toBe('Closed');
    expect(form(o)).toEqual([
      [ISS + 1, ACK, ''],
      [ISS + 1, RST | ACK, ''],
    ]);
  });
  test('ABORT after CLOSE in FIN-WAIT-1 changes nothing: slirp no longer reads the socket', () => {
    const established = one(run(synSent(), synAck)).tcb;
    const closed = one(run(established, call({ call: 'close' }))).tcb;
    const o = one(run(closed, call({ call: 'abort' })));
    expect(o.tcb.state).toBe('FinWait1');
    expect(o.segments).toEqual([]);
    expect(o.rules).toContain('proxy.callUnseen');
  });
});

describe('the connection-establishment timer, TCPTV_KEEP_INIT (tcp_timer.c: TCPT_KEEP)', () => {
  test('SYN-SENT with no answer is CLOSED 74-75 s after OPEN, without a segment of its own', () => {
    const before = run(synSent(), wait(73_900));
    expect(before.every((o) => o.tcb.state === 'SynSent')).toBe(true);
    const after = run(synSent(), wait(75_000));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((o) => o.tcb.state === 'Closed')).toBe(true);
    // What goes out is the SYN again and again, never a RST: SYN-SENT has not seen the peer's SYN.
    expect(after.every((o) => o.segments.every((s) => s.ctl === SYN))).toBe(true);
  });
  test('rfc9293: SYN-SENT goes on retransmitting past 75 s (§3.8.3: at least 3 minutes)', () => {
    expect(run(synSent(rfc9293), wait(75_000), rfc9293).every((o) => o.tcb.state === 'SynSent')).toBe(true);
  });
});
