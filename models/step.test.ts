// Unit tests of the model, smoltcp-style: per-state fixtures built by stepping the model, one test per
// (state, event), named "<STATE>: <event> → <outcome>", asserting exact segments, state, result and rules.
// ISS = 5000 for the model, the peer's ISS = 1000; the model advertises 64 (its rcvBuffer), the peer 8192.
import { ConcreteInput, UserCall } from './input';
import { Outcome } from './outcome';
import { Profile } from './profile';
import { rfc793 } from './profiles/rfc793';
import { rfc9293 } from './profiles/rfc9293';
import { RULES } from './rules';
import { ACK, FIN, RST, SYN } from './segment';
import { step } from './step';
import { Tcb, closedTcb } from './tcb';
import { call, seg, wait, out } from './testing';

const ISS = 5000;
const fired = new Set<string>();

function run(t: Tcb, input: ConcreteInput, p: Profile = rfc9293): Outcome[] {
  const outs = step(t, input, p, { iss: ISS });
  for (const o of outs) for (const r of o.rules) fired.add(r);
  return outs;
}
/** Exactly one allowed outcome. */
function one(t: Tcb, input: ConcreteInput, p: Profile = rfc9293): Outcome {
  const outs = run(t, input, p);
  expect(outs).toHaveLength(1);
  return outs[0];
}
/** The outcome that acknowledges at once (no ACK owed afterwards). */
function prompt(outs: Outcome[]): Outcome {
  const o = outs.find((x) => x.tcb.ackDue === null);
  if (!o) throw new Error('no outcome acknowledges at once');
  return o;
}

// ---- fixtures --------------------------------------------------------------------------------------------
const listen = (p = rfc9293) => one(closedTcb(), call({ call: 'open', mode: 'passive' }), p).tcb;
const synReceived = (p = rfc9293) => one(listen(p), seg(SYN, 1000), p).tcb;
const established = (p = rfc9293) => one(synReceived(p), seg(ACK, 1001, 5001), p).tcb;
const synSent = (p = rfc9293) => one(closedTcb(), call({ call: 'open', mode: 'active' }), p).tcb;
const synReceivedActive = (p = rfc9293) => one(synSent(p), seg(SYN, 1000), p).tcb;
const finWait1 = (p = rfc9293) => one(established(p), call({ call: 'close' }), p).tcb;
const finWait2 = (p = rfc9293) => one(finWait1(p), seg(ACK, 1001, 5002), p).tcb;
const closeWait = (p = rfc9293) => prompt(run(established(p), seg(FIN | ACK, 1001, 5001), p)).tcb;
const lastAck = (p = rfc9293) => one(closeWait(p), call({ call: 'close' }), p).tcb;
const closing = (p = rfc9293) => prompt(run(finWait1(p), seg(FIN | ACK, 1001, 5001), p)).tcb;
const timeWait = (p = rfc9293) => prompt(run(finWait2(p), seg(FIN | ACK, 1001, 5002), p)).tcb;
/** ESTABLISHED with 3 bytes received and unread. */
const withUnread = (p = rfc9293) => prompt(run(established(p), seg(ACK, 1001, 5001, 'abc'), p)).tcb;

