// The lwip profile's switches, one test each, read against lwIP 2.1.3's source (src/core/) and checked against
// the real stack through the shim (adapters/lwip). ISS = 5000 for the model, the peer's ISS = 1000.
import { ConcreteInput } from '../input';
import { Outcome } from '../outcome';
import { Profile } from '../profile';
import { ACK, FIN, RST, SYN } from '../segment';
import { step } from '../step';
import { Tcb, closedTcb } from '../tcb';
import { lwip } from './lwip';
import { lwipState } from './lwip-state';
import { rfc9293 } from './rfc9293';
import { call, seg, wait, out, outs } from '../testing';

const ISS = 5000;
const run = (t: Tcb, i: ConcreteInput, p: Profile = lwip): Outcome[] => step(t, i, p, { iss: ISS });
function one(t: Tcb, i: ConcreteInput, p: Profile = lwip): Outcome {
  const outs = run(t, i, p);
  expect(outs).toHaveLength(1);
  return outs[0];
}
/** The outcome that acknowledges at once (no ACK owed afterwards). */
const prompt = (outs: Outcome[]) => outs.find((o) => o.tcb.ackDue === null)!;

// Active opens: the lwIP shim hands a passively opened pcb over only once ESTABLISHED (acceptWhenEstablished).
const synSent = (p: Profile = lwip) => one(closedTcb(), call({ call: 'open', mode: 'active' }), p).tcb;
const established = (p: Profile = lwip) => one(synSent(p), seg(SYN | ACK, 1000, 5001), p).tcb;
/** ESTABLISHED, then tcp_close() (the half-duplex CLOSE): FIN-WAIT-1, the FIN sent. */
const finWait1Closed = () => one(established(), call({ call: 'close', mode: 'halfDuplex' })).tcb;
/** ESTABLISHED, then tcp_shutdown() (CLOSE): FIN-WAIT-1. */
const finWait1 = () => one(established(), call({ call: 'close' })).tcb;
const closeWait = () => prompt(run(established(), seg(FIN | ACK, 1001, 5001))).tcb;
const lastAck = () => one(closeWait(), call({ call: 'close' })).tcb;
const timeWait = () => prompt(run(one(finWait1(), seg(ACK, 1001, 5002)).tcb, seg(FIN | ACK, 1001, 5002))).tcb;
/** ESTABLISHED with "hello" sent and unacknowledged. */
const helloInFlight = () => run(established(), call({ call: 'send', data: 'hello' }))[0].tcb;

describe('text after tcp_close() (tcp_in.c: tcp_input(), TF_RXCLOSED)', () => {
  test('is taken first, so the reset acknowledges it: <SEQ=SND.NXT><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, CLOSED', () => {
    const o = one(finWait1Closed(), seg(ACK, 1001, 5001, 'xyz'));
    expect([out(o), o.tcb.state]).toEqual([['<SEQ=5002><ACK=1004><CTL=RST,ACK>'], 'Closed']);
    expect(o.rules).toContain('text.afterClose.resetAcksText');
  });
  test('rfc9293 resets without acknowledging it', () => {
    const t = one(established(rfc9293), call({ call: 'close', mode: 'halfDuplex' }), rfc9293).tcb;
    expect(out(one(t, seg(ACK, 1001, 5001, 'xyz'), rfc9293))).toEqual(['<SEQ=5002><CTL=RST>']);
  });
  test('with the FIN that completes the close: TIME-WAIT is dropped quietly, no reset and no ACK', () => {
    const o = one(finWait1Closed(), seg(FIN | ACK, 1001, 5002, 'bye'));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([
      [],
      'Closed',
      expect.arrayContaining(['text.afterClose.timeWaitDropped']),
    ]);
  });
  test('the application holds nothing: RECEIVE and ABORT answer "connection closing"', () => {
    expect(one(finWait1Closed(), call({ call: 'receive' })).result).toEqual({ ok: false, error: 'connection closing' });
    const a = one(finWait1Closed(), call({ call: 'abort' }));
    expect([a.result, a.segments, a.tcb.state]).toEqual([{ ok: false, error: 'connection closing' }, [], 'FinWait1']);
  });
  test('a RST ends it without telling the application', () => {
    const o = one(finWait1Closed(), seg(RST, 1001));
    expect([o.tcb.state, o.signals]).toEqual(['Closed', []]);
  });
});

