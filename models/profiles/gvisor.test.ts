// The gvisor profile's own pieces, read against gVisor's source (pkg/tcpip/, 20221219) and checked against the
// stack itself by `tcpconform check --adapter gvisor --profile gvisor` (adapters/gvisor/NOTES.md). ISS = 5000 for
// the model, the peer's ISS = 1000.
import { ConcreteInput } from '../input';
import { Outcome } from '../outcome';
import { Profile } from '../profile';
import { ACK, FIN, RST, SYN } from '../segment';
import { step } from '../step';
import { Tcb, closedTcb } from '../tcb';
import { gvisor } from './gvisor';
import { rfc9293 } from './rfc9293';
import { call, seg } from '../testing';

const ISS = 5000;
const run = (t: Tcb, i: ConcreteInput, p: Profile = gvisor): Outcome[] => step(t, i, p, { iss: ISS });
// Where a delayed ACK makes two outcomes of one input, the one that acknowledges at once.
const only = (os: Outcome[], state: string): Tcb => {
  const found = os.filter((o) => o.tcb.state === state && o.tcb.ackDue == null);
  expect(found).toHaveLength(1);
  return found[0].tcb;
};
const listen = (p: Profile = gvisor) => only(run(closedTcb(), call({ call: 'open', mode: 'passive' }), p), 'Listen');
const passiveSynReceived = (p: Profile = gvisor) => only(run(listen(p), seg(SYN, 1000), p), 'SynReceived');

describe('closing the listener before the accept (endpoint.closePendingAcceptableConnectionsLocked())', () => {
  test.each(['close', 'abort'] as const)('%s ends the half-open connection without a segment: CLOSED', (name) => {
    const [o, ...more] = run(passiveSynReceived(), call({ call: name }));
    expect(more).toEqual([]);
    expect(o.tcb.state).toBe('Closed');
    expect(o.segments).toEqual([]);
    expect(o.result).toEqual({ ok: true });
    expect(o.rules).toContain('close.synReceived.dropped');
  });
  test('rfc9293: ABORT there sends <SEQ=SND.NXT><CTL=RST> (§3.10.5)', () => {
    const outs = run(passiveSynReceived(rfc9293), call({ call: 'abort' }), rfc9293);
    expect(outs.map((o) => o.segments.map((s) => [s.seq, s.ctl]))).toEqual([[[ISS + 1, RST]]]);
  });
});

const synSent = () => only(run(closedTcb(), call({ call: 'open', mode: 'active' })), 'SynSent');
const established = () => only(run(synSent(), seg(SYN | ACK, 1000, ISS + 1)), 'Established');
const closeWait = () => only(run(established(), seg(FIN | ACK, 1001, ISS + 1)), 'CloseWait');
const lastAck = () => only(run(closeWait(), call({ call: 'close' })), 'LastAck');
const timeWait = () => {
  const finWait1 = only(run(established(), call({ call: 'close' })), 'FinWait1');
  return only(run(finWait1, seg(FIN | ACK, 1001, ISS + 2)), 'TimeWait');
};

describe('ABORT in the SYN-RECEIVED of a simultaneous open is generated: the crash is a finding (iut.crash)', () => {
  test('the profile hides no input (no crashesOn); known-bugs.json holds the panic', () => {
    expect(gvisor.crashesOn).toBeUndefined();
  });
});

