// ESTABLISHED to TIME-WAIT: the model's answer to each event (models/step.test.ts).
import { ACK, FIN, RST } from '../segment';
import { call, seg, wait, out } from '../testing';
import {
  run,
  one,
  prompt,
  established,
  finWait1,
  finWait2,
  closeWait,
  lastAck,
  closing,
  timeWait,
  withUnread,
} from './step';

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
  test('CLOSING: a segment that does not acknowledge our FIN is ignored: CLOSING', () => {
    const o = one(closing(), seg(ACK, 1002, 5001));
    expect([o.segments, o.tcb.state, o.rules.slice(-1)]).toEqual([[], 'Closing', ['closing.finUnacked']]);
  });
  test('CLOSING: RECEIVE, CLOSE → "connection closing"; ABORT → CLOSED quietly', () => {
    expect(one(closing(), call({ call: 'receive' })).rules).toEqual(['receive.closing']);
    expect(one(closing(), call({ call: 'close' })).rules).toEqual(['close.closing']);
    expect(out(one(closing(), call({ call: 'abort' })))).toEqual([]);
  });
});

describe('LAST-ACK', () => {
  test('LAST-ACK: a segment that does not acknowledge our FIN is dropped after its ACK field: LAST-ACK', () => {
    const o = one(lastAck(), seg(ACK, 1002, 5001));
    expect([o.segments, o.tcb.state, o.rules.slice(-1)]).toEqual([[], 'LastAck', ['lastAck.finUnacked']]);
  });
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