describe('CLOSED', () => {
  // RFC 793 §3.9 p.54-62, p.65; RFC 9293 §3.10.1-3.10.5, §3.10.7.1
  test('CLOSED: passive OPEN → LISTEN, nothing sent', () => {
    const o = one(closedTcb(), call({ call: 'open', mode: 'passive' }));
    expect(o.tcb.state).toBe('Listen');
    expect(o.segments).toEqual([]);
    expect(o.rules).toEqual(['open.passive']);
  });
  test('CLOSED: active OPEN → <SEQ=ISS><CTL=SYN> with MSS, SYN-SENT', () => {
    const o = one(closedTcb(), call({ call: 'open', mode: 'active' }));
    expect(out(o)).toEqual(['<SEQ=5000><CTL=SYN><MSS=1460>']);
    expect(o.tcb.state).toBe('SynSent');
    expect(o.rules).toEqual(['open.active']);
  });
  test.each([
    ['send', { call: 'send', data: 'x' }, 'send.closed'],
    ['receive', { call: 'receive' }, 'receive.closed'],
    ['close', { call: 'close' }, 'close.closed'],
    ['abort', { call: 'abort' }, 'abort.closed'],
  ] as const)('CLOSED: %s → "connection does not exist"', (_n, c, rule) => {
    const o = one(closedTcb(), call(c as UserCall));
    expect(o.result).toEqual({ ok: false, error: 'connection does not exist' });
    expect(o.rules).toEqual([rule]);
  });
  test('CLOSED: RST → dropped', () => {
    const o = one(closedTcb(), seg(RST, 1000));
    expect(o.segments).toEqual([]);
    expect(o.rules).toEqual(['closed.rst']);
  });
  test('CLOSED: ACK → <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.5.2)', () => {
    expect(out(one(closedTcb(), seg(ACK, 1000, 777)))).toEqual(['<SEQ=777><CTL=RST>']);
    expect(fired.has('closed.ack')).toBe(true);
  });
  test('CLOSED: SYN with data → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>', () => {
    const o = one(closedTcb(), seg(SYN, 1000, 0, 'ab'));
    expect(out(o)).toEqual(['<SEQ=0><ACK=1003><CTL=RST,ACK>']);
    expect(o.rules).toEqual(['closed.noAck']);
  });
});

describe('LISTEN', () => {
  // RFC 793 §3.9 p.65-66; RFC 9293 §3.10.7.2
  test('LISTEN: SYN → <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK>, SYN-RECEIVED', () => {
    const o = one(listen(), seg(SYN, 1000));
    expect(out(o)).toEqual(['<SEQ=5000><ACK=1001><CTL=SYN,ACK><MSS=1460>']);
    expect(o.tcb.state).toBe('SynReceived');
    expect(o.rules).toEqual(['listen.syn']);
  });
  test('LISTEN: RST → ignored', () => {
    const o = one(listen(), seg(RST, 1000));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'Listen', ['listen.rst']]);
  });
  test('LISTEN: ACK → <SEQ=SEG.ACK><CTL=RST>, stays LISTEN', () => {
    const o = one(listen(), seg(ACK, 1000, 42));
    expect([out(o), o.tcb.state, o.rules]).toEqual([['<SEQ=42><CTL=RST>'], 'Listen', ['listen.ack']]);
  });
  test('LISTEN: FIN → dropped', () => {
    const o = one(listen(), seg(FIN, 1000));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'Listen', ['listen.other']]);
  });
  test('LISTEN: active OPEN → SYN, SYN-SENT; or "foreign socket unspecified" if the passive OPEN named none', () => {
    const [o, u] = run(listen(), call({ call: 'open', mode: 'active' }));
    expect([out(o), o.tcb.state, o.rules]).toEqual([
      ['<SEQ=5000><CTL=SYN><MSS=1460>'],
      'SynSent',
      ['open.listen.active'],
    ]);
    expect([u.segments, u.tcb.state, u.result, u.rules]).toEqual([
      [],
      'Listen',
      { ok: false, error: 'foreign socket unspecified' },
      ['open.listen.unspecified'],
    ]);
  });
  test('LISTEN: SEND → SYN, data queued, SYN-SENT; or "foreign socket unspecified" if the passive OPEN named none', () => {
    const [o, u] = run(listen(), call({ call: 'send', data: 'q' }));
    expect([out(o), o.tcb.state, o.tcb.sendQueue, o.rules]).toEqual([
      ['<SEQ=5000><CTL=SYN><MSS=1460>'],
      'SynSent',
      'q',
      ['send.listen'],
    ]);
    expect([u.segments, u.tcb.state, u.tcb.sendQueue, u.result, u.rules]).toEqual([
      [],
      'Listen',
      '',
      { ok: false, error: 'foreign socket unspecified' },
      ['send.listen.unspecified'],
    ]);
  });
  test('LISTEN: passive OPEN again → "connection already exists"', () => {
    const o = one(listen(), call({ call: 'open', mode: 'passive' }));
    expect([o.result, o.rules]).toEqual([{ ok: false, error: 'connection already exists' }, ['open.exists']]);
  });
  test('LISTEN: RECEIVE → nothing yet', () => {
    expect(one(listen(), call({ call: 'receive' })).rules).toEqual(['receive.notYet']);
  });
  test('LISTEN: CLOSE → CLOSED, nothing sent', () => {
    const o = one(listen(), call({ call: 'close' }));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'Closed', ['close.listen']]);
  });
  test('LISTEN: ABORT → CLOSED, nothing sent', () => {
    const o = one(listen(), call({ call: 'abort' }));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'Closed', ['abort.quiet']]);
  });
});