describe('retransmission timeout (tcp.c: tcp_slowtmr(); tcp_out.c: tcp_rexmit_rto(), tcp_output())', () => {
  test('the whole flight goes again as first sent, a FIN sent alone staying alone', () => {
    const t = one(helloInFlight(), call({ call: 'close' })).tcb;
    // Within 3 s the timer may fire more than once (the RTO may have fallen to 1 s); each firing sends both.
    const fired = run(t, wait(3000)).filter((o) => o.segments.length > 0);
    expect(fired.length).toBeGreaterThan(0);
    for (const f of fired)
      expect(out(f).slice(0, 2)).toEqual([
        '<SEQ=5001><ACK=1001><CTL=ACK><DATA="hello">',
        '<SEQ=5006><ACK=1001><CTL=FIN,ACK>',
      ]);
  });
  test('a partly acknowledged segment goes again whole, from its first octet', () => {
    const t = one(helloInFlight(), seg(ACK, 1001, 5002)).tcb;
    const fired = run(t, wait(3000)).filter((o) => o.segments.length > 0);
    expect(fired.length).toBeGreaterThan(0);
    for (const f of fired) expect(new Set(out(f))).toEqual(new Set(['<SEQ=5001><ACK=1001><CTL=ACK><DATA="hello">']));
  });
  test('after the last of 6 SYN retransmissions the connection is given up at the next slow tick (500 ms)', () => {
    let t = synSent();
    for (let i = 0; i < 6; i++) t = run(t, wait(3000)).find((o) => o.segments.length === 1)!.tcb;
    expect(t.rtxCount).toBe(6);
    const gone = run(t, wait(500));
    expect(
      gone.every((o) => o.tcb.state === 'Closed' && o.signals.includes('connection aborted due to user timeout')),
    ).toBe(true);
  });
  test('an ACK above SND.NXT is answered, and widens the RTO window to 0x7FFF ticks (bogus RTT sample)', () => {
    const o = one(helloInFlight(), seg(ACK, 1001, 5100));
    expect(out(o)).toEqual(['<SEQ=5006><ACK=1001><CTL=ACK>']);
    expect([lwipState.get(o.tcb, 'rtoWild'), o.tcb.rtxHi! - o.tcb.now]).toEqual([true, 16384000]);
  });
});

describe('TIME-WAIT (tcp_in.c: tcp_timewait_input())', () => {
  test('a RST at RCV.NXT is ignored', () => {
    const o = one(timeWait(), seg(RST, 1002));
    expect([o.tcb.state, o.segments]).toEqual(['TimeWait', []]);
  });
  test('a SYN in the window is reset, and TIME-WAIT goes on', () => {
    const o = one(timeWait(), seg(SYN, 1005));
    expect([out(o), o.tcb.state]).toEqual([['<SEQ=0><ACK=1006><CTL=RST,ACK>'], 'TimeWait']);
  });
  test('an empty ACK of data never sent gets no answer', () => {
    expect(one(timeWait(), seg(ACK, 1002, 5100)).segments).toEqual([]);
  });
  test('text is acknowledged with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>', () => {
    expect(out(one(timeWait(), seg(ACK, 1002, 5002, 'late')))).toEqual(['<SEQ=5002><ACK=1002><CTL=ACK>']);
  });
});

describe('closing (tcp.c: tcp_close(), tcp_pcb_remove(); tcp_in.c: tcp_process())', () => {
  test('tcp_close() after tcp_shutdown() succeeds in LAST-ACK and stops receiving; no second FIN', () => {
    const o = one(lastAck(), call({ call: 'close', mode: 'halfDuplex' }));
    expect([o.result, o.segments, o.tcb.receiveClosed]).toEqual([{ ok: true }, [], true]);
  });
  test('LAST-ACK: an old FIN that acknowledges ours ends the connection without the ACK it is owed', () => {
    const o = one(lastAck(), seg(FIN | ACK, 1000, 5002));
    expect([o.segments, o.tcb.state]).toEqual([[], 'Closed']);
  });
  test('LAST-ACK: a RST is reported to the application', () => {
    expect(one(lastAck(), seg(RST, 1002)).signals).toEqual(['connection reset']);
  });
  test('ABORT with an ACK still owed sends that ACK, then the reset', () => {
    const owing = run(established(), seg(ACK, 1001, 5001, 'abc')).find((o) => o.tcb.ackDue !== null)!.tcb;
    expect(out(one(owing, call({ call: 'abort' })))).toEqual([
      '<SEQ=5001><ACK=1004><CTL=ACK>',
      '<SEQ=5001><ACK=1004><CTL=RST,ACK>',
    ]);
  });
});

