// Timers, the differences of rfc793 and rfc9293, fresh ISNs and the receive window (models/step.test.ts).
import { rfc793 } from '../profiles/rfc793';
import { linux } from '../profiles/linux';
import { rfc9293 } from '../profiles/rfc9293';
import { ACK, RST, SYN } from '../segment';
import { step } from '../step';
import { closedTcb } from '../tcb';
import { call, seg, wait, out } from '../testing';
import { ISS, run, one, synReceived, established, synSent, synReceivedActive, timeWait, withUnread } from './step';

describe('timers (virtual ms; docs/interpretations.md)', () => {
  test('retransmission: not before 1 s, allowed at 1 s, doubling after each firing (RFC 6298 §2, §5.5)', () => {
    expect(run(synSent(), wait(999)).map(out)).toEqual([[]]);
    const at1s = run(synSent(), wait(1000));
    expect(at1s.map(out)).toEqual([[], ['<SEQ=5000><CTL=SYN><MSS=1460>']]);
    const after = at1s[1];
    expect(after.rules).toEqual(['timeout.retransmission']);
    expect(run(after.tcb, wait(1999)).every((o) => o.segments.length === 0)).toBe(true);
    expect(run(after.tcb, wait(2000)).some((o) => o.segments.length === 1)).toBe(true);
  });
  test('retransmission: never later than 120 s after the last (re)transmission', () => {
    expect(run(synSent(), wait(120000)).every((o) => o.segments.length >= 1)).toBe(true);
  });
  test('retransmission of data: the front of the retransmission queue from SND.UNA', () => {
    const t = one(established(), call({ call: 'send', data: 'abc' })).tcb;
    const fired1 = run(t, wait(1000)).find((o) => o.segments.length === 1)!;
    expect(out(fired1)).toEqual(['<SEQ=5001><ACK=1001><CTL=ACK><DATA="abc">']);
  });
  test('TIME-WAIT: exactly 2MSL = 240000 ms, then CLOSED without a segment (RFC 9293 §3.4.1)', () => {
    expect(run(timeWait(), wait(239999)).map((o) => o.tcb.state)).toEqual(['TimeWait']);
    const o = one(timeWait(), wait(240000));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'Closed', ['timeout.timeWait']]);
  });
  test('user timeout: exactly 300000 ms after the first unacknowledged transmission, no segment for it (RFC 9293 §3.10.8)', () => {
    expect(run(synSent(), wait(299999)).every((o) => o.tcb.state === 'SynSent')).toBe(true);
    const outs = run(synSent(), wait(300000));
    expect(
      outs.every((o) => o.tcb.state === 'Closed' && o.signals.includes('connection aborted due to user timeout')),
    ).toBe(true);
    expect(outs.every((o) => o.rules[o.rules.length - 1] === 'timeout.user')).toBe(true);
  });
  test('delayed ACK: owed at most 500 ms (RFC 9293 §3.8.6.3)', () => {
    const delayed = run(established(), seg(ACK, 1001, 5001, 'abc')).find((o) => o.tcb.ackDue !== null)!;
    expect(run(delayed.tcb, wait(499)).map(out)).toContainEqual([]);
    const by500 = run(delayed.tcb, wait(500));
    expect(by500.every((o) => out(o).includes('<SEQ=5001><ACK=1004><CTL=ACK>'))).toBe(true);
    expect(by500[0].rules).toEqual(['timeout.delayedAck']);
  });
});

