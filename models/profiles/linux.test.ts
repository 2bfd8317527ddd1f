// The linux profile's switches, one test each, read against the kernel's source (net/ipv4/) and checked against
// the kernel itself through the linux adapter (adapters/linux/profile.test.ts). ISS = 5000 for the model, the
// peer's ISS = 1000; the model advertises a window of 64 (params.rcvBuffer).
import { bind } from '../../harness/match';
import { ConcreteInput } from '../input';
import { Outcome } from '../outcome';
import { Profile } from '../profile';
import { ACK, FIN, RST, SYN } from '../segment';
import { step } from '../step';
import { Tcb, closedTcb } from '../tcb';
import { linux } from './linux';
import { rfc9293 } from './rfc9293';
import { call, seg, wait, outs } from '../testing';

const ISS = 5000;
const run = (t: Tcb, i: ConcreteInput, p: Profile = linux): Outcome[] => step(t, i, p, { iss: ISS });
/** The one outcome that satisfies `f` (sockets answer some calls from a socket's history too: see user.ts). */
function pick(os: Outcome[], f: (o: Outcome) => boolean, what: string): Outcome {
  const found = os.filter(f);
  if (found.length !== 1) throw new Error(`expected one outcome ${what}, got ${found.length} of ${os.length}`);
  return found[0];
}
const inState = (s: string) => (o: Outcome) => o.tcb.state === s;

const synSent = (p: Profile = linux) =>
  pick(run(closedTcb(), call({ call: 'open', mode: 'active' }), p), inState('SynSent'), 'in SYN-SENT').tcb;
/** Crossed SYNs: SYN-RECEIVED of a simultaneous open, our SYN,ACK sent. */
const simSynReceived = (p: Profile = linux, t = synSent(p)) =>
  pick(run(t, seg(SYN, 1000), p), inState('SynReceived'), 'in SYN-RECEIVED').tcb;
const established = (p: Profile = linux) =>
  pick(
    run(synSent(p), seg(SYN | ACK, 1000, 5001), p),
    (o) => o.tcb.state === 'Established' && o.tcb.ackDue === null,
    'in ESTABLISHED',
  ).tcb;
const passiveSynReceived = (p: Profile = linux) => {
  const listen = pick(run(closedTcb(), call({ call: 'open', mode: 'passive' }), p), inState('Listen'), 'in LISTEN').tcb;
  return pick(run(listen, seg(SYN, 1000), p), inState('SynReceived'), 'in SYN-RECEIVED').tcb;
};

describe('window scaling after crossed SYNs (tcp_input.c: tcp_rcv_synsent_state_process(); tcp_output.c: tcp_select_window())', () => {
  // The harness learns the shift the IUT's SYN offered from that SYN (harness/match.ts bind()).
  const offered = () =>
    bind(synSent(), { segments: [{ seq: ISS, ack: 0, ctl: SYN, wnd: 64240, data: '', mss: 1460, wscale: 10 }] });
  test('the shift offered in our SYN is learnt from it', () => {
    expect(offered().offeredShift).toBe(10);
  });
  test('a peer SYN without the option still leaves the windows we advertise shifted by our own offer (a bug)', () => {
    const t = simSynReceived(linux, offered());
    expect(t.rcvWindShift).toBe(10);
    // Window field 63 on an ACK means 63 << 10 octets to the kernel; a SYN's window is never scaled.
    expect(bind(t, { segments: [{ seq: 5001, ack: 1001, ctl: ACK, wnd: 63, data: '' }] }).rcvWnd).toBe(64512);
    expect(bind(t, { segments: [{ seq: 5000, ack: 1001, ctl: SYN | ACK, wnd: 64240, data: '' }] }).rcvWnd).toBe(64240);
  });
  test('rfc9293: no scaling unless both SYNs carry the option (RFC 7323 §2.2)', () => {
    const t = simSynReceived(
      rfc9293,
      bind(synSent(rfc9293), { segments: [{ seq: ISS, ack: 0, ctl: SYN, wnd: 64240, data: '', wscale: 10 }] }),
    );
    expect(t.rcvWindShift).toBe(0);
  });
});