describe('SYN-SENT', () => {
  // RFC 793 §3.9 p.66-68; RFC 9293 §3.10.7.3
  test('SYN-SENT: SYN,ACK of ISS+1 → <SEQ=ISS+1><ACK=SEG.SEQ+1><CTL=ACK>, ESTABLISHED', () => {
    const o = one(synSent(), seg(SYN | ACK, 1000, 5001));
    expect([out(o), o.tcb.state, o.rules]).toEqual([
      ['<SEQ=5001><ACK=1001><CTL=ACK>'],
      'Established',
      ['synSent.synAck'],
    ]);
  });
  test('SYN-SENT: SYN → SYN,ACK, SYN-RECEIVED (simultaneous open)', () => {
    const o = one(synSent(), seg(SYN, 1000));
    expect([out(o), o.tcb.state, o.rules]).toEqual([
      ['<SEQ=5000><ACK=1001><CTL=SYN,ACK><MSS=1460>'],
      'SynReceived',
      ['synSent.syn'],
    ]);
  });
  test('SYN-SENT: ACK of ISS (unacceptable) → <SEQ=SEG.ACK><CTL=RST>, stays', () => {
    const o = one(synSent(), seg(ACK, 1000, 5000));
    expect([out(o), o.tcb.state, o.rules]).toEqual([['<SEQ=5000><CTL=RST>'], 'SynSent', ['synSent.ackUnacceptable']]);
  });
  test('SYN-SENT: RST,ACK with an unacceptable ACK → dropped, no RST for a RST', () => {
    const o = one(synSent(), seg(RST | ACK, 1000, 4000));
    expect([o.segments, o.tcb.state]).toEqual([[], 'SynSent']);
  });
  test('SYN-SENT: RST,ACK of ISS+1 → CLOSED, "connection reset"', () => {
    const o = one(synSent(), seg(RST | ACK, 1000, 5001));
    expect([o.segments, o.tcb.state, o.signals, o.rules]).toEqual([
      [],
      'Closed',
      ['connection reset'],
      ['synSent.rst'],
    ]);
  });
  test('SYN-SENT: RST without ACK → dropped', () => {
    const o = one(synSent(), seg(RST, 1000));
    expect([o.tcb.state, o.rules]).toEqual(['SynSent', ['synSent.rst.noAck']]);
  });
  test('SYN-SENT: FIN → dropped', () => {
    expect(one(synSent(), seg(FIN, 1000)).rules).toEqual(['synSent.other']);
  });
  test('SYN-SENT: SEND → queued until established', () => {
    const o = one(synSent(), call({ call: 'send', data: 'hi' }));
    expect([o.segments, o.tcb.sendQueue, o.rules]).toEqual([[], 'hi', ['send.queue']]);
  });
  test('SYN-SENT: CLOSE → CLOSED, nothing sent', () => {
    expect(one(synSent(), call({ call: 'close' })).rules).toEqual(['close.synSent']);
  });
});