describe('receiving (tcp_in.c: tcp_receive())', () => {
  test('text ahead of RCV.NXT gets an ACK segment of its own before the data its ACK lets out', () => {
    const t = one(established(), call({ call: 'send', data: 'hello' })).tcb;
    const o = run(t, seg(ACK, 1003, 5006, 'ahd'));
    expect(outs(o)).toContainEqual(['<SEQ=5006><ACK=1001><CTL=ACK>']);
    expect(o.every((x) => x.rules.includes('text.outOfOrder.ackFirst'))).toBe(true);
  });
});

describe('SYN-SENT (tcp_in.c: tcp_process(), tcp_parseopt(); tcp_out.c: tcp_output())', () => {
  test('the MSS option of a rejected SYN,ACK is still taken', () => {
    const o = one(synSent(), seg(SYN | ACK, 1000, 4000, '', { mss: 4 }));
    expect([o.tcb.state, o.tcb.sndMss]).toEqual(['SynSent', 4]);
    expect(one(synSent(), seg(SYN | ACK, 1000, 4000, '', { mss: 4 }), rfc9293).tcb.sndMss).toBe(536);
  });
  test('data cut to 536 octets that exceeds the initial window of a 4-octet MSS is never sent: only the ACK goes', () => {
    const t = one(synSent(), call({ call: 'send', data: 'abcdefghijklmnopqrstuvwxyz0123456789' })).tcb;
    const o = one(t, seg(SYN | ACK, 1000, 5001, '', { mss: 4 }));
    expect([out(o), o.tcb.sendQueue.length]).toEqual([['<SEQ=5001><ACK=1001><CTL=ACK>'], 36]);
  });
  test('a SEND then would crash lwIP (tcp_write() assertion): generation leaves it out', () => {
    const t = one(
      one(synSent(), call({ call: 'send', data: 'abcdefghijklmnopqrstuvwxyz0123456789' })).tcb,
      seg(SYN | ACK, 1000, 5001, '', { mss: 4 }),
    ).tcb;
    expect(lwip.crashesOn!(t, call({ call: 'send', data: 'x' }))).toMatch(/tcp_write/);
    expect(lwip.crashesOn!(established(), call({ call: 'send', data: 'x' }))).toBeNull();
  });
});

describe('closed receive window (tcp_in.c: tcp_receive())', () => {
  // The model's window is 64 octets: 64 of them fill it.
  const full = (p: Profile = lwip) =>
    run(established(p), seg(ACK, 1001, 5001, 'z'.repeat(64)), p).find(
      (o) => o.tcb.ackDue === null && o.tcb.rcvWnd === 0,
    )!.tcb;
  test('an acceptable empty segment at RCV.NXT is answered with an ACK all the same (a bug)', () => {
    expect(outs(run(full(), seg(ACK, 1065, 5001)))).toEqual([['<SEQ=5001><ACK=1065><CTL=ACK>']]);
  });
  test('rfc9293 takes it without an answer (RFC 9293 §3.4)', () => {
    expect(outs(run(full(rfc9293), seg(ACK, 1065, 5001), rfc9293))).toEqual([[]]);
  });
});

describe('an ACK above SND.NXT (tcp_in.c: tcp_receive(), the RTT sample taken before the ACK is checked)', () => {
  test('ESTABLISHED with "hello" timed: the ACK is answered and dropped, and the RTO restarts from it (a bug)', () => {
    // RFC 9293 §3.10.7.4 (fifth): an ACK of something not yet sent is answered with an ACK and dropped; lwIP
    // also feeds it to the RTT estimate while a segment is timed, so the RTO may then take any value.
    const o = one(helloInFlight(), seg(ACK, 1001, 5011));
    expect([out(o), o.rules]).toEqual([['<SEQ=5006><ACK=1001><CTL=ACK>'], ['ack.future', 'ack.future.rttSample']]);
    expect([lwipState.get(o.tcb, 'rtoWild'), o.tcb.rtxLo]).toEqual([true, o.tcb.now]);
    const strict = run(helloInFlight(), seg(ACK, 1001, 5011), rfc9293);
    expect(strict.map((x) => x.rules)).toEqual([['ack.future']]);
  });
});

describe('a RST judged by its sequence number alone (tcp_in.c: tcp_process())', () => {
  test('a RST with text one below RCV.NXT is dropped, where rfc9293 finds its text in the window and challenges it', () => {
    const t = established();
    expect(outs(run(t, seg(RST, 1000, 0, 'ab')))).toEqual([[]]);
    expect(outs(run(established(rfc9293), seg(RST, 1000, 0, 'ab'), rfc9293))).toEqual([
      ['<SEQ=5001><ACK=1001><CTL=ACK>'],
    ]);
  });
  test('a RST exactly at RCV.NXT still resets', () => {
    expect(run(established(), seg(RST, 1001)).map((o) => o.tcb.state)).toEqual(['Closed']);
  });
});