describe('CLOSE queued in a simultaneous open (tcp.c: tcp_shutdown(); tcp_input.c: tcp_rcv_state_process(), TCP_SYN_RECV)', () => {
  const queued = () =>
    pick(run(simSynReceived(), call({ call: 'close' })), inState('SynReceived'), 'still in SYN-RECEIVED').tcb;
  test('the ACK of our SYN with text: the FIN leaves first, acknowledging RCV.NXT as it stood, then the text is acknowledged', () => {
    const os = run(queued(), seg(ACK, 1001, 5001, 'xyz'));
    expect(outs(os)).toContainEqual(['<SEQ=5001><ACK=1001><CTL=FIN,ACK>', '<SEQ=5002><ACK=1004><CTL=ACK>']);
    expect(os.every((o) => o.tcb.state === 'FinWait1' && o.rules.includes('synReceived.ack.queuedFin'))).toBe(true);
  });
  test('rfc9293 sends the FIN at the CLOSE itself', () => {
    expect(outs(run(simSynReceived(rfc9293), call({ call: 'close' }), rfc9293))).toEqual([
      ['<SEQ=5001><ACK=1001><CTL=FIN,ACK>'],
    ]);
  });
  test('the crossed SYN,ACK completes the handshake: the FIN may leave before the ACK of the duplicate SYN', () => {
    expect(outs(run(queued(), seg(SYN | ACK, 1000, 5001)))).toContainEqual([
      '<SEQ=5001><ACK=1001><CTL=FIN,ACK>',
      '<SEQ=5002><ACK=1001><CTL=ACK>',
    ]);
  });
  test('a non-blocking SEND there is refused with EAGAIN before the queued CLOSE is looked at', () => {
    expect(run(queued(), call({ call: 'send', data: 'x' })).map((o) => o.result)).toEqual([
      { ok: false, error: 'insufficient resources', errno: 'EAGAIN' },
    ]);
  });
});

describe('congestion window counted in segments (tcp_output.c: tcp_write_xmit(), tcp_cwnd_test())', () => {
  test('close() in a simultaneous SYN-RECEIVED: the FIN may wait for the ACK of our SYN,ACK', () => {
    const os = run(simSynReceived(), call({ call: 'close', mode: 'halfDuplex' }));
    expect(outs(os).sort()).toEqual([[], ['<SEQ=5001><ACK=1001><CTL=FIN,ACK>']]);
    expect(os.every((o) => o.tcb.state === 'FinWait1')).toBe(true);
    const held = os.find((o) => o.segments.length === 0)!;
    // The ACK of the SYN,ACK opens the window: the FIN goes then.
    expect(outs(run(held.tcb, seg(ACK, 1001, 5001)))).toContainEqual(['<SEQ=5001><ACK=1001><CTL=FIN,ACK>']);
  });
  test('rfc9293: the FIN goes at once', () => {
    expect(outs(run(simSynReceived(rfc9293), call({ call: 'close', mode: 'halfDuplex' }), rfc9293))).toEqual([
      ['<SEQ=5001><ACK=1001><CTL=FIN,ACK>'],
    ]);
  });
});

describe('retransmission timeout (include/net/tcp.h: TCP_RTO_MIN)', () => {
  const inFlight = (p: Profile = linux) => run(established(p), call({ call: 'send', data: 'hello' }), p)[0].tcb;
  const retransmitted = (os: Outcome[]) => os.some((o) => o.rules.includes('timeout.retransmission'));
  test('once the handshake measured an RTT, data may go again after 200 ms', () => {
    expect(retransmitted(run(inFlight(), wait(250)))).toBe(true);
  });
  test('rfc9293 waits at least 1 s (RFC 6298 §2.4)', () => {
    expect(retransmitted(run(inFlight(rfc9293), wait(250), rfc9293))).toBe(false);
  });
  test('our SYN keeps the 1 s initial RTO (RFC 6298 §2.1)', () => {
    expect(retransmitted(run(synSent(), wait(900)))).toBe(false);
  });
});

describe('passive SYN-RECEIVED (tcp_minisocks.c: tcp_check_req())', () => {
  test("the peer's SYN sent again is answered with the SYN,ACK again, or not at all (rate limit)", () => {
    const os = run(passiveSynReceived(), seg(SYN, 1000));
    expect(outs(os).sort()).toEqual([[], ['<SEQ=5000><ACK=1001><CTL=SYN,ACK><MSS=1460>']]);
    expect(os.every((o) => o.tcb.state === 'SynReceived')).toBe(true);
  });
  test('rfc9293 answers it with an ACK (first check: below the window)', () => {
    expect(outs(run(passiveSynReceived(rfc9293), seg(SYN, 1000), rfc9293))).toEqual([
      ['<SEQ=5001><ACK=1001><CTL=ACK>'],
    ]);
  });
});