describe('SYN-RECEIVED', () => {
  // RFC 793 §3.9 p.69-72; RFC 9293 §3.10.7.4
  test('SYN-RECEIVED: ACK of ISS+1 → ESTABLISHED, nothing sent', () => {
    const o = one(synReceived(), seg(ACK, 1001, 5001));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'Established', ['synReceived.ack', 'ack.new']]);
  });
  test('SYN-RECEIVED: unacceptable ACK → <SEQ=SEG.ACK><CTL=RST>', () => {
    const o = one(synReceived(), seg(ACK, 1001, 5004));
    expect([out(o), o.tcb.state, o.rules]).toEqual([
      ['<SEQ=5004><CTL=RST>'],
      'SynReceived',
      ['synReceived.ackUnacceptable'],
    ]);
  });
  test('SYN-RECEIVED (passive): RST at RCV.NXT → LISTEN', () => {
    const o = one(synReceived(), seg(RST, 1001));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'Listen', ['rst.synReceived.passive']]);
  });
  test('SYN-RECEIVED (active): RST at RCV.NXT → CLOSED, "connection refused"', () => {
    const o = one(synReceivedActive(), seg(RST, 1001));
    expect([o.tcb.state, o.signals, o.rules]).toEqual(['Closed', ['connection refused'], ['rst.synReceived.active']]);
  });
  test('SYN-RECEIVED: segment without ACK → dropped', () => {
    expect(one(synReceived(), seg(0, 1001, 0, 'x')).rules).toEqual(['ack.missing']);
  });
  test('SYN-RECEIVED: RECEIVE → nothing yet; SEND → queued', () => {
    expect(one(synReceived(), call({ call: 'receive' })).result).toEqual({ ok: true, data: '' });
    expect(one(synReceived(), call({ call: 'send', data: 'x' })).rules).toEqual(['send.queue']);
  });
  test('SYN-RECEIVED: CLOSE → FIN, FIN-WAIT-1', () => {
    const o = one(synReceived(), call({ call: 'close' }));
    expect([out(o), o.tcb.state, o.rules]).toEqual([['<SEQ=5001><ACK=1001><CTL=FIN,ACK>'], 'FinWait1', ['close.fin']]);
  });
  test('SYN-RECEIVED: ABORT → <SEQ=SND.NXT><CTL=RST>, CLOSED', () => {
    const o = one(synReceived(), call({ call: 'abort' }));
    expect([out(o), o.tcb.state, o.rules]).toEqual([['<SEQ=5001><CTL=RST>'], 'Closed', ['abort.reset']]);
  });
});

