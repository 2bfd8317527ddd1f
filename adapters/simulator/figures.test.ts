// The RFC's worked examples, played against the simulator from one side at a time: RFC 9293 §3.5 Figures 6-11
// (RFC 793 §3.4 Figures 7-12) and §3.6 Figures 12-13. The tester plays the other side with the figure's numbers.
import { ACK, FIN, RST, SYN, segs, Tester } from './testing';

describe('RFC 9293 §3.5 Figure 6: basic three-way handshake', () => {
  test('as TCP Peer A (ISS=100)', () => {
    const a = new Tester({ iss: 100 });
    expect(segs(a.openActive())).toEqual(['<SEQ=100><CTL=SYN><MSS=1460>']);
    const o = a.segment(300, SYN, 101);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(o.state).toBe('Established');
    expect(segs(a.send('data'))).toEqual(['<SEQ=101><ACK=301><CTL=ACK><DATA="data">']);
  });
  test('as TCP Peer B (ISS=300)', () => {
    const b = new Tester({ iss: 300 });
    b.openPassive();
    expect(segs(b.segment(100, SYN))).toEqual(['<SEQ=300><ACK=101><CTL=SYN,ACK><MSS=1460>']);
    expect(b.segment(101, ACK, 301)).toMatchObject({ segments: [], state: 'Established' });
    b.segment(101, ACK, 301, 'data');
    expect(b.receive().result).toEqual({ ok: true, data: 'data' });
  });
});

describe('RFC 9293 §3.5 Figure 7: simultaneous open', () => {
  test('as TCP Peer A: SYN-SENT -> SYN-RECEIVED -> ESTABLISHED in four segments', () => {
    const a = new Tester({ iss: 100 });
    expect(segs(a.openActive())).toEqual(['<SEQ=100><CTL=SYN><MSS=1460>']);
    const three = a.segment(300, SYN);
    expect(segs(three)).toEqual(['<SEQ=100><ACK=301><CTL=SYN,ACK><MSS=1460>']);
    expect(three.state).toBe('SynReceived');
    const six = a.segment(300, SYN, 101);
    expect(six).toMatchObject({ segments: [], state: 'Established' });
  });
});

describe('RFC 9293 §3.5 Figure 8: recovery from an old duplicate SYN', () => {
  test('as TCP Peer A: the SYN,ACK of the old SYN is answered <SEQ=91><CTL=RST>', () => {
    const a = new Tester({ iss: 100 });
    a.openActive();
    const four = a.segment(300, SYN, 91);
    expect(segs(four)).toEqual(['<SEQ=91><CTL=RST>']);
    expect(four.state).toBe('SynSent');
    expect(segs(a.segment(400, SYN, 101))).toEqual(['<SEQ=101><ACK=401><CTL=ACK>']);
    expect(a.state).toBe('Established');
  });
  test('as TCP Peer B: the RST returns it to LISTEN, and the real SYN then synchronizes', () => {
    for (const profile of ['rfc793', 'rfc9293']) {
      const b = new Tester({ profile, iss: [300, 400] });
      b.openPassive();
      expect(segs(b.segment(90, SYN))).toEqual(['<SEQ=300><ACK=91><CTL=SYN,ACK><MSS=1460>']);
      expect(b.segment(91, RST)).toMatchObject({ segments: [], state: 'Listen' });
      expect(segs(b.segment(100, SYN))).toEqual(['<SEQ=400><ACK=101><CTL=SYN,ACK><MSS=1460>']);
      expect(b.segment(101, ACK, 401)).toMatchObject({ segments: [], state: 'Established' });
    }
  });
});

/** ESTABLISHED with SND.NXT=`snd` and RCV.NXT=`rcv`, reached by a passive open. */
function establishedAt(snd: number, rcv: number, profile = 'rfc9293'): Tester {
  const t = new Tester({ profile, iss: snd - 1 });
  t.openPassive();
  t.segment(rcv - 1, SYN);
  t.segment(rcv, ACK, snd);
  expect(t.state).toBe('Established');
  return t;
}

describe('RFC 9293 §3.5.1 Figure 9: half-open connection discovery', () => {
  test('as TCP Peer B (send 300, receive 100): the out-of-window SYN gets an ACK, the RST aborts', () => {
    for (const profile of ['rfc793', 'rfc9293']) {
      const b = establishedAt(300, 100, profile);
      expect(segs(b.segment(400, SYN))).toEqual(['<SEQ=300><ACK=100><CTL=ACK>']);
      expect(b.segment(100, RST)).toMatchObject({ segments: [], state: 'Closed', signals: ['connection reset'] });
    }
  });
  test('as TCP Peer A (rebooted, ISS=400): the ACK of nothing gets <SEQ=100><CTL=RST>, A stays SYN-SENT', () => {
    const a = new Tester({ iss: 400 });
    expect(segs(a.openActive())).toEqual(['<SEQ=400><CTL=SYN><MSS=1460>']);
    const o = a.segment(300, ACK, 100);
    expect(segs(o)).toEqual(['<SEQ=100><CTL=RST>']);
    expect(o.state).toBe('SynSent');
    expect(segs(a.wait(1000))).toEqual(['<SEQ=400><CTL=SYN><MSS=1460>']);
  });
});

