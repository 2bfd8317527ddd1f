// The simulator, state by state, in the smoltcp style (docs/design.md §6): a fixture per state, then
// "segment in -> segments out -> state". Our ISS is 100 and the tester's 300 unless a test says otherwise;
// expected segments are written in RFC 793 figure notation (window and PSH left out, as in the RFC's figures).
import {
  ACK,
  FIN,
  RST,
  SYN,
  segs,
  socketClosed,
  socketCloseWait,
  socketClosing,
  socketEstablished,
  socketFinWait1,
  socketFinWait2,
  socketLastAck,
  socketListen,
  socketSynReceived,
  socketSynSent,
  socketTimeWait,
  Tester,
} from './testing';

describe('CLOSED', () => {
  test('CLOSED: a RST is dropped without reply (RFC 9293 §3.10.7.1)', () => {
    const t = socketClosed();
    const o = t.segment(300, RST);
    expect(segs(o)).toEqual([]);
    expect(o.state).toBe('Closed');
  });
  test('CLOSED: a segment with ACK gets <SEQ=SEG.ACK><CTL=RST> (RFC 9293 §3.10.7.1, Figure 10)', () => {
    const o = socketClosed().segment(300, ACK, 100, 'abcdefghij');
    expect(segs(o)).toEqual(['<SEQ=100><CTL=RST>']);
  });
  test('CLOSED: a SYN without ACK gets <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>', () => {
    expect(segs(socketClosed().segment(300, SYN))).toEqual(['<SEQ=0><ACK=301><CTL=RST,ACK>']);
    expect(segs(socketClosed().segment(300, FIN, undefined, 'ab'))).toEqual(['<SEQ=0><ACK=303><CTL=RST,ACK>']);
  });
  test('CLOSED: SEND, RECEIVE, CLOSE and ABORT answer "connection does not exist" (RFC 9293 §3.10.2-5)', () => {
    const t = socketClosed();
    for (const o of [t.send('x'), t.receive(), t.close(), t.close(true), t.abort()]) {
      expect(o.result).toEqual({ ok: false, error: 'connection does not exist' });
      expect(o.segments).toEqual([]);
    }
  });
  test('CLOSED: passive OPEN enters LISTEN and sends nothing', () => {
    const o = socketClosed().openPassive();
    expect(o).toMatchObject({ result: { ok: true }, state: 'Listen', segments: [] });
  });
  test('CLOSED: active OPEN sends <SEQ=ISS><CTL=SYN> with the MSS option, SYN-SENT (RFC 9293 §3.10.1, §3.7.1)', () => {
    const o = socketClosed().openActive();
    expect(segs(o)).toEqual(['<SEQ=100><CTL=SYN><MSS=1460>']);
    expect(o.segments[0].wnd).toBe(64);
    expect(o.state).toBe('SynSent');
  });
});

describe('LISTEN', () => {
  test('LISTEN: a RST is ignored (RFC 9293 §3.10.7.2 first)', () => {
    const o = socketListen().segment(300, RST);
    expect(o).toMatchObject({ segments: [], state: 'Listen' });
  });
  test('LISTEN: an ACK gets <SEQ=SEG.ACK><CTL=RST> and the listener stays (§3.10.7.2 second)', () => {
    const o = socketListen().segment(300, ACK, 555);
    expect(segs(o)).toEqual(['<SEQ=555><CTL=RST>']);
    expect(o.state).toBe('Listen');
  });
  test('LISTEN: a SYN is answered <SEQ=ISS><ACK=SEG.SEQ+1><CTL=SYN,ACK> with MSS, SYN-RECEIVED (§3.10.7.2 third)', () => {
    const o = socketListen().segment(300, SYN);
    expect(segs(o)).toEqual(['<SEQ=100><ACK=301><CTL=SYN,ACK><MSS=1460>']);
    expect(o.state).toBe('SynReceived');
  });
  test('LISTEN: a segment with neither RST, ACK nor SYN is dropped (§3.10.7.2 fourth)', () => {
    const o = socketListen().segment(300, FIN, undefined, 'x');
    expect(o).toMatchObject({ segments: [], state: 'Listen' });
  });
  test('LISTEN: a second passive OPEN answers "connection already exists" (§3.10.1)', () => {
    expect(socketListen().openPassive().result).toEqual({ ok: false, error: 'connection already exists' });
  });
  test('LISTEN: CLOSE and ABORT delete the TCB silently (§3.10.4, §3.10.5)', () => {
    expect(socketListen().close()).toMatchObject({ result: { ok: true }, segments: [], state: 'Closed' });
    expect(socketListen().abort()).toMatchObject({ result: { ok: true }, segments: [], state: 'Closed' });
  });
  test('LISTEN: RECEIVE has nothing yet (§3.10.3)', () => {
    expect(socketListen().receive().result).toEqual({ ok: true, data: '' });
  });
  test('LISTEN: active OPEN turns the listener active: SYN, SYN-SENT (§3.10.1)', () => {
    const o = socketListen().openActive();
    expect(segs(o)).toEqual(['<SEQ=100><CTL=SYN><MSS=1460>']);
    expect(o.state).toBe('SynSent');
  });
  test('LISTEN: SEND turns the listener active; the data follows the handshake (§3.10.2)', () => {
    const t = socketListen();
    expect(segs(t.send('hi'))).toEqual(['<SEQ=100><CTL=SYN><MSS=1460>']);
    expect(segs(t.segment(300, SYN, 101))).toEqual(['<SEQ=101><ACK=301><CTL=ACK><DATA="hi">']);
  });
});

