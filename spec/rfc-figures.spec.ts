// The worked examples of RFC 793 §3.4-3.5 (Figures 7-14), which RFC 9293 repeats in §3.5-3.6. Each figure is
// played twice where it has two roles: the IUT as TCP A and the tester as TCP B, then the other way round.
// The tester's ISS is the figure's own, so its numbers are the figure's exactly; the IUT's numbers are the
// figure's shifted by the IUT's own ISN (f(n) below).
import { Played, fmt } from './support/scenario';
import { suite } from './support/suite';
import {
  ACK,
  RST,
  SYN,
  FIN,
  ackIss,
  ackSndNxt,
  ackSndUna,
  atPeerIss,
  atRcvNxt,
  close,
  open,
  pastWindow,
  peerAck,
  peerFin,
  peerSyn,
  peerSynAck,
  receive,
  seg,
  send,
  wait,
} from './support/scenario';

/** The figure's number n for the IUT's side, given the figure's ISN for the IUT. */
const figure = (p: Played, figureIss: number) => (n: number) => p.iut(n - figureIss);
const tester = (p: Played, i: number) => fmt(p.input(i));
const sentAround = (p: Played, i: number) => [...p.sent(i), ...p.sent(i + 1)];

suite('RFC 793 figures 7-14 (RFC 9293 §3.5-3.6)', (s) => {
  s.spec(
    'Figure 7, basic three-way handshake: the IUT as TCP A',
    { rules: ['open.active', 'synSent.synAck', 'send.transmit'], needs: ['open.active', 'send', 'segments'] },
    async ({ play }) => {
      const p = await play([open('active'), peerSynAck(), send('data')], { peerIss: 300 });
      const f = figure(p, 100);
      expect(p.sent(0)).toEqual([`<SEQ=${f(100)}><CTL=SYN>`]); // line 2
      expect(p.state(0)).toBe('SynSent');
      expect(tester(p, 1)).toBe(`<SEQ=300><ACK=${f(101)}><CTL=SYN,ACK>`); // line 3
      expect(p.sent(1)).toEqual([`<SEQ=${f(101)}><ACK=301><CTL=ACK>`]); // line 4
      expect(p.state(1)).toBe('Established');
      expect(p.sent(2)).toEqual([`<SEQ=${f(101)}><ACK=301><CTL=ACK><DATA="data">`]); // line 5
    },
  );

  s.spec(
    'Figure 7, basic three-way handshake: the IUT as TCP B',
    { rules: ['listen.syn', 'synReceived.ack', 'receive.data'], needs: ['open.passive', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), peerSyn(), peerAck(), peerAck({ data: 'data' }), receive()], {
        peerIss: 100,
      });
      const f = figure(p, 300);
      expect(tester(p, 1)).toBe('<SEQ=100><CTL=SYN>'); // line 2
      expect(p.state(1)).toBe('SynReceived');
      expect(p.sent(1)).toEqual([`<SEQ=${f(300)}><ACK=101><CTL=SYN,ACK>`]); // line 3
      expect(tester(p, 2)).toBe(`<SEQ=101><ACK=${f(301)}><CTL=ACK>`); // line 4
      expect(p.sent(2)).toEqual([]);
      expect(p.state(2)).toBe('Established');
      expect(tester(p, 3)).toBe(`<SEQ=101><ACK=${f(301)}><CTL=ACK><DATA="data">`); // line 5
      expect(p.result(4)).toEqual({ ok: true, data: 'data' });
    },
  );

  s.spec(
    'Figure 8, simultaneous initiation: the IUT as TCP A',
    { rules: ['synSent.syn'], needs: ['open.active', 'segments', 'rfc:noSimultaneousOpen'] },
    async ({ play }) => {
      const p = await play([open('active'), peerSyn(), peerSynAck(), peerAck()], { peerIss: 300 });
      const f = figure(p, 100);
      expect(p.sent(0)).toEqual([`<SEQ=${f(100)}><CTL=SYN>`]); // line 2
      expect(tester(p, 1)).toBe('<SEQ=300><CTL=SYN>'); // line 3
      expect(p.state(1)).toBe('SynReceived');
      expect(p.sent(1)).toEqual([`<SEQ=${f(100)}><ACK=301><CTL=SYN,ACK>`]); // line 5
      expect(tester(p, 2)).toBe(`<SEQ=300><ACK=${f(101)}><CTL=SYN,ACK>`); // line 6
      // Line 6: the figure draws A ESTABLISHED at once on B's SYN,ACK (and RFC 9293 Figure 7 has A send nothing
      // more). Read by the event processing text instead (RFC 793 p.69; RFC 9293 §3.10.7.4 first check), the
      // SYN,ACK at SEQ=300 lies below RCV.NXT=301: A answers <SEQ=101><ACK=301><CTL=ACK> (RFC 793's line 7) and
      // becomes ESTABLISHED on B's own ACK. The model allows both; the IUT must show one of them.
      if (p.state(2) === 'Established') {
        expect([[], [`<SEQ=${f(101)}><ACK=301><CTL=ACK>`]]).toContainEqual(p.sent(2));
      } else {
        expect(p.state(2)).toBe('SynReceived');
        expect(p.sent(2)).toEqual([`<SEQ=${f(101)}><ACK=301><CTL=ACK>`]); // line 7
      }
      expect(tester(p, 3)).toBe(`<SEQ=301><ACK=${f(101)}><CTL=ACK>`);
      expect(p.state(3)).toBe('Established');
    },
  );

  s.spec(
    'Figure 8, simultaneous initiation: the IUT as TCP B',
    { rules: ['synSent.syn', 'synReceived.ack'], needs: ['open.active', 'segments', 'rfc:noSimultaneousOpen'] },
    async ({ play }) => {
      const p = await play([open('active'), peerSyn(), peerAck()], { peerIss: 100 });
      const f = figure(p, 300);
      expect(p.sent(0)).toEqual([`<SEQ=${f(300)}><CTL=SYN>`]); // line 3
      expect(tester(p, 1)).toBe('<SEQ=100><CTL=SYN>'); // line 4
      expect(p.state(1)).toBe('SynReceived');
      expect(p.sent(1)).toEqual([`<SEQ=${f(300)}><ACK=101><CTL=SYN,ACK>`]); // line 6
      expect(tester(p, 2)).toBe(`<SEQ=101><ACK=${f(301)}><CTL=ACK>`); // line 7
      expect(p.state(2)).toBe('Established');
    },
  );

  s.spec(
    'Figure 9, recovery from old duplicate SYN: the IUT as TCP A',
    {
      rules: ['synSent.ackUnacceptable', 'synSent.synAck'],
      needs: ['open.active', 'segments', 'rfc:resetCarriesAck', 'rfc:synAgainAfterReset'],
    },
    async ({ play }) => {
      const p = await play(
        [open('active'), seg(SYN | ACK, atPeerIss(), ackIss(-9)), seg(SYN | ACK, atPeerIss(100), ackSndNxt())],
        { peerIss: 300 },
      );
      const f = figure(p, 100);
      expect(p.sent(0)).toEqual([`<SEQ=${f(100)}><CTL=SYN>`]); // line 2
      expect(tester(p, 1)).toBe(`<SEQ=300><ACK=${f(91)}><CTL=SYN,ACK>`); // line 4
      expect(p.sent(1)).toEqual([`<SEQ=${f(91)}><CTL=RST>`]); // line 5
      expect(p.state(1)).toBe('SynSent');
      expect(tester(p, 2)).toBe(`<SEQ=400><ACK=${f(101)}><CTL=SYN,ACK>`); // line 7
      expect(p.sent(2)).toEqual([`<SEQ=${f(101)}><ACK=401><CTL=ACK>`]); // line 8
      expect(p.state(2)).toBe('Established');
    },
  );

  s.spec(
    'Figure 9, recovery from old duplicate SYN: the IUT as TCP B',
    { rules: ['listen.syn', 'rst.synReceived.passive', 'synReceived.ack'], needs: ['open.passive', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), seg(SYN, atPeerIss(-10)), seg(RST, atRcvNxt()), peerSyn(), peerAck()], {
        peerIss: 100,
      });
      expect(tester(p, 1)).toBe('<SEQ=90><CTL=SYN>'); // line 3
      const x = p.segments(1)[0].seq;
      expect(p.sent(1)).toEqual([`<SEQ=${x}><ACK=91><CTL=SYN,ACK>`]); // line 4
      expect(tester(p, 2)).toBe('<SEQ=91><CTL=RST>'); // line 5
      expect(p.sent(2)).toEqual([]);
      expect(p.state(2)).toBe('Listen');
      expect(tester(p, 3)).toBe('<SEQ=100><CTL=SYN>'); // line 6
      const y = p.segments(3)[0].seq;
      expect(p.sent(3)).toEqual([`<SEQ=${y}><ACK=101><CTL=SYN,ACK>`]); // line 7
      expect(tester(p, 4)).toBe(`<SEQ=101><ACK=${(y + 1) >>> 0}><CTL=ACK>`); // line 8
      expect(p.state(4)).toBe('Established');
    },
  );

  s.spec(
    'Figure 10, half-open connection discovery: the IUT as TCP B (established, A crashed)',
    { rules: ['seq.unacceptable', 'rst.reset'], needs: ['open.passive', 'segments'] },
    async ({ play }) => {
      const p = await play(
        [
          open('passive'),
          peerSyn(),
          peerAck(),
          // Line 3: A's new SYN, outside B's window (the figure's 400 if that is outside it).
          {
            dynamic: (t) =>
              300 >= Math.max(t.rcvWndMax, t.rcvWnd) ? seg(SYN, atPeerIss(301)) : seg(SYN, pastWindow(0)),
          },
          seg(RST, atRcvNxt()),
        ],
        { peerIss: 99 },
      );
      const f = figure(p, 299); // B sends from 300
      expect(p.sent(3)).toEqual([`<SEQ=${f(300)}><ACK=100><CTL=ACK>`]); // line 4
      expect(p.state(3)).toBe('Established');
      expect(tester(p, 4)).toBe('<SEQ=100><CTL=RST>'); // line 5
      expect(p.sent(4)).toEqual([]);
      expect(p.state(4)).toBe('Closed'); // line 6
    },
  );

  s.spec(
    'Figure 10, half-open connection discovery: the IUT as TCP A (restarted after a crash)',
    {
      rules: ['synSent.ackUnacceptable', 'timeout.retransmission'],
      needs: ['open.active', 'segments', 'virtualClock', 'rfc:resetCarriesAck', 'rfc:synAgainAfterReset'],
    },
    async ({ play }) => {
      const p = await play([open('active'), seg(ACK, atPeerIss(), ackIss(-300)), wait(120000)], { peerIss: 300 });
      const f = figure(p, 400);
      expect(p.sent(0)).toEqual([`<SEQ=${f(400)}><CTL=SYN>`]); // line 3
      expect(tester(p, 1)).toBe(`<SEQ=300><ACK=${f(100)}><CTL=ACK>`); // line 4
      expect(p.sent(1)).toEqual([`<SEQ=${f(100)}><CTL=RST>`]); // line 5
      expect(p.state(1)).toBe('SynSent');
      expect(p.sent(2).length).toBeGreaterThan(0); // line 7: A keeps trying with the same SYN
      for (const x of p.sent(2)) expect(x).toBe(`<SEQ=${f(400)}><CTL=SYN>`);
    },
  );

  s.spec(
    'Figure 11, active side causes half-open connection discovery: the IUT as TCP A (crashed)',
    { rules: ['closed.ack'], needs: ['segments', 'rfc:resetCarriesAck'] },
    async ({ play }) => {
      const p = await play([seg(ACK, atPeerIss(), ackIss(100), { data: '0123456789' })], { peerIss: 300 });
      expect(tester(p, 0)).toBe('<SEQ=300><ACK=100><CTL=ACK><DATA="0123456789">'); // line 2
      expect(p.sent(0)).toEqual(['<SEQ=100><CTL=RST>']); // line 3
    },
  );

  s.spec(
    'Figure 11, active side causes half-open connection discovery: the IUT as TCP B',
    { rules: ['send.transmit', 'rst.reset'], needs: ['open.passive', 'send', 'segments'] },
    async ({ play, adapter }) => {
      const p = await play([open('passive'), peerSyn(), peerAck(), send('0123456789'), seg(RST, atRcvNxt())], {
        peerIss: 99,
      });
      const f = figure(p, 299);
      expect(p.sent(3)).toEqual([`<SEQ=${f(300)}><ACK=100><CTL=ACK><DATA="0123456789">`]); // line 2
      expect(tester(p, 4)).toBe('<SEQ=100><CTL=RST>'); // line 3
      expect(p.state(4)).toBe('Closed');
      if (adapter.capabilities.signals) expect(p.step(4).observed.signals).toContain('connection reset');
    },
  );

  s.spec(
    'Figure 12, old duplicate SYN initiates a reset on two passive sockets: the IUT as TCP B',
    { rules: ['listen.syn', 'rst.synReceived.passive'], needs: ['open.passive', 'segments'] },
    async ({ play }) => {
      const z = 5000;
      const p = await play([open('passive'), peerSyn(), seg(RST, atRcvNxt())], { peerIss: z });
      expect(p.sent(1)).toEqual([`<SEQ=${p.iss}><ACK=${z + 1}><CTL=SYN,ACK>`]); // line 3
      expect(tester(p, 2)).toBe(`<SEQ=${z + 1}><CTL=RST>`); // line 4
      expect(p.state(2)).toBe('Listen'); // line 5
    },
  );

  s.spec(
    'Figure 12, old duplicate SYN initiates a reset on two passive sockets: the IUT as TCP A',
    { rules: ['listen.ack'], needs: ['open.passive', 'segments', 'rfc:resetCarriesAck'] },
    async ({ play }) => {
      const z = 5000;
      const p = await play([open('passive'), seg(SYN | ACK, atPeerIss(), ackIss(z + 1))], { peerIss: 7000 });
      expect(tester(p, 1)).toBe(`<SEQ=7000><ACK=${z + 1}><CTL=SYN,ACK>`); // line 3
      expect(p.sent(1)).toEqual([`<SEQ=${z + 1}><CTL=RST>`]); // line 4
      expect(p.state(1)).toBe('Listen'); // line 5
    },
  );

  s.spec(
    'Figure 13, normal close sequence: the IUT as TCP A',
    {
      rules: ['close.fin', 'finWait1.finAcked', 'fin.finWait2', 'timeout.timeWait'],
      needs: ['open.active', 'close', 'segments', 'virtualClock', 'rfc:timeWaitLo'],
    },
    async ({ play, profile }) => {
      const p = await play(
        [open('active'), peerSynAck(), close(), peerAck(), peerFin(), wait(500), wait(profile.params.timeWaitLo - 500)],
        { peerIss: 299 },
      );
      const f = figure(p, 99);
      expect(p.sent(2)).toEqual([`<SEQ=${f(100)}><ACK=300><CTL=FIN,ACK>`]); // line 2
      expect(p.state(2)).toBe('FinWait1');
      expect(tester(p, 3)).toBe(`<SEQ=300><ACK=${f(101)}><CTL=ACK>`); // line 3
      expect(p.state(3)).toBe('FinWait2');
      expect(tester(p, 4)).toBe(`<SEQ=300><ACK=${f(101)}><CTL=FIN,ACK>`); // line 4
      expect(p.state(4)).toBe('TimeWait');
      expect(sentAround(p, 4)).toEqual([`<SEQ=${f(101)}><ACK=301><CTL=ACK>`]); // line 5
      expect(p.state(6)).toBe('Closed'); // line 6
    },
  );

  s.spec(
    'Figure 13, normal close sequence: the IUT as TCP B',
    { rules: ['fin.closeWait', 'close.closeWait', 'lastAck.finAcked'], needs: ['open.passive', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), peerSyn(), peerAck(), peerFin(), wait(500), close(), peerAck()], {
        peerIss: 99,
      });
      const f = figure(p, 299);
      expect(tester(p, 3)).toBe(`<SEQ=100><ACK=${f(300)}><CTL=FIN,ACK>`); // line 2
      expect(p.state(3)).toBe('CloseWait');
      expect(sentAround(p, 3)).toEqual([`<SEQ=${f(300)}><ACK=101><CTL=ACK>`]); // line 3
      expect(p.sent(5)).toEqual([`<SEQ=${f(300)}><ACK=101><CTL=FIN,ACK>`]); // line 4
      expect(p.state(5)).toBe('LastAck');
      expect(tester(p, 6)).toBe(`<SEQ=101><ACK=${f(301)}><CTL=ACK>`); // line 5
      expect(p.state(6)).toBe('Closed');
    },
  );

  s.spec(
    'Figure 14, simultaneous close sequence: the IUT as TCP A (and, symmetrically, B)',
    {
      rules: ['fin.finWait1', 'closing.finAcked', 'timeout.timeWait'],
      needs: ['open.active', 'close', 'segments', 'virtualClock', 'rfc:timeWaitLo'],
    },
    async ({ play, profile }) => {
      const p = await play(
        [
          open('active'),
          peerSynAck(),
          close(),
          seg(FIN | ACK, atRcvNxt(), ackSndUna()),
          wait(500),
          peerAck(),
          wait(profile.params.timeWaitLo),
        ],
        { peerIss: 299 },
      );
      const f = figure(p, 99);
      expect(p.sent(2)).toEqual([`<SEQ=${f(100)}><ACK=300><CTL=FIN,ACK>`]); // line 2
      expect(tester(p, 3)).toBe(`<SEQ=300><ACK=${f(100)}><CTL=FIN,ACK>`);
      expect(p.state(3)).toBe('Closing'); // line 3
      expect(sentAround(p, 3)).toEqual([`<SEQ=${f(101)}><ACK=301><CTL=ACK>`]);
      expect(tester(p, 5)).toBe(`<SEQ=301><ACK=${f(101)}><CTL=ACK>`);
      expect(p.state(5)).toBe('TimeWait'); // line 4
      expect(p.state(6)).toBe('Closed');
    },
  );
});