describe('rfc793 and rfc9293 differ', () => {
  test('ESTABLISHED: in-window RST not at RCV.NXT → rfc9293 challenge ACK (RFC 5961 §3.2); rfc793 reset', () => {
    const a = one(established(), seg(RST, 1005));
    expect([out(a), a.tcb.state, a.rules]).toEqual([
      ['<SEQ=5001><ACK=1001><CTL=ACK>'],
      'Established',
      ['rst.challenge'],
    ]);
    const b = one(established(rfc793), seg(RST, 1005), rfc793);
    expect([b.segments, b.tcb.state, b.rules]).toEqual([[], 'Closed', ['rst.reset']]);
  });
  test('ESTABLISHED: in-window SYN → rfc9293 challenge ACK (RFC 5961 §4.2); rfc793 RST and CLOSED (RFC 793 p.71)', () => {
    const a = one(established(), seg(SYN, 1001));
    expect([out(a), a.tcb.state, a.rules]).toEqual([
      ['<SEQ=5001><ACK=1001><CTL=ACK>'],
      'Established',
      ['syn.challenge'],
    ]);
    const b = one(established(rfc793), seg(SYN, 1001), rfc793);
    expect([out(b), b.tcb.state, b.signals, b.rules]).toEqual([
      ['<SEQ=0><ACK=1002><CTL=RST,ACK>'],
      'Closed',
      ['connection reset'],
      ['syn.reset'],
    ]);
  });
  test('SYN-RECEIVED (passive): SYN → rfc9293 back to LISTEN (RFC 1122 §4.2.2.20 (e)); rfc793 RST, CLOSED', () => {
    const a = one(synReceived(), seg(SYN, 1001));
    expect([a.segments, a.tcb.state, a.rules]).toEqual([[], 'Listen', ['syn.synReceived.passive']]);
    const b = one(synReceived(rfc793), seg(SYN, 1001), rfc793);
    expect([b.tcb.state, b.rules]).toEqual(['Closed', ['syn.reset']]);
  });
  test('ESTABLISHED: ACK older than SND.UNA - MAX.SND.WND → rfc9293 challenge ACK (RFC 5961 §5.2); rfc793 ignored', () => {
    const a = one(established(), seg(ACK, 1001, 5001 - 9000));
    expect([out(a), a.rules]).toEqual([['<SEQ=5001><ACK=1001><CTL=ACK>'], ['ack.tooOld']]);
    const b = one(established(rfc793), seg(ACK, 1001, 5001 - 9000), rfc793);
    expect([b.segments, b.rules]).toEqual([[], ['ack.duplicate']]);
  });
  test('ESTABLISHED: half-duplex CLOSE with unread data → rfc9293 <SEQ=SND.NXT><CTL=RST>, CLOSED (RFC 9293 §3.6.1)', () => {
    const a = one(withUnread(), call({ call: 'close', mode: 'halfDuplex' }));
    expect([out(a), a.tcb.state, a.rules]).toEqual([['<SEQ=5001><CTL=RST>'], 'Closed', ['close.halfDuplex.unread']]);
  });
  test('ESTABLISHED: half-duplex CLOSE with unread data → rfc793 has no half-duplex close: a plain CLOSE (FIN, FIN-WAIT-1)', () => {
    // docs/interpretations.md: "Only the rfc9293 profile has it"; RFC 793 §3.9 p.60 CLOSE sends FIN and the
    // user may go on receiving.
    const b = one(withUnread(rfc793), call({ call: 'close', mode: 'halfDuplex' }), rfc793);
    expect([out(b), b.tcb.state]).toEqual([['<SEQ=5001><ACK=1004><CTL=FIN,ACK>'], 'FinWait1']);
  });
  test('FIN-WAIT-2 after a half-duplex CLOSE (rfc9293): RECEIVE refused; new data → RST, CLOSED', () => {
    const fw1 = one(established(), call({ call: 'close', mode: 'halfDuplex' })).tcb;
    const fw2 = one(fw1, seg(ACK, 1001, 5002)).tcb;
    expect(one(fw2, call({ call: 'receive' })).rules).toEqual(['receive.halfDuplexClosed']);
    const o = one(fw2, seg(ACK, 1001, 5002, 'late'));
    expect([out(o), o.tcb.state]).toEqual([['<SEQ=5002><CTL=RST>'], 'Closed']);
    expect(o.rules).toContain('text.afterHalfDuplexClose');
  });
});

describe('simultaneous open and fresh ISNs', () => {
  test('SYN-RECEIVED (active): the crossed SYN,ACK at IRS → ESTABLISHED as RFC 793 Figure 8 / RFC 9293 Figure 7 draw it, or ACK and stay by the acceptability test', () => {
    // RFC 793 §3.4 Figure 8 line 6 shows ESTABLISHED; §3.9 p.69 first check finds SEQ=IRS below RCV.NXT.
    const outs = run(synReceivedActive(), seg(SYN | ACK, 1000, 5001));
    const byState = Object.fromEntries(outs.map((o) => [o.tcb.state, { out: out(o), rules: o.rules }]));
    expect(byState.Established).toEqual({ out: [], rules: ['synReceived.synAckCrossed'] });
    expect(byState.SynReceived).toEqual({ out: ['<SEQ=5001><ACK=1001><CTL=ACK>'], rules: ['seq.unacceptable'] });
  });
  test('CLOSED after a connection: active OPEN offered the previous ISS → the SYN uses another one (RFC 9293 §3.4.1, MUST-8)', () => {
    const closedAgain = one(synSent(), call({ call: 'close' })).tcb;
    const o = one(closedAgain, call({ call: 'open', mode: 'active' }));
    expect(o.rules).toContain('iss.fresh');
    expect(o.segments[0].seq).not.toBe(ISS);
  });
});