describe('SYN-SENT', () => {
  test('SYN-SENT: SYN,ACK acknowledging our SYN: ACK it, ESTABLISHED (RFC 9293 §3.10.7.3, Figure 6)', () => {
    const o = socketSynSent().segment(300, SYN, 101);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(o.state).toBe('Established');
  });
  test('SYN-SENT: an ACK of ISS or earlier gets <SEQ=SEG.ACK><CTL=RST> (§3.10.7.3 first)', () => {
    const t = socketSynSent();
    const o = t.segment(300, SYN, 100);
    expect(segs(o)).toEqual(['<SEQ=100><CTL=RST>']);
    expect(o.state).toBe('SynSent');
  });
  test('SYN-SENT: an ACK beyond SND.NXT gets <SEQ=SEG.ACK><CTL=RST>', () => {
    expect(segs(socketSynSent().segment(300, ACK, 102))).toEqual(['<SEQ=102><CTL=RST>']);
  });
  test('SYN-SENT: a RST with an unacceptable ACK is dropped', () => {
    expect(socketSynSent().segment(300, RST, 102)).toMatchObject({ segments: [], state: 'SynSent' });
  });
  test('SYN-SENT: a RST acknowledging our SYN: "connection reset", CLOSED (§3.10.7.3 second)', () => {
    const o = socketSynSent().segment(0, RST, 101);
    expect(o).toMatchObject({ segments: [], state: 'Closed', signals: ['connection reset'] });
  });
  test('SYN-SENT: a RST without ACK is dropped', () => {
    expect(socketSynSent().segment(300, RST)).toMatchObject({ segments: [], state: 'SynSent', signals: [] });
  });
  test('SYN-SENT: a SYN without ACK is a simultaneous open: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SYN-RECEIVED (Figure 7)', () => {
    const o = socketSynSent().segment(300, SYN);
    expect(segs(o)).toEqual(['<SEQ=100><ACK=301><CTL=SYN,ACK><MSS=1460>']);
    expect(o.state).toBe('SynReceived');
  });
  test('SYN-SENT: a segment with neither SYN nor RST is dropped (§3.10.7.3 fifth)', () => {
    expect(socketSynSent().segment(300, ACK, 101)).toMatchObject({ segments: [], state: 'SynSent' });
  });
  test('SYN-SENT: a FIN on the SYN,ACK is processed too: CLOSE-WAIT, ACK=SEG.SEQ+2', () => {
    const o = socketSynSent().segment(300, SYN | FIN, 101);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=302><CTL=ACK>']);
    expect(o).toMatchObject({ state: 'CloseWait', signals: ['connection closing'] });
  });
  test('SYN-SENT: data SENT before the handshake rides on the ACK of the SYN,ACK (§3.10.2, §3.10.7.3)', () => {
    const t = socketSynSent();
    expect(t.send('hi')).toMatchObject({ result: { ok: true }, segments: [] });
    expect(segs(t.segment(300, SYN, 101))).toEqual(['<SEQ=101><ACK=301><CTL=ACK><DATA="hi">']);
  });
  test('SYN-SENT: CLOSE and ABORT delete the TCB without a segment (§3.10.4, §3.10.5)', () => {
    expect(socketSynSent().close()).toMatchObject({ segments: [], state: 'Closed', result: { ok: true } });
    expect(socketSynSent().abort()).toMatchObject({ segments: [], state: 'Closed', result: { ok: true } });
  });
  test('SYN-SENT: the SYN is retransmitted after 1 s, then 2 s later (RFC 6298 §2.1, §5.5)', () => {
    const t = socketSynSent();
    expect(segs(t.wait(999))).toEqual([]);
    expect(segs(t.wait(1))).toEqual(['<SEQ=100><CTL=SYN><MSS=1460>']);
    expect(segs(t.wait(1999))).toEqual([]);
    expect(segs(t.wait(1))).toEqual(['<SEQ=100><CTL=SYN><MSS=1460>']);
  });
});