describe('ESTABLISHED', () => {
  // RFC 793 §3.9 p.56-75; RFC 9293 §3.10.2-3.10.7.4
  test('ESTABLISHED: SEND → data at SND.NXT', () => {
    const o = one(established(), call({ call: 'send', data: 'abc' }));
    expect([out(o), o.rules]).toEqual([['<SEQ=5001><ACK=1001><CTL=ACK><DATA="abc">'], ['send.transmit']]);
  });
  test('ESTABLISHED: SEND while data is in flight → it goes now, or congestion control holds it until the ACK', () => {
    // RFC 9293 §3.8.2 (MUST-19), RFC 5681 §3.1: a sender may send less than the peer's window allows.
    const inFlight = one(established(), call({ call: 'send', data: 'abc' })).tcb;
    const outs = run(inFlight, call({ call: 'send', data: 'de' }));
    expect(outs.map(out)).toEqual([['<SEQ=5004><ACK=1001><CTL=ACK><DATA="de">'], []]);
    expect(outs[1].rules).toEqual(['send.transmit', 'send.congestionLimited']);
    // The ACK of the first segment leaves nothing in flight: the held data must go out now.
    const after = one(outs[1].tcb, seg(ACK, 1001, 5004));
    expect(out(after)).toEqual(['<SEQ=5004><ACK=1001><CTL=ACK><DATA="de">']);
  });
  test('ESTABLISHED: SEND with nothing in flight → sent at once, never held', () => {
    expect(out(one(established(), call({ call: 'send', data: 'abc' })))).toEqual([
      '<SEQ=5001><ACK=1001><CTL=ACK><DATA="abc">',
    ]);
  });
  test('ESTABLISHED: an ACK being delayed may leave with the next segment, before its timer', () => {
    // RFC 9293 §3.8.6.3 bounds the delay, it does not forbid sending earlier.
    const owing = run(established(), seg(ACK, 1001, 5001, 'abc'))[1].tcb;
    expect(owing.ackDue).not.toBeNull();
    const outs = run(owing, seg(ACK, 1004, 5001)); // a pure ACK that needs no answer of its own
    expect(outs.map(out)).toEqual([[], ['<SEQ=5001><ACK=1004><CTL=ACK>']]);
    expect(outs[1].rules).toContain('ack.delayedSent');
    expect(outs[1].tcb.ackDue).toBeNull();
  });
  test('ESTABLISHED: in-order data → ACK now or delayed ≤ 500 ms', () => {
    const outs = run(established(), seg(ACK, 1001, 5001, 'abc'));
    expect(outs.map(out)).toEqual([['<SEQ=5001><ACK=1004><CTL=ACK>'], []]);
    expect(outs[1].tcb.ackDue).toBe(500);
    expect(outs.map((o) => o.rules)).toEqual([['text.accept'], ['text.accept']]);
  });
  test('ESTABLISHED: RECEIVE → the data; a window update may follow', () => {
    const outs = run(withUnread(), call({ call: 'receive' }));
    expect(outs.map((o) => o.result)).toEqual([
      { ok: true, data: 'abc' },
      { ok: true, data: 'abc' },
    ]);
    expect(outs.map(out)).toEqual([[], ['<SEQ=5001><ACK=1004><CTL=ACK>']]);
    expect(outs[1].rules).toEqual(['receive.data', 'receive.windowUpdate']);
  });
  test('ESTABLISHED: data ahead of RCV.NXT → ACK of RCV.NXT at once (held or dropped)', () => {
    const outs = run(established(), seg(ACK, 1003, 5001, 'cd'));
    expect(outs.map(out)).toEqual([['<SEQ=5001><ACK=1001><CTL=ACK>'], ['<SEQ=5001><ACK=1001><CTL=ACK>']]);
    expect(outs[1].tcb.held).toHaveLength(1);
    expect(outs[0].rules).toContain('text.outOfOrder');
  });
  test('ESTABLISHED: text overlapping held text with other octets → either copy may win (docs/interpretations.md)', () => {
    const held = run(established(), seg(ACK, 1003, 5001, 'ahd'))[1].tcb;
    expect(held.held).toHaveLength(1);
    const outs = run(held, seg(ACK, 1001, 5001, 'nak'));
    // The new text's octet at 1003 ("k"), or the held one ("a"): RCV.NXT reaches 1006 either way.
    expect(new Set(outs.map((o) => o.tcb.rcvQueue))).toEqual(new Set(['nakhd', 'naahd']));
    expect(outs.every((o) => o.tcb.rcvNxt === 1006)).toBe(true);
    expect(outs.some((o) => o.rules.includes('text.overlap.heldKept'))).toBe(true);
  });
  test('ESTABLISHED: unacceptable segment → <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, dropped', () => {
    const o = one(established(), seg(ACK, 900, 5001, 'old'));
    expect([out(o), o.rules]).toEqual([['<SEQ=5001><ACK=1001><CTL=ACK>'], ['seq.unacceptable']]);
  });
  test('ESTABLISHED: unacceptable RST → dropped silently', () => {
    const o = one(established(), seg(RST, 900));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'Established', ['seq.unacceptable.rst']]);
  });
  test('ESTABLISHED: RST at RCV.NXT → CLOSED, "connection reset"', () => {
    const o = one(established(), seg(RST, 1001));
    expect([o.segments, o.tcb.state, o.signals, o.rules]).toEqual([[], 'Closed', ['connection reset'], ['rst.reset']]);
  });
  test('ESTABLISHED: ACK of something not yet sent → ACK, dropped', () => {
    const o = one(established(), seg(ACK, 1001, 5009));
    expect([out(o), o.rules]).toEqual([['<SEQ=5001><ACK=1001><CTL=ACK>'], ['ack.future']]);
  });
  test('ESTABLISHED: new ACK advances SND.UNA; old ACK is ignored; new window is taken', () => {
    const sent = one(established(), call({ call: 'send', data: 'abcd' })).tcb;
    const a = one(sent, seg(ACK, 1001, 5003));
    expect([a.tcb.sndUna, a.tcb.unacked, a.rules]).toEqual([5003, 'cd', ['ack.new']]);
    const b = one(a.tcb, seg(ACK, 1001, 5002));
    expect([b.segments, b.rules]).toEqual([[], ['ack.duplicate']]);
    const c = one(a.tcb, seg(ACK, 1001, 5003, '', { wnd: 100 }));
    expect([c.tcb.sndWnd, c.rules]).toEqual([100, ['ack.window']]);
  });
  test('ESTABLISHED: FIN → ACK (now or delayed), CLOSE-WAIT, "connection closing"', () => {
    const outs = run(established(), seg(FIN | ACK, 1001, 5001));
    expect(outs.map(out)).toEqual([['<SEQ=5001><ACK=1002><CTL=ACK>'], []]);
    expect(outs.map((o) => o.tcb.state)).toEqual(['CloseWait', 'CloseWait']);
    expect(outs[0].signals).toEqual(['connection closing']);
    expect(outs[0].rules).toContain('fin.closeWait');
  });
  test('ESTABLISHED: CLOSE → <SEQ=SND.NXT><ACK=RCV.NXT><CTL=FIN,ACK>, FIN-WAIT-1', () => {
    const o = one(established(), call({ call: 'close' }));
    expect([out(o), o.tcb.state, o.rules]).toEqual([['<SEQ=5001><ACK=1001><CTL=FIN,ACK>'], 'FinWait1', ['close.fin']]);
  });
  test('ESTABLISHED: ABORT → <SEQ=SND.NXT><CTL=RST>, CLOSED', () => {
    expect(out(one(established(), call({ call: 'abort' })))).toEqual(['<SEQ=5001><CTL=RST>']);
  });
  test('ESTABLISHED: active OPEN → "connection already exists"', () => {
    expect(one(established(), call({ call: 'open', mode: 'active' })).result).toEqual({
      ok: false,
      error: 'connection already exists',
    });
  });
});

