// CLOSED, LISTEN, SYN-SENT and SYN-RECEIVED: the model's answer to each event (models/step.test.ts).
import { UserCall } from '../input';
import { ACK, FIN, RST, SYN } from '../segment';
import { closedTcb } from '../tcb';
import { call, seg, out } from '../testing';
import { fired, run, one, listen, synReceived, synSent, synReceivedActive } from './step';

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