describe('SYN-RECEIVED', () => {
  test('SYN-RECEIVED: the ACK of our SYN establishes the connection, nothing sent (§3.10.7.4 fifth)', () => {
    expect(socketSynReceived().segment(301, ACK, 101)).toMatchObject({ segments: [], state: 'Established' });
  });
  test('SYN-RECEIVED: RST returns a passive open to LISTEN, silently (RFC 793 p.70; RFC 9293 §3.10.7.4 second)', () => {
    for (const profile of ['rfc793', 'rfc9293']) {
      const o = socketSynReceived(profile).segment(301, RST);
      expect(o).toMatchObject({ segments: [], state: 'Listen', signals: [] });
    }
  });
  test('SYN-RECEIVED: RST on an active (simultaneous) open: "connection refused", CLOSED', () => {
    const t = socketSynSent();
    t.segment(300, SYN);
    expect(t.segment(301, RST)).toMatchObject({ segments: [], state: 'Closed', signals: ['connection refused'] });
  });
  test('SYN-RECEIVED: rfc9293: a RST in the window but not at RCV.NXT gets a challenge ACK (RFC 5961 §3.2)', () => {
    const o = socketSynReceived('rfc9293').segment(305, RST);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(o.state).toBe('SynReceived');
  });
  test('SYN-RECEIVED: rfc793: any RST in the window returns to LISTEN (RFC 793 p.37, p.70)', () => {
    expect(socketSynReceived('rfc793').segment(305, RST)).toMatchObject({ segments: [], state: 'Listen' });
  });
  test('SYN-RECEIVED: an unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST> (§3.10.7.4 fifth)', () => {
    const t = socketSynReceived();
    expect(segs(t.segment(301, ACK, 102))).toEqual(['<SEQ=102><CTL=RST>']);
    // SEG.ACK = SND.UNA acknowledges nothing (the erratum's SND.UNA < SEG.ACK).
    expect(segs(t.segment(301, ACK, 100))).toEqual(['<SEQ=100><CTL=RST>']);
    expect(t.state).toBe('SynReceived');
  });
  test('SYN-RECEIVED: a retransmitted SYN is below RCV.NXT: ACK, drop (§3.10.7.4 first)', () => {
    const o = socketSynReceived().segment(300, SYN);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(o.state).toBe('SynReceived');
  });
  test('SYN-RECEIVED: rfc9293: a new SYN returns a passive open to LISTEN (§3.10.7.4 fourth)', () => {
    expect(socketSynReceived('rfc9293').segment(301, SYN)).toMatchObject({ segments: [], state: 'Listen' });
  });
  test('SYN-RECEIVED: rfc793: a SYN in the window is reset: RST, "connection reset", CLOSED (RFC 793 p.71)', () => {
    const o = socketSynReceived('rfc793').segment(301, SYN);
    expect(segs(o)).toEqual(['<SEQ=0><ACK=302><CTL=RST,ACK>']);
    expect(o).toMatchObject({ state: 'Closed', signals: ['connection reset'] });
  });
  test('SYN-RECEIVED: a segment without ACK is dropped', () => {
    expect(socketSynReceived().segment(301, 0, undefined, 'x')).toMatchObject({ segments: [], state: 'SynReceived' });
  });
  test('SYN-RECEIVED: CLOSE with nothing queued sends FIN, FIN-WAIT-1 (§3.10.4)', () => {
    const o = socketSynReceived().close();
    expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=FIN,ACK>']);
    expect(o.state).toBe('FinWait1');
  });
  test('SYN-RECEIVED: CLOSE with data queued waits for ESTABLISHED; then data and FIN go out (§3.10.4)', () => {
    const t = socketSynReceived();
    t.send('ab');
    expect(t.close()).toMatchObject({ segments: [], state: 'SynReceived', result: { ok: true } });
    expect(t.send('c').result).toEqual({ ok: false, error: 'connection closing' });
    const o = t.segment(301, ACK, 101);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=FIN,ACK><DATA="ab">']);
    expect(o.state).toBe('FinWait1');
  });
  test('SYN-RECEIVED: ABORT sends <SEQ=SND.NXT><CTL=RST>, CLOSED (§3.10.5)', () => {
    expect(segs(socketSynReceived().abort())).toEqual(['<SEQ=101><CTL=RST>']);
  });
  test('SYN-RECEIVED: the SYN,ACK is retransmitted after 1 s', () => {
    expect(segs(socketSynReceived().wait(1000))).toEqual(['<SEQ=100><ACK=301><CTL=SYN,ACK><MSS=1460>']);
  });
  test('SYN-RECEIVED: RECEIVE has nothing yet; OPEN answers "connection already exists"', () => {
    const t = socketSynReceived();
    expect(t.receive().result).toEqual({ ok: true, data: '' });
    expect(t.openActive().result).toEqual({ ok: false, error: 'connection already exists' });
  });
});