describe('rate-limited ACKs (tcp_input.c: tcp_oow_rate_limited())', () => {
  test('a withheld challenge ACK leaves an ACK owed from before still owed, and advertises no window', () => {
    const owing = run(established(), seg(ACK, 1001, 5001, 'abc')).find((o) => o.tcb.ackDue !== null)!.tcb;
    const withheld = run(owing, seg(RST, 1010)).find(
      (o) => o.rules.includes('ack.rateLimited') && !o.rules.includes('ack.delayedSent'),
    )!;
    expect(withheld.segments).toEqual([]);
    expect([withheld.tcb.ackDue, withheld.tcb.rcvWnd]).toEqual([owing.ackDue, owing.rcvWnd]);
  });
});

describe("the window's right edge (tcp_input.c: tcp_sequence(); tcp_minisocks.c: tcp_in_window())", () => {
  test('ESTABLISHED: a RST at RCV.NXT+RCV.WND gets a challenge ACK (a bug), where rfc9293 drops it', () => {
    expect(outs(run(established(), seg(RST, 1001 + 64)))).toContainEqual(['<SEQ=5001><ACK=1001><CTL=ACK>']);
    expect(outs(run(established(rfc9293), seg(RST, 1001 + 64), rfc9293))).toEqual([[]]);
  });
  test('orphaned FIN-WAIT-2: a RST at the edge ends the record', () => {
    const fw1 = pick(
      run(established(), call({ call: 'close', mode: 'halfDuplex' })),
      inState('FinWait1'),
      'in FIN-WAIT-1',
    ).tcb;
    const fw2 = pick(run(fw1, seg(ACK, 1001, 5002)), inState('FinWait2'), 'in FIN-WAIT-2').tcb;
    const os = run(fw2, seg(RST, 1001 + fw2.rcvWnd));
    expect(os.map((o) => o.tcb.state)).toEqual(['Closed']);
  });
});

describe('old ACKs (tcp_input.c: tcp_ack(), max_window = min(max_window, bytes_acked))', () => {
  test('ESTABLISHED after an active open: an ACK below ISS acknowledges octets never sent → ACK, dropped', () => {
    // Only the SYN was ever acknowledged (bytes_acked = 1), so SND.UNA - 1 = ISS is the lowest ACK Linux takes;
    // under RFC 5961 §5.2 alone, 4990 lies within MAX.SND.WND of SND.UNA and is an old duplicate, ignored.
    // Its ACK is one of those Linux rate-limits (tcp_oow_rate_limited()): it may also be withheld.
    const os = run(established(), seg(ACK, 1001, 4990));
    expect(os.map((o) => [o.segments.length ? outs([o])[0] : [], o.rules])).toEqual([
      [['<SEQ=5001><ACK=1001><CTL=ACK>'], ['ack.tooOld', 'ack.tooOld.neverSent']],
      [[], ['ack.tooOld', 'ack.tooOld.neverSent', 'ack.rateLimited']],
    ]);
    const strict = run(established(rfc9293), seg(ACK, 1001, 4990), rfc9293);
    expect(strict.map((x) => x.rules)).toEqual([['ack.duplicate']]);
  });
});

describe('segments without ACK, RST or SYN (tcp_input.c: tcp_rcv_state_process(); tcp_minisocks.c: tcp_check_req())', () => {
  test('ESTABLISHED: one below the window is dropped without the ACK rfc9293 sends', () => {
    expect(outs(run(established(), seg(FIN, 1)))).toEqual([[]]);
    expect(outs(run(established(rfc9293), seg(FIN, 1), rfc9293))).toEqual([['<SEQ=5001><ACK=1001><CTL=ACK>']]);
  });
  test('a passive SYN-RECEIVED is a request sock, which tests the sequence number first: the ACK is sent', () => {
    expect(outs(run(passiveSynReceived(), seg(FIN, 1))).flat()).toContain('<SEQ=5001><ACK=1001><CTL=ACK>');
  });
});

describe('TIME-WAIT (tcp_minisocks.c: tcp_timewait_state_process(), tcp_timewait_check_oow_rate_limit())', () => {
  test('the ACK of a FIN sent again with a SYN may be withheld by the rate limit; of a plain FIN, never', () => {
    const tw: Tcb = { ...established(), state: 'TimeWait', rcvNxt: 1002, twLo: 60000, twHi: 64200 };
    const withSyn = run(tw, seg(SYN | FIN, 1000));
    expect(withSyn.map((o) => o.segments.length).sort()).toEqual([0, 1]);
    expect(run(tw, seg(FIN, 1001)).map((o) => o.segments.length)).toEqual([1]);
  });
});