describe('FIN-WAIT-1', () => {
  test('FIN-WAIT-1: ACK of our FIN → FIN-WAIT-2', () => {
    const o = one(finWait1(), seg(ACK, 1001, 5002));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'FinWait2', ['ack.new', 'finWait1.finAcked']]);
  });
  test('FIN-WAIT-1: FIN acknowledging our FIN → TIME-WAIT directly', () => {
    const o = prompt(run(finWait1(), seg(FIN | ACK, 1001, 5002)));
    expect([out(o), o.tcb.state]).toEqual([['<SEQ=5002><ACK=1002><CTL=ACK>'], 'TimeWait']);
    expect(o.rules).toContain('fin.finWait1.acked');
  });
  test('FIN-WAIT-1: FIN not acknowledging our FIN → CLOSING', () => {
    const o = prompt(run(finWait1(), seg(FIN | ACK, 1001, 5001)));
    expect([out(o), o.tcb.state]).toEqual([['<SEQ=5002><ACK=1002><CTL=ACK>'], 'Closing']);
    expect(o.rules).toContain('fin.finWait1');
  });
  test('FIN-WAIT-1: SEND → "connection closing"; CLOSE again → closing or ok, no second FIN', () => {
    expect(one(finWait1(), call({ call: 'send', data: 'x' })).rules).toEqual(['send.closing']);
    const outs = run(finWait1(), call({ call: 'close' }));
    expect(outs.map((o) => o.segments)).toEqual([[], []]);
    expect(outs.map((o) => o.rules)).toEqual([['close.again'], ['close.again']]);
  });
});

describe('FIN-WAIT-2', () => {
  test('FIN-WAIT-2: FIN → ACK (now or delayed), TIME-WAIT', () => {
    const outs = run(finWait2(), seg(FIN | ACK, 1001, 5002));
    expect(outs.map(out)).toEqual([['<SEQ=5002><ACK=1002><CTL=ACK>'], []]);
    expect(outs[0].tcb.state).toBe('TimeWait');
    expect(outs[0].rules).toContain('fin.finWait2');
  });
  test('FIN-WAIT-2: data still arrives and is delivered', () => {
    const o = prompt(run(finWait2(), seg(ACK, 1001, 5002, 'xy')));
    expect(out(o)).toEqual(['<SEQ=5002><ACK=1003><CTL=ACK>']);
    expect(o.tcb.rcvQueue).toBe('xy');
  });
  test('FIN-WAIT-2: a long wait changes nothing (no FIN-WAIT-2 timeout in the RFC)', () => {
    const o = one(finWait2(), wait(3_600_000));
    expect([o.segments, o.tcb.state]).toEqual([[], 'FinWait2']);
  });
});