describe('ESTABLISHED', () => {
  test('ESTABLISHED: in-order data is queued and its ACK delayed by 200 ms (§3.10.7.4 seventh, §3.8.6.3)', () => {
    const t = socketEstablished();
    expect(segs(t.segment(301, ACK, 101, 'ab'))).toEqual([]);
    expect(segs(t.wait(199))).toEqual([]);
    const o = t.wait(1);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=303><CTL=ACK>']);
    expect(o.segments[0].wnd).toBe(62);
    expect(t.receive().result).toEqual({ ok: true, data: 'ab' });
    expect(t.receive().result).toEqual({ ok: true, data: '' });
  });
  test('ESTABLISHED: a delayed ACK rides on data we send meanwhile', () => {
    const t = socketEstablished();
    t.segment(301, ACK, 101, 'ab');
    expect(segs(t.send('xy'))).toEqual(['<SEQ=101><ACK=303><CTL=ACK><DATA="xy">']);
    expect(segs(t.wait(500))).toEqual([]);
  });
  test('ESTABLISHED: out-of-order data is held and RCV.NXT acknowledged at once; the gap filled is ACKed at once', () => {
    const t = socketEstablished();
    expect(segs(t.segment(303, ACK, 101, 'cd'))).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(segs(t.segment(301, ACK, 101, 'ab'))).toEqual(['<SEQ=101><ACK=305><CTL=ACK>']);
    expect(t.receive().result).toEqual({ ok: true, data: 'abcd' });
  });
  test('ESTABLISHED: a segment beyond the window gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (§3.10.7.4 first)', () => {
    const t = socketEstablished();
    expect(segs(t.segment(301 + 64, ACK, 101, 'x'))).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(t.receive().result).toEqual({ ok: true, data: '' });
  });
  test('ESTABLISHED: an old duplicate is unacceptable: ACK, drop', () => {
    const t = socketEstablished();
    t.segment(301, ACK, 101, 'ab');
    expect(segs(t.segment(301, ACK, 101, 'ab'))).toEqual(['<SEQ=101><ACK=303><CTL=ACK>']);
    expect(t.receive().result).toEqual({ ok: true, data: 'ab' });
  });
  test('ESTABLISHED: a segment straddling RCV.NXT contributes only its new part', () => {
    const t = socketEstablished();
    t.segment(301, ACK, 101, 'ab');
    t.segment(302, ACK, 101, 'bcd');
    expect(t.receive().result).toEqual({ ok: true, data: 'abcd' });
  });
  test('ESTABLISHED: a RST at RCV.NXT: "connection reset", CLOSED (§3.10.7.4 second)', () => {
    for (const profile of ['rfc793', 'rfc9293']) {
      const o = socketEstablished(profile).segment(301, RST);
      expect(o).toMatchObject({ segments: [], state: 'Closed', signals: ['connection reset'] });
    }
  });
  test('ESTABLISHED: rfc9293: a RST elsewhere in the window gets a challenge ACK (RFC 5961 §3.2)', () => {
    const o = socketEstablished('rfc9293').segment(302, RST);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(o.state).toBe('Established');
  });
  test('ESTABLISHED: rfc793: a RST anywhere in the window resets (RFC 793 p.37)', () => {
    expect(socketEstablished('rfc793').segment(302, RST)).toMatchObject({
      state: 'Closed',
      signals: ['connection reset'],
    });
  });
  test('ESTABLISHED: a RST outside the window is dropped silently', () => {
    expect(socketEstablished().segment(301 + 64, RST)).toMatchObject({ segments: [], state: 'Established' });
    expect(socketEstablished().segment(300, RST)).toMatchObject({ segments: [], state: 'Established' });
  });
  test('ESTABLISHED: rfc9293: a SYN in the window gets a challenge ACK and is dropped (RFC 5961 §4.2)', () => {
    const o = socketEstablished('rfc9293').segment(305, SYN);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(o.state).toBe('Established');
  });
  test('ESTABLISHED: rfc793: a SYN in the window: RST formed from the SYN, "connection reset", CLOSED (RFC 793 p.71)', () => {
    const a = socketEstablished('rfc793').segment(305, SYN);
    expect(segs(a)).toEqual(['<SEQ=0><ACK=306><CTL=RST,ACK>']);
    expect(a).toMatchObject({ state: 'Closed', signals: ['connection reset'] });
    expect(segs(socketEstablished('rfc793').segment(305, SYN, 101))).toEqual(['<SEQ=101><CTL=RST>']);
  });
  test('ESTABLISHED: a SYN outside the window only gets an ACK (Figure 9 line 4)', () => {
    for (const profile of ['rfc793', 'rfc9293']) {
      const o = socketEstablished(profile).segment(9000, SYN);
      expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
      expect(o.state).toBe('Established');
    }
  });
  test('ESTABLISHED: an ACK of data not yet sent gets an ACK; the segment is dropped (§3.10.7.4 fifth)', () => {
    const t = socketEstablished();
    expect(segs(t.segment(301, ACK, 102, 'x'))).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(t.receive().result).toEqual({ ok: true, data: '' });
  });
  test('ESTABLISHED: rfc9293: an ACK older than SND.UNA-MAX.SND.WND gets a challenge ACK (RFC 5961 §5.2)', () => {
    const t = socketEstablished('rfc9293');
    expect(segs(t.segment(301, ACK, 101 - 8193, 'x'))).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(t.receive().result).toEqual({ ok: true, data: '' });
    // At exactly SND.UNA-MAX.SND.WND it is an acceptable duplicate, and the text goes through.
    expect(segs(t.segment(301, ACK, 101 - 8192, 'x'))).toEqual([]);
    expect(t.receive().result).toEqual({ ok: true, data: 'x' });
  });
  test('ESTABLISHED: rfc793: an old ACK is a duplicate and ignored; the text is still taken', () => {
    const t = socketEstablished('rfc793');
    expect(segs(t.segment(301, ACK, 101 - 9000, 'x'))).toEqual([]);
    expect(t.receive().result).toEqual({ ok: true, data: 'x' });
  });
  test('ESTABLISHED: a segment without ACK is dropped (§3.10.7.4 fifth)', () => {
    const t = socketEstablished();
    expect(segs(t.segment(301, 0, undefined, 'x'))).toEqual([]);
    expect(t.receive().result).toEqual({ ok: true, data: '' });
  });
  test('ESTABLISHED: SEND transmits at once with ACK=RCV.NXT; a retransmission resends from SND.UNA', () => {
    const t = socketEstablished();
    expect(segs(t.send('hello'))).toEqual(['<SEQ=101><ACK=301><CTL=ACK><DATA="hello">']);
    expect(segs(t.segment(301, ACK, 103))).toEqual([]);
    // SND.UNA advanced at t=0: the timer restarted with the initial RTO.
    expect(segs(t.wait(1000))).toEqual(['<SEQ=103><ACK=301><CTL=ACK><DATA="llo">']);
    expect(segs(t.segment(301, ACK, 106))).toEqual([]);
    expect(segs(t.wait(10000))).toEqual([]);
  });
  test('ESTABLISHED: SEND respects the peer window and MSS (§3.7.1, §3.8.6)', () => {
    const t = socketSynSent();
    t.ep.apply({ kind: 'segment', segment: { seq: 300, ack: 101, ctl: SYN | ACK, wnd: 3, data: '', mss: 2 } });
    expect(segs(t.send('abcde'))).toEqual([
      '<SEQ=101><ACK=301><CTL=ACK><DATA="ab">',
      '<SEQ=103><ACK=301><CTL=ACK><DATA="c">',
    ]);
    expect(segs(t.segment(301, ACK, 104, '', 100))).toEqual(['<SEQ=104><ACK=301><CTL=ACK><DATA="de">']);
  });
  test('ESTABLISHED: without an MSS option the peer gets segments of at most 536 bytes (§3.7.1)', () => {
    const t = socketEstablished();
    const o = t.send('x'.repeat(600));
    expect(o.segments.map((s) => [s.seq, s.data.length])).toEqual([
      [101, 536],
      [637, 64],
    ]);
  });
  test('ESTABLISHED: a SEND that does not fit the send buffer answers "insufficient resources"', () => {
    const t = socketEstablished();
    expect(t.send('x'.repeat(1025)).result).toEqual({ ok: false, error: 'insufficient resources' });
    expect(t.send('x'.repeat(1024)).result).toEqual({ ok: true });
  });
  test('ESTABLISHED: the peer\'s FIN: ACK it, "connection closing", CLOSE-WAIT (§3.10.7.4 eighth)', () => {
    const o = socketEstablished().segment(301, FIN, 101);
    expect(segs(o)).toEqual(['<SEQ=101><ACK=302><CTL=ACK>']);
    expect(o).toMatchObject({ state: 'CloseWait', signals: ['connection closing'] });
  });
  test('ESTABLISHED: data with FIN is acknowledged at once; RECEIVE gives the data, then "connection closing"', () => {
    const t = socketEstablished();
    expect(segs(t.segment(301, FIN, 101, 'ab'))).toEqual(['<SEQ=101><ACK=304><CTL=ACK>']);
    expect(t.receive().result).toEqual({ ok: true, data: 'ab' });
    expect(t.receive().result).toEqual({ ok: false, error: 'connection closing' });
  });
  test('ESTABLISHED: a FIN ahead of RCV.NXT waits until the gap is filled', () => {
    const t = socketEstablished();
    expect(segs(t.segment(302, FIN, 101, 'b'))).toEqual(['<SEQ=101><ACK=301><CTL=ACK>']);
    expect(t.state).toBe('Established');
    const o = t.segment(301, ACK, 101, 'a');
    expect(segs(o)).toEqual(['<SEQ=101><ACK=304><CTL=ACK>']);
    expect(o.state).toBe('CloseWait');
  });
  test('ESTABLISHED: CLOSE sends FIN, FIN-WAIT-1 (§3.10.4)', () => {
    const o = socketEstablished().close();
    expect(segs(o)).toEqual(['<SEQ=101><ACK=301><CTL=FIN,ACK>']);
    expect(o.state).toBe('FinWait1');
  });
  test('ESTABLISHED: CLOSE after SEND: the FIN rides on the last data segment', () => {
    const t = socketEstablished();
    t.send('ab');
    const o = t.close();
    expect(segs(o)).toEqual(['<SEQ=103><ACK=301><CTL=FIN,ACK>']);
  });
  test('ESTABLISHED: rfc9293: half-duplex CLOSE with unread data sends <SEQ=SND.NXT><CTL=RST>, CLOSED (§3.6.1)', () => {
    const t = socketEstablished('rfc9293');
    t.segment(301, ACK, 101, 'x');
    const o = t.close(true);
    expect(segs(o)).toEqual(['<SEQ=101><CTL=RST>']);
    expect(o.state).toBe('Closed');
  });
  test('ESTABLISHED: rfc793 has no half-duplex close: the same CLOSE sends FIN', () => {
    const t = socketEstablished('rfc793');
    t.segment(301, ACK, 101, 'x');
    expect(segs(t.close(true))).toEqual(['<SEQ=101><ACK=302><CTL=FIN,ACK>']);
  });
  test('ESTABLISHED: ABORT sends <SEQ=SND.NXT><CTL=RST>, CLOSED (§3.10.5)', () => {
    const t = socketEstablished();
    t.send('abc');
    const o = t.abort();
    expect(segs(o)).toEqual(['<SEQ=104><CTL=RST>']);
    expect(o.state).toBe('Closed');
  });
  test('ESTABLISHED: a full receive buffer advertises window 0; RECEIVE reopens it with a window update', () => {
    const t = socketEstablished();
    t.segment(301, ACK, 101, 'y'.repeat(64));
    const a = t.wait(200);
    expect(a.segments[0].wnd).toBe(0);
    expect(segs(t.segment(365, ACK, 101, 'z'))).toEqual(['<SEQ=101><ACK=365><CTL=ACK>']);
    const o = t.receive();
    expect(o.result).toEqual({ ok: true, data: 'y'.repeat(64) });
    expect(segs(o)).toEqual(['<SEQ=101><ACK=365><CTL=ACK>']);
    expect(o.segments[0].wnd).toBe(64);
  });
  test('ESTABLISHED: OPEN answers "connection already exists"', () => {
    expect(socketEstablished().openPassive().result).toEqual({ ok: false, error: 'connection already exists' });
  });
});