describe('receive window right edge', () => {
  test('ESTABLISHED: data beyond the right edge last advertised (window filled, ACK delayed) → ACK of RCV.NXT, not accepted', () => {
    // The model advertised 64 at RCV.NXT=1001 (right edge 1065) and took 64 bytes without advertising again.
    // RFC 9293 §3.4 / §3.10.7.4 (first check): RCV.WND is now 0, so octet 1065 is outside the window; the
    // right edge must not move without an advertisement (§3.8.6.2.1). Expected: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
    const full = run(established(), seg(ACK, 1001, 5001, 'z'.repeat(64))).find((o) => o.tcb.ackDue !== null)!;
    expect(full.segments).toEqual([]);
    const outs = run(full.tcb, seg(ACK, 1065, 5001, 'x'));
    expect(outs.map(out)).toEqual([['<SEQ=5001><ACK=1065><CTL=ACK>']]);
    expect(outs[0].tcb.rcvQueue).toHaveLength(64);
    // On a real clock the ACK owed for the 64 bytes may also have left just before the segment arrived (its
    // timer may run out at any moment, §3.8.6.3): then the segment's own ACK follows it. Refused either way.
    const real = step(full.tcb, seg(ACK, 1065, 5001, 'x'), rfc9293, { iss: ISS, realClock: true });
    expect(real.map(out)).toEqual([
      ['<SEQ=5001><ACK=1065><CTL=ACK>'],
      ['<SEQ=5001><ACK=1065><CTL=ACK>', '<SEQ=5001><ACK=1065><CTL=ACK>'],
    ]);
    for (const o of real) expect(o.tcb.rcvQueue).toHaveLength(64);
  });
});

describe('the window an IUT advertised is its own choice (docs/design.md §3)', () => {
  test('ESTABLISHED, real clock: an owed ACK that left first advertising a wider window → the next segment is judged with that window', () => {
    // The model advertised 64 and took 64 bytes with the ACK delayed: its own reading of RCV.WND is 0. The IUT
    // may grow its buffer, and its delayed ACK, sent just before the next segment arrived (§3.8.6.3), then
    // advertises 100 octets: octet 1065 lies inside that window (RFC 9293 §3.4) and is taken in.
    const full = run(established(), seg(ACK, 1001, 5001, 'z'.repeat(64))).find((o) => o.tcb.ackDue !== null)!;
    const next = seg(ACK, 1065, 5001, 'x');
    const ackWide = { seq: 5001, ack: 1065, ctl: ACK, wnd: 100, data: '' };
    const ackOfX = { seq: 5001, ack: 1066, ctl: ACK, wnd: 99, data: '' };
    const seen = step(full.tcb, next, rfc9293, { iss: ISS, realClock: true, observed: [ackWide, ackOfX] });
    const taken = seen.find((o) => out(o).join() === '<SEQ=5001><ACK=1065><CTL=ACK>,<SEQ=5001><ACK=1066><CTL=ACK>');
    expect(taken?.tcb.rcvQueue).toHaveLength(65);
    // Without knowing what was sent, the model's own reading stands: the octet is outside a zero window.
    const guessed = step(full.tcb, next, rfc9293, { iss: ISS, realClock: true });
    expect(guessed.some((o) => o.tcb.rcvQueue.length === 65)).toBe(false);
  });
});

describe('a timer the input arms to run out at once may fire before the answer is collected (real clock)', () => {
  test('SYN-SENT under linux: an unacceptable ACK is reset, and the SYN sent again at once may follow the RST', () => {
    // Linux answers an ACK of something never sent with a reset (RFC 9293 §3.10.7.3) and rearms its SYN to go
    // out again within milliseconds: on a real clock the SYN can leave while the RST is still being collected.
    const t = run(closedTcb(), call({ call: 'open', mode: 'active' }), linux).find(
      (o) => o.tcb.state === 'SynSent',
    )!.tcb;
    const badAck = seg(SYN | ACK, 1000, 5002);
    const virtual = step(t, badAck, linux, { iss: ISS }).map(out);
    expect(virtual).toEqual([['<SEQ=5002><CTL=RST>']]);
    const real = step(t, badAck, linux, { iss: ISS, realClock: true }).map(out);
    expect(real).toContainEqual(['<SEQ=5002><CTL=RST>']);
    expect(real).toContainEqual(['<SEQ=5002><CTL=RST>', '<SEQ=5000><CTL=SYN><MSS=1460>']);
  });
  test('SYN-SENT under rfc9293: no timer is due after the reset, so the RST is the whole answer', () => {
    const real = step(synSent(), seg(SYN | ACK, 1000, 5002), rfc9293, { iss: ISS, realClock: true }).map(out);
    expect(real).toEqual([['<SEQ=5002><CTL=RST>']]);
  });
});