describe('RFC 9293 §3.5.1 Figure 10: the active side causes half-open discovery', () => {
  test('as TCP Peer A (no connection): data gets <SEQ=100><CTL=RST>', () => {
    expect(segs(new Tester().segment(300, ACK, 100, 'abcdefghij'))).toEqual(['<SEQ=100><CTL=RST>']);
  });
  test('as TCP Peer B: the RST aborts the connection', () => {
    const b = establishedAt(100, 300);
    b.send('abcdefghij');
    expect(b.segment(300, RST)).toMatchObject({ state: 'Closed', signals: ['connection reset'] });
  });
});

describe('RFC 9293 §3.5.1 Figure 11: an old duplicate SYN resets two passive sockets', () => {
  test('as TCP Peer A (LISTEN): the SYN,ACK gets <SEQ=Z+1><CTL=RST>, A stays in LISTEN', () => {
    const a = new Tester();
    a.openPassive();
    const o = a.segment(700, SYN, 1001);
    expect(segs(o)).toEqual(['<SEQ=1001><CTL=RST>']);
    expect(o.state).toBe('Listen');
  });
  test('as TCP Peer B: SYN-RECEIVED returns to LISTEN on the RST', () => {
    const b = new Tester({ iss: 700 });
    b.openPassive();
    expect(segs(b.segment(1000, SYN))).toEqual(['<SEQ=700><ACK=1001><CTL=SYN,ACK><MSS=1460>']);
    expect(b.segment(1001, RST)).toMatchObject({ segments: [], state: 'Listen' });
  });
});

describe('RFC 9293 §3.6 Figure 12: normal close sequence', () => {
  test('as TCP Peer A, the active closer: FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT, CLOSED after 2MSL', () => {
    const a = establishedAt(100, 300);
    const two = a.close();
    expect(segs(two)).toEqual(['<SEQ=100><ACK=300><CTL=FIN,ACK>']);
    expect(two.state).toBe('FinWait1');
    expect(a.segment(300, ACK, 101)).toMatchObject({ segments: [], state: 'FinWait2' });
    const four = a.segment(300, FIN, 101);
    expect(segs(four)).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(four.state).toBe('TimeWait');
    expect(a.wait(240000).state).toBe('Closed');
  });
  test('as TCP Peer B, the passive closer: CLOSE-WAIT, LAST-ACK, CLOSED without TIME-WAIT', () => {
    const b = establishedAt(300, 100);
    const two = b.segment(100, FIN, 300);
    expect(segs(two)).toEqual(['<SEQ=300><ACK=101><CTL=ACK>']);
    expect(two.state).toBe('CloseWait');
    const four = b.close();
    expect(segs(four)).toEqual(['<SEQ=300><ACK=101><CTL=FIN,ACK>']);
    expect(four.state).toBe('LastAck');
    expect(b.segment(101, ACK, 301)).toMatchObject({ segments: [], state: 'Closed' });
  });
});

describe('RFC 9293 §3.6 Figure 13: simultaneous close', () => {
  test('as TCP Peer A: FIN-WAIT-1, CLOSING, TIME-WAIT', () => {
    const a = establishedAt(100, 300);
    expect(segs(a.close())).toEqual(['<SEQ=100><ACK=300><CTL=FIN,ACK>']);
    const three = a.segment(300, FIN, 100);
    expect(segs(three)).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(three.state).toBe('Closing');
    expect(a.segment(301, ACK, 101)).toMatchObject({ segments: [], state: 'TimeWait' });
    expect(a.wait(240000).state).toBe('Closed');
  });
});

describe('RFC 9293 §3.6: half-close', () => {
  test("data still flows toward the side that sent FIN, which reads EOF after the peer's FIN", () => {
    const a = establishedAt(100, 300);
    a.close();
    a.segment(300, ACK, 101, 'more');
    a.segment(304, FIN, 101);
    expect(a.state).toBe('TimeWait');
    // TIME-WAIT answers RECEIVE with "connection closing" (RFC 9293 §3.10.3), so the reading is done before.
    const b = establishedAt(100, 300);
    b.close();
    b.segment(300, ACK, 101, 'more');
    expect(b.receive().result).toEqual({ ok: true, data: 'more' });
  });
});