describe('FIN-WAIT-1', () => {
  test('FIN-WAIT-1: the ACK of our FIN leads to FIN-WAIT-2 (§3.10.7.4 fifth)', () => {
    expect(socketFinWait1().segment(301, ACK, 102)).toMatchObject({ segments: [], state: 'FinWait2' });
  });
  test('FIN-WAIT-1: an ACK short of our FIN leaves us in FIN-WAIT-1', () => {
    expect(socketFinWait1().segment(301, ACK, 101)).toMatchObject({ segments: [], state: 'FinWait1' });
  });
  test('FIN-WAIT-1: a FIN not acknowledging ours: simultaneous close, ACK it, CLOSING (Figure 13)', () => {
    const o = socketFinWait1().segment(301, FIN, 101);
    expect(segs(o)).toEqual(['<SEQ=102><ACK=302><CTL=ACK>']);
    expect(o).toMatchObject({ state: 'Closing', signals: ['connection closing'] });
  });
  test('FIN-WAIT-1: a FIN acknowledging ours goes straight to TIME-WAIT (§3.10.7.4 eighth)', () => {
    const o = socketFinWait1().segment(301, FIN, 102);
    expect(segs(o)).toEqual(['<SEQ=102><ACK=302><CTL=ACK>']);
    expect(o.state).toBe('TimeWait');
  });
  test('FIN-WAIT-1: data from the peer is still accepted (half-close)', () => {
    const t = socketFinWait1();
    t.segment(301, ACK, 101, 'abc');
    expect(segs(t.wait(200))).toEqual(['<SEQ=102><ACK=304><CTL=ACK>']);
    expect(t.receive().result).toEqual({ ok: true, data: 'abc' });
  });
  test('FIN-WAIT-1: SEND and a second CLOSE answer "connection closing"; no second FIN (§3.10.2, §3.10.4)', () => {
    const t = socketFinWait1();
    expect(t.send('x')).toMatchObject({ result: { ok: false, error: 'connection closing' }, segments: [] });
    expect(t.close()).toMatchObject({ result: { ok: false, error: 'connection closing' }, segments: [] });
  });
  test('FIN-WAIT-1: the FIN is retransmitted after 1 s', () => {
    expect(segs(socketFinWait1().wait(1000))).toEqual(['<SEQ=101><ACK=301><CTL=FIN,ACK>']);
  });
  test('FIN-WAIT-1: a RST at RCV.NXT: "connection reset", CLOSED', () => {
    expect(socketFinWait1().segment(301, RST)).toMatchObject({ state: 'Closed', signals: ['connection reset'] });
  });
  test('FIN-WAIT-1: after a half-duplex CLOSE, new data is answered with <SEQ=SND.NXT><CTL=RST> (§3.6.1)', () => {
    const t = socketEstablished('rfc9293');
    t.close(true);
    expect(t.receive().result).toEqual({ ok: false, error: 'connection closing' });
    const o = t.segment(301, ACK, 102, 'x');
    expect(segs(o)).toEqual(['<SEQ=102><CTL=RST>']);
    expect(o.state).toBe('Closed');
  });
  test('FIN-WAIT-1: ABORT sends <SEQ=SND.NXT><CTL=RST>', () => {
    expect(segs(socketFinWait1().abort())).toEqual(['<SEQ=102><CTL=RST>']);
  });
});