describe('CLOSE-WAIT', () => {
  test('CLOSE-WAIT: RECEIVE with nothing left → "connection closing"', () => {
    const o = one(closeWait(), call({ call: 'receive' }));
    expect([o.result, o.rules]).toEqual([{ ok: false, error: 'connection closing' }, ['receive.eof']]);
  });
  test('CLOSE-WAIT: CLOSE → FIN, LAST-ACK', () => {
    const o = one(closeWait(), call({ call: 'close' }));
    expect([out(o), o.tcb.state, o.rules]).toEqual([
      ['<SEQ=5001><ACK=1002><CTL=FIN,ACK>'],
      'LastAck',
      ['close.closeWait'],
    ]);
  });
  test('CLOSE-WAIT: more text after the FIN → ignored, acknowledged at once or not at all', () => {
    const outs = run(closeWait(), seg(ACK, 1002, 5001, 'zz'));
    expect(outs.map((o) => out(o))).toEqual([['<SEQ=5001><ACK=1002><CTL=ACK>'], []]);
    for (const o of outs) {
      expect(o.rules).toContain('text.ignored');
      expect(o.tcb.rcvQueue).toBe('');
    }
  });
  test('CLOSE-WAIT: a FIN at RCV.NXT → changes nothing', () => {
    const o = prompt(run(closeWait(), seg(FIN | ACK, 1002, 5001)));
    expect(o.tcb.state).toBe('CloseWait');
    expect(o.rules).toContain('fin.again');
  });
});

describe('CLOSING', () => {
  test('CLOSING: ACK of our FIN → TIME-WAIT', () => {
    const o = one(closing(), seg(ACK, 1002, 5002));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'TimeWait', ['ack.new', 'closing.finAcked']]);
  });
  test('CLOSING: RST at RCV.NXT → CLOSED, no signal', () => {
    const o = one(closing(), seg(RST, 1002));
    expect([o.tcb.state, o.signals, o.rules]).toEqual(['Closed', [], ['rst.closing']]);
  });
  test('CLOSING: RECEIVE, CLOSE → "connection closing"; ABORT → CLOSED quietly', () => {
    expect(one(closing(), call({ call: 'receive' })).rules).toEqual(['receive.closing']);
    expect(one(closing(), call({ call: 'close' })).rules).toEqual(['close.closing']);
    expect(out(one(closing(), call({ call: 'abort' })))).toEqual([]);
  });
});

describe('LAST-ACK', () => {
  test('LAST-ACK: ACK of our FIN → CLOSED', () => {
    const o = one(lastAck(), seg(ACK, 1002, 5002));
    expect([o.segments, o.tcb.state, o.rules]).toEqual([[], 'Closed', ['ack.new', 'lastAck.finAcked']]);
  });
});

describe('TIME-WAIT', () => {
  test('TIME-WAIT: retransmitted FIN → ACK at once, 2MSL restarted', () => {
    const t = { ...timeWait(), now: 100000 };
    const o = one(t, seg(FIN | ACK, 1001, 5002));
    expect([out(o), o.tcb.state, o.rules]).toEqual([
      ['<SEQ=5002><ACK=1002><CTL=ACK>'],
      'TimeWait',
      ['timeWait.finRetransmitted'],
    ]);
    expect([o.tcb.twLo, o.tcb.twHi]).toEqual([340000, 340000]);
  });
  test('TIME-WAIT: a FIN at RCV.NXT → ACKed, 2MSL restarted', () => {
    const o = prompt(run({ ...timeWait(), now: 1000 }, seg(FIN | ACK, 1002, 5002)));
    expect(o.rules).toContain('fin.timeWait');
    expect(o.tcb.twLo).toBe(241000);
  });
  test('TIME-WAIT: SEND → "connection closing"', () => {
    expect(one(timeWait(), call({ call: 'send', data: 'x' })).result).toEqual({
      ok: false,
      error: 'connection closing',
    });
  });
});

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

describe('rule coverage', () => {
  test('every rule in models/rules.ts fires in at least one test of this file', () => {
    const never = RULES.map((r) => r.id).filter((id) => !fired.has(id));
    expect(never).toEqual([]);
  });
});