describe('what gVisor tells the user of a reset (connect.go: handshake.synSentState(), endpoint.handleReset())', () => {
  test('SYN-SENT: a RST acknowledging the SYN is "connection refused", as Linux says (ECONNREFUSED)', () => {
    const outs = run(synSent(), seg(RST | ACK, 0, ISS + 1));
    expect(outs.map((o) => [o.tcb.state, o.signals])).toEqual([['Closed', ['connection refused']]]);
  });
  test('CLOSE-WAIT: ErrAborted, nothing the user reads as "connection reset"', () => {
    const outs = run(closeWait(), seg(RST, 1002));
    expect(outs.map((o) => [o.tcb.state, o.signals])).toEqual([['Closed', []]]);
  });
  test('LAST-ACK: ErrConnectionReset, "connection reset"', () => {
    const outs = run(lastAck(), seg(RST, 1002));
    expect(outs.map((o) => [o.tcb.state, o.signals])).toEqual([['Closed', ['connection reset']]]);
  });
  test('rfc9293: in LAST-ACK the RST closes quietly (§3.10.7.4 second)', () => {
    const la = only(
      run(
        only(
          run(
            only(
              run(
                only(run(closedTcb(), call({ call: 'open', mode: 'active' }), rfc9293), 'SynSent'),
                seg(SYN | ACK, 1000, ISS + 1),
                rfc9293,
              ),
              'Established',
            ),
            seg(FIN | ACK, 1001, ISS + 1),
            rfc9293,
          ),
          'CloseWait',
        ),
        call({ call: 'close' }),
        rfc9293,
      ),
      'LastAck',
    );
    expect(run(la, seg(RST, 1002), rfc9293).map((o) => o.signals)).toEqual([[]]);
  });
});

describe('TIME-WAIT drops a RST: "Just silently drop any RST packets in TIME_WAIT" (rcv.go: handleTimeWaitSegment())', () => {
  test('a RST at RCV.NXT leaves TIME-WAIT as it was, sending nothing', () => {
    const outs = run(timeWait(), seg(RST, 1002));
    expect(outs.map((o) => [o.tcb.state, o.segments.length])).toEqual([['TimeWait', 0]]);
    expect(outs[0].rules).toContain('timeWait.rst.ignored');
  });
});

describe('the window edge in SYN-RECEIVED: handshake.synRcvdState() tests SeqNum.InWindow, which excludes it', () => {
  test('a bare ACK of our SYN at RCV.NXT+RCV.WND is answered with an ACK; the handshake does not complete', () => {
    const sr = passiveSynReceived();
    const outs = run(sr, seg(ACK, (sr.rcvNxt + sr.rcvWnd) >>> 0, ISS + 1));
    // The first out-of-window ACK of the endpoint goes out (endpoint.allowOutOfWindowAck()).
    expect(outs.map((o) => [o.tcb.state, o.segments.map((s) => s.ctl)])).toEqual([['SynReceived', [ACK]]]);
    expect(outs.every((o) => o.rules.includes('seq.unacceptable'))).toBe(true);
  });
});

describe('closing after our FIN (endpoint.shutdownLocked(), endpoint.closeLocked())', () => {
  const finWait1 = () => only(run(established(), call({ call: 'close' })), 'FinWait1');
  test('a full close with text unread resets with ACK=RCV.NXT (SHLD-3), CLOSED', () => {
    const fw1 = only(run(finWait1(), seg(ACK, 1001, ISS + 1, 'abc')), 'FinWait1');
    const [o, ...more] = run(fw1, call({ call: 'close', mode: 'halfDuplex' }));
    expect(more).toEqual([]);
    expect([o.tcb.state, o.segments.map((s) => [s.seq, s.ack, s.ctl])]).toEqual([
      'Closed',
      [[ISS + 2, 1004, RST | ACK]],
    ]);
  });
  test('ABORT in LAST-ACK lets go of the endpoint: nothing is sent, LAST-ACK goes on', () => {
    const [o, ...more] = run(lastAck(), call({ call: 'abort' }));
    expect(more).toEqual([]);
    expect([o.tcb.state, o.segments, o.result]).toEqual(['LastAck', [], { ok: true }]);
    expect(o.rules).toContain('abort.late.letGo');
  });
  test('rfc9293: ABORT in LAST-ACK deletes the TCB (§3.10.5)', () => {
    const la = only(run(closeWait(), call({ call: 'close' }), gvisor), 'LastAck');
    expect(run(la, call({ call: 'abort' }), rfc9293).map((o) => o.tcb.state)).toEqual(['Closed']);
  });
});