describe('FIN-WAIT-2', () => {
  test("FIN-WAIT-2: the peer's FIN: ACK it, TIME-WAIT (§3.10.7.4 eighth, Figure 12)", () => {
    const o = socketFinWait2().segment(301, FIN, 102);
    expect(segs(o)).toEqual(['<SEQ=102><ACK=302><CTL=ACK>']);
    expect(o).toMatchObject({ state: 'TimeWait', signals: ['connection closing'] });
  });
  test('FIN-WAIT-2: data still flows toward us', () => {
    const t = socketFinWait2();
    t.segment(301, ACK, 102, 'hi');
    expect(t.receive().result).toEqual({ ok: true, data: 'hi' });
  });
  test("FIN-WAIT-2: without the peer's FIN it lasts for ever (no timer in the RFC profiles)", () => {
    const t = socketFinWait2();
    expect(t.wait(10_000_000)).toMatchObject({ segments: [], state: 'FinWait2' });
  });
  test('FIN-WAIT-2: a RST: "connection reset", CLOSED', () => {
    expect(socketFinWait2().segment(301, RST)).toMatchObject({ state: 'Closed', signals: ['connection reset'] });
  });
  test('FIN-WAIT-2: CLOSE answers "connection closing"', () => {
    expect(socketFinWait2().close()).toMatchObject({
      result: { ok: false, error: 'connection closing' },
      segments: [],
    });
  });
});