describe("after the peer's FIN (rcv.go: receiver.handleRcvdSegmentClosing())", () => {
  test('CLOSE-WAIT: a segment starting past RCV.NXT is dropped whole, its ACK unprocessed', () => {
    const cw = closeWait();
    const outs = run(cw, seg(ACK, 1004, ISS + 1));
    expect(outs.map((o) => [o.tcb.state, o.segments.length, o.rules])).toEqual([
      ['CloseWait', 0, ['seq.afterFin.dropped']],
    ]);
  });
  test('LAST-ACK: text past the FIN resets before the ACK of our FIN is read', () => {
    const outs = run(lastAck(), seg(FIN | ACK, 1002, ISS + 2, 'bye'));
    expect(outs.map((o) => [o.tcb.state, o.segments.map((s) => s.ctl)])).toEqual([['Closed', [RST | ACK]]]);
  });
});

describe('TIME-WAIT by its own test (rcv.go: receiver.handleTimeWaitSegment())', () => {
  test('only the FIN again at RCV.NXT-1 restarts TIME-WAIT; text is acknowledged with RCV.NXT as it stands', () => {
    const tw = timeWait();
    const fin = run({ ...tw, now: 1000 }, seg(FIN | ACK, 1001, ISS + 2));
    expect(fin.map((o) => [o.tcb.twLo, o.segments.map((s) => s.ack)])).toEqual([[61000, [1002]]]);
    const text = run({ ...tw, now: 1000 }, seg(ACK, 1002, ISS + 2, 'ahd'));
    expect(text.map((o) => [o.tcb.twLo, o.segments.map((s) => s.ack)])).toEqual([[tw.twLo, [1002]]]);
  });
});

describe('the out-of-window ACK limit spares only text, and lasts 500 ms (endpoint.allowOutOfWindowAck())', () => {
  const oldFin = seg(FIN | ACK, 1000, ISS + 1);
  const after = (t: Tcb, ms: number) => ({ ...t, now: t.now + ms });
  test('an old FIN in CLOSE-WAIT is answered, and a second one within 500 ms is not: it carries no text', () => {
    const first = run(closeWait(), oldFin);
    expect(first.map((o) => o.segments.map((s) => s.ctl))).toEqual([[ACK]]);
    const second = run(after(first[0].tcb, 499), oldFin);
    expect(second.map((o) => [o.segments.length, o.rules.includes('ack.rateLimited')])).toEqual([[0, true]]);
  });
  test('after 500 ms the next one is answered again', () => {
    const first = run(closeWait(), oldFin);
    expect(run(after(first[0].tcb, 500), oldFin).map((o) => o.segments.map((s) => s.ctl))).toEqual([[ACK]]);
  });
  test('old text is always answered, and does not count', () => {
    const first = run(closeWait(), oldFin);
    const text = run(after(first[0].tcb, 10), seg(ACK, 998, ISS + 1, 'ab'));
    expect(text.map((o) => o.segments.map((s) => [s.ctl, s.ack]))).toEqual([[[ACK, 1002]]]);
  });
  test('rfc9293 has no limit: the second old FIN is answered too', () => {
    const cw = (() => {
      const ss = only(run(closedTcb(), call({ call: 'open', mode: 'active' }), rfc9293), 'SynSent');
      const est = only(run(ss, seg(SYN | ACK, 1000, ISS + 1), rfc9293), 'Established');
      return only(run(est, seg(FIN | ACK, 1001, ISS + 1), rfc9293), 'CloseWait');
    })();
    const first = only(run(cw, oldFin, rfc9293), 'CloseWait');
    expect(run(after(first, 1), oldFin, rfc9293).map((o) => o.segments.map((s) => s.ctl))).toEqual([[ACK]]);
  });
});