describe('CLOSE-WAIT', () => {
  test('CLOSE-WAIT: RECEIVE with nothing left answers "connection closing" (§3.10.3)', () => {
    expect(socketCloseWait().receive().result).toEqual({ ok: false, error: 'connection closing' });
  });
  test('CLOSE-WAIT: SEND still transmits (§3.10.2)', () => {
    expect(segs(socketCloseWait().send('bye'))).toEqual(['<SEQ=101><ACK=302><CTL=ACK><DATA="bye">']);
  });
  test('CLOSE-WAIT: CLOSE sends FIN and enters LAST-ACK (RFC 793 erratum; RFC 9293 §3.10.4)', () => {
    const o = socketCloseWait().close();
    expect(segs(o)).toEqual(['<SEQ=101><ACK=302><CTL=FIN,ACK>']);
    expect(o.state).toBe('LastAck');
  });
  test('CLOSE-WAIT: it lasts until the application closes', () => {
    expect(socketCloseWait().wait(10_000_000)).toMatchObject({ segments: [], state: 'CloseWait' });
  });
  test("CLOSE-WAIT: text after the peer's FIN is ignored (§3.10.7.4 seventh)", () => {
    const t = socketCloseWait();
    expect(segs(t.segment(302, ACK, 101, 'x'))).toEqual([]);
    expect(t.receive().result).toEqual({ ok: false, error: 'connection closing' });
  });
  test('CLOSE-WAIT: a RST at RCV.NXT: "connection reset", CLOSED', () => {
    expect(socketCloseWait().segment(302, RST)).toMatchObject({ state: 'Closed', signals: ['connection reset'] });
  });
  test('CLOSE-WAIT: rfc9293: a SYN gets a challenge ACK', () => {
    expect(segs(socketCloseWait().segment(302, SYN))).toEqual(['<SEQ=101><ACK=302><CTL=ACK>']);
  });
  test('CLOSE-WAIT: ABORT sends <SEQ=SND.NXT><CTL=RST>', () => {
    expect(segs(socketCloseWait().abort())).toEqual(['<SEQ=101><CTL=RST>']);
  });
});

describe('CLOSING', () => {
  test('CLOSING: the ACK of our FIN leads to TIME-WAIT (§3.10.7.4 fifth, Figure 13)', () => {
    expect(socketClosing().segment(302, ACK, 102)).toMatchObject({ segments: [], state: 'TimeWait' });
  });
  test('CLOSING: an ACK short of our FIN is ignored', () => {
    expect(socketClosing().segment(302, ACK, 101)).toMatchObject({ segments: [], state: 'Closing' });
  });
  test('CLOSING: a RST: CLOSED, no signal (§3.10.7.4 second)', () => {
    expect(socketClosing().segment(302, RST)).toMatchObject({ segments: [], state: 'Closed', signals: [] });
  });
  test('CLOSING: SEND, RECEIVE and CLOSE answer "connection closing"', () => {
    const t = socketClosing();
    for (const o of [t.send('x'), t.receive(), t.close()])
      expect(o.result).toEqual({ ok: false, error: 'connection closing' });
  });
  test('CLOSING: ABORT deletes the TCB without a segment (§3.10.5)', () => {
    expect(socketClosing().abort()).toMatchObject({ segments: [], state: 'Closed', result: { ok: true } });
  });
  test('CLOSING: our FIN is retransmitted until acknowledged', () => {
    expect(segs(socketClosing().wait(1000))).toEqual(['<SEQ=101><ACK=302><CTL=FIN,ACK>']);
  });
});

describe('LAST-ACK', () => {
  test('LAST-ACK: the ACK of our FIN deletes the TCB: CLOSED, no TIME-WAIT (§3.10.7.4 fifth, Figure 12)', () => {
    expect(socketLastAck().segment(302, ACK, 102)).toMatchObject({ segments: [], state: 'Closed', signals: [] });
  });
  test('LAST-ACK: an ACK short of our FIN changes nothing', () => {
    expect(socketLastAck().segment(302, ACK, 101)).toMatchObject({ segments: [], state: 'LastAck' });
  });
  test('LAST-ACK: our FIN is retransmitted after 1 s', () => {
    expect(segs(socketLastAck().wait(1000))).toEqual(['<SEQ=101><ACK=302><CTL=FIN,ACK>']);
  });
  test('LAST-ACK: a RST: CLOSED, no signal', () => {
    expect(socketLastAck().segment(302, RST)).toMatchObject({ segments: [], state: 'Closed', signals: [] });
  });
  test('LAST-ACK: RECEIVE and CLOSE answer "connection closing"; ABORT deletes silently', () => {
    const t = socketLastAck();
    expect(t.receive().result).toEqual({ ok: false, error: 'connection closing' });
    expect(t.close().result).toEqual({ ok: false, error: 'connection closing' });
    expect(t.abort()).toMatchObject({ segments: [], state: 'Closed' });
  });
  test('LAST-ACK: the user timeout aborts after 300 s without an ACK (§3.10.8)', () => {
    const o = socketLastAck().wait(300000);
    expect(o).toMatchObject({ state: 'Closed', signals: ['connection aborted due to user timeout'] });
  });
});

describe('TIME-WAIT', () => {
  test('TIME-WAIT: after exactly 2MSL = 240 s the TCB is deleted (§3.10.8)', () => {
    const t = socketTimeWait();
    expect(t.wait(239999)).toMatchObject({ segments: [], state: 'TimeWait' });
    expect(t.wait(1)).toMatchObject({ segments: [], state: 'Closed', signals: [] });
  });
  test('TIME-WAIT: a retransmitted FIN is ACKed again and restarts the 2MSL timer (RFC 793 p.73, p.76)', () => {
    const t = socketTimeWait();
    t.wait(1000);
    expect(segs(t.segment(301, FIN, 102))).toEqual(['<SEQ=102><ACK=302><CTL=ACK>']);
    expect(t.wait(239999).state).toBe('TimeWait');
    expect(t.wait(1).state).toBe('Closed');
  });
  test('TIME-WAIT: a RST at RCV.NXT: CLOSED, no signal', () => {
    expect(socketTimeWait().segment(302, RST)).toMatchObject({ segments: [], state: 'Closed', signals: [] });
  });
  test('TIME-WAIT: rfc9293: a SYN gets a challenge ACK and TIME-WAIT stays', () => {
    const o = socketTimeWait().segment(302, SYN);
    expect(segs(o)).toEqual(['<SEQ=102><ACK=302><CTL=ACK>']);
    expect(o.state).toBe('TimeWait');
  });
  test('TIME-WAIT: the port stays taken: OPEN answers "connection already exists"', () => {
    expect(socketTimeWait().openPassive().result).toEqual({ ok: false, error: 'connection already exists' });
  });
  test('TIME-WAIT: RECEIVE, SEND and CLOSE answer "connection closing"; ABORT deletes silently', () => {
    const t = socketTimeWait();
    for (const o of [t.receive(), t.send('x'), t.close()])
      expect(o.result).toEqual({ ok: false, error: 'connection closing' });
    expect(t.abort()).toMatchObject({ segments: [], state: 'Closed', result: { ok: true } });
  });
});

describe('timers', () => {
  test('user timeout: 300 s after the first transmission, with no segment, after backed-off retransmissions', () => {
    const t = socketEstablished();
    t.send('x');
    const o = t.wait(300000);
    // Retransmissions at 1, 3, 7, 15, 31, 63, 127 and 247 s (the last interval capped at 120 s).
    expect(o.segments.length).toBe(8);
    expect(o).toMatchObject({ state: 'Closed', signals: ['connection aborted due to user timeout'] });
  });
  test('retransmission timeout: doubles up to a 120 s ceiling (RFC 6298 §5.5)', () => {
    const t = socketSynSent();
    expect(t.wait(127000).segments.length).toBe(7); // 1, 3, 7, 15, 31, 63, 127 s
    expect(t.wait(119999).segments.length).toBe(0);
    expect(t.wait(1).segments.length).toBe(1); // 247 s: 120 s later, not 128
  });
  test('user timeout: restarted when SND.UNA advances', () => {
    const t = socketEstablished();
    t.send('ab');
    t.wait(100000);
    t.segment(301, ACK, 102);
    expect(t.wait(299999).state).toBe('Established');
    expect(t.wait(1)).toMatchObject({ state: 'Closed', signals: ['connection aborted due to user timeout'] });
  });
  test('time passes only on waits: nothing fires between inputs', () => {
    const t = socketSynSent();
    for (let i = 0; i < 10; i++) expect(t.receive().segments).toEqual([]);
    expect(t.ep.now).toBe(0);
  });
});

describe('ISN selection (RFC 9293 §3.4.1)', () => {
  const firstIss = (seed: number) => new Tester({ seed }).openActive().segments[0].seq;
  test('the same seed gives the same ISN; different seeds give different ones', () => {
    expect(firstIss(42)).toBe(firstIss(42));
    expect(new Set([1, 2, 3, 4, 5].map(firstIss)).size).toBe(5);
  });
  test('successive connections of one run get different ISNs, even at the same virtual time', () => {
    const t = new Tester({ seed: 9 });
    const a = t.openActive().segments[0].seq;
    t.close();
    const b = t.openActive().segments[0].seq;
    expect(b).not.toBe(a);
  });
  test('the ISN moves with the clock (4 µs ticks)', () => {
    const t = new Tester({ seed: 9 });
    t.wait(1);
    const o = t.openActive();
    expect(o.segments[0].seq).not.toBe(firstIss(9));
  });
});
