// Reset generation and processing (RFC 793 §3.4 p.36-37, §3.9; RFC 9293 §3.5.2-3.5.3, §3.10.5, §3.10.7).
import { activeEstablished, passiveEstablished } from './support/connect';
import { suite } from './support/suite';
import {
  ACK,
  RST,
  SYN,
  abort,
  ackIss,
  close,
  ackSndNxt,
  atPeerIss,
  atRcvNxt,
  open,
  pastWindow,
  peerFin,
  peerRst,
  peerSyn,
  receive,
  seg,
  send,
  wait,
} from './support/scenario';

suite('reset', (s) => {
  s.spec(
    'a SYN for a port nobody listens on gets <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK>',
    { rules: ['closed.noAck'], needs: ['segments'] },
    async ({ play }) => {
      const p = await play([peerSyn()]);
      expect(p.sent(0)).toEqual([`<SEQ=0><ACK=${p.peer(1)}><CTL=RST,ACK>`]);
      expect(p.state(0)).toBe('Closed');
    },
  );

  s.spec(
    'a segment with ACK for no connection gets <SEQ=SEG.ACK><CTL=RST>',
    { rules: ['closed.ack'], needs: ['segments', 'rfc:resetCarriesAck'] },
    async ({ play }) => {
      const p = await play([seg(ACK, atPeerIss(1), ackIss(4242), { data: 'abc' })]);
      expect(p.sent(0)).toEqual([`<SEQ=${p.input(0).ack}><CTL=RST>`]);
    },
  );

  s.spec(
    'a RST for no connection is dropped without reply',
    { rules: ['closed.rst'], needs: ['segments'] },
    async ({ play }) => {
      const p = await play([seg(RST, atPeerIss(1))]);
      expect(p.sent(0)).toEqual([]);
    },
  );

  s.spec(
    'abortive close (SO_LINGER 0) sends <SEQ=SND.NXT><CTL=RST> and discards unsent data',
    {
      rules: ['abort.reset'],
      needs: [
        'open.active',
        'send',
        'abort',
        'segments',
        'virtualClock',
        'rfc:abortResetCarriesAck',
        'rfc:resetCarriesAck',
      ],
    },
    async ({ play }) => {
      // The tester's window of 2 keeps most of "hello" queued at the IUT.
      const p = await play([
        open('active'),
        seg(SYN | ACK, atPeerIss(), ackSndNxt(), { wnd: 2 }),
        send('hello'),
        abort(),
        wait(130000),
      ]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK><DATA="he">`]);
      expect(p.sent(3)).toEqual([`<SEQ=${p.iut(3)}><CTL=RST>`]);
      expect(p.state(3)).toBe('Closed');
      // Neither the queued "llo" nor a retransmission of "he" ever follows.
      expect(p.sent(4)).toEqual([]);
    },
  );

  s.spec(
    'ABORT after data was received discards it: RECEIVE then finds no connection',
    {
      rules: ['abort.reset', 'receive.closed'],
      needs: ['open.passive', 'abort', 'receive', 'segments', 'rfc:abortResetCarriesAck', 'rfc:resetCarriesAck'],
    },
    async ({ play }) => {
      const p = await play([
        ...passiveEstablished(),
        seg(ACK, atRcvNxt(), ackSndNxt(), { data: 'unread' }),
        abort(),
        receive(),
      ]);
      expect(p.sent(4)).toEqual([`<SEQ=${p.iut(1)}><CTL=RST>`]);
      expect(p.result(5)).toEqual({ ok: false, error: 'connection does not exist' });
    },
  );

  s.spec(
    'the receiver of a RST returns to CLOSED and reports "connection reset"',
    { rules: ['rst.reset'], needs: ['open.active', 'segments'] },
    async ({ play, adapter }) => {
      const p = await play([...activeEstablished(), peerRst()]);
      expect(p.sent(2)).toEqual([]);
      expect(p.state(2)).toBe('Closed');
      if (adapter.capabilities.signals) expect(p.step(2).observed.signals).toContain('connection reset');
    },
  );

  s.spec(
    'RST in LISTEN is ignored: the listener still answers a SYN afterwards',
    { rules: ['listen.rst', 'listen.syn'], needs: ['open.passive', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), seg(RST, atPeerIss(5)), peerSyn()]);
      expect(p.sent(1)).toEqual([]);
      expect(p.state(1)).toBe('Listen');
      expect(p.sent(2)).toEqual([`<SEQ=${p.iss}><ACK=${p.peer(1)}><CTL=SYN,ACK>`]);
    },
  );

  s.spec(
    'an ACK in LISTEN gets <SEQ=SEG.ACK><CTL=RST> and the listener stays',
    { rules: ['listen.ack'], needs: ['open.passive', 'segments', 'rfc:resetCarriesAck'] },
    async ({ play }) => {
      const p = await play([open('passive'), seg(ACK, atPeerIss(1), ackIss(77))]);
      expect(p.sent(1)).toEqual([`<SEQ=${p.input(1).ack}><CTL=RST>`]);
      expect(p.state(1)).toBe('Listen');
    },
  );

  s.spec(
    'a RST acknowledging our SYN refuses the connection: SYN-SENT to CLOSED, "connection reset"',
    { rules: ['synSent.rst'], needs: ['open.active', 'segments'] },
    async ({ play, adapter }) => {
      const p = await play([open('active'), seg(RST | ACK, atPeerIss(), ackSndNxt())]);
      expect(p.sent(1)).toEqual([]);
      expect(p.state(1)).toBe('Closed');
      if (adapter.capabilities.signals) expect(p.step(1).observed.signals).toContain('connection reset');
    },
  );

  s.spec(
    'a RST without ACK in SYN-SENT is dropped',
    { rules: ['synSent.rst.noAck'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([open('active'), seg(RST, atPeerIss())]);
      expect(p.sent(1)).toEqual([]);
      expect(p.state(1)).toBe('SynSent');
    },
  );

  s.spec(
    'an unacceptable ACK in SYN-SENT gets <SEQ=SEG.ACK><CTL=RST>',
    {
      rules: ['synSent.ackUnacceptable'],
      needs: ['open.active', 'segments', 'rfc:resetCarriesAck', 'rfc:synAgainAfterReset'],
    },
    async ({ play }) => {
      const p = await play([open('active'), seg(ACK, atPeerIss(), ackIss(0))]);
      expect(p.sent(1)).toEqual([`<SEQ=${p.iss}><CTL=RST>`]);
      expect(p.state(1)).toBe('SynSent');
    },
  );

  s.spec(
    'a RST on a passively opened SYN-RECEIVED connection returns it to LISTEN',
    { rules: ['rst.synReceived.passive', 'listen.syn'], needs: ['open.passive', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), peerSyn(), peerRst(), peerSyn()]);
      expect(p.sent(2)).toEqual([]);
      expect(p.state(2)).toBe('Listen');
      expect(p.state(3)).toBe('SynReceived');
    },
  );

  s.spec(
    'a RST on an actively opened SYN-RECEIVED connection refuses it: CLOSED, "connection refused"',
    { rules: ['synSent.syn', 'rst.synReceived.active'], needs: ['open.active', 'segments', 'rfc:noSimultaneousOpen'] },
    async ({ play, adapter }) => {
      const p = await play([open('active'), peerSyn(), peerRst()]);
      expect(p.state(1)).toBe('SynReceived');
      expect(p.state(2)).toBe('Closed');
      if (adapter.capabilities.signals) expect(p.step(2).observed.signals).toContain('connection refused');
    },
  );

  // RFC 793 §3.9 p.72; RFC 9293 §3.10.7.4 (fifth check, SYN-RECEIVED): an ACK of something never sent is
  // answered with a reset formed from it; the half-open connection stays.
  s.spec(
    'an unacceptable ACK in SYN-RECEIVED gets <SEQ=SEG.ACK><CTL=RST>',
    {
      rules: ['synReceived.ackUnacceptable'],
      needs: ['open.passive', 'segments', 'rfc:resetCarriesAck', 'rfc:synReceivedAckFirst'],
    },
    async ({ play }) => {
      const p = await play([open('passive'), peerSyn(), seg(ACK, atRcvNxt(), ackIss(50))]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.input(2).ack}><CTL=RST>`]);
      expect(p.state(2)).toBe('SynReceived');
    },
  );

  s.spec(
    'a RST outside the window is dropped without reply',
    { rules: ['seq.unacceptable.rst'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), seg(RST, pastWindow(10))]);
      expect(p.sent(2)).toEqual([]);
      expect(p.state(2)).toBe('Established');
    },
  );

  s.spec(
    'rfc9293: a RST in the window but not at RCV.NXT gets a challenge ACK and the connection stays (RFC 5961 §3.2)',
    { rules: ['rst.challenge'], needs: ['open.active', 'segments', 'rfc9293'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerRst(1)]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK>`]);
      expect(p.state(2)).toBe('Established');
    },
  );

  s.spec(
    'rfc793: any RST in the window resets the connection',
    { rules: ['rst.reset'], needs: ['open.active', 'segments', 'rfc793'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerRst(1)]);
      expect(p.sent(2)).toEqual([]);
      expect(p.state(2)).toBe('Closed');
    },
  );

  // RFC 793 §3.9 p.70; RFC 9293 §3.10.7.4 (second check, CLOSING, LAST-ACK, TIME-WAIT): once both FINs are
  // sent there is nothing left to report: a valid RST just deletes the TCB.
  s.spec(
    'a valid RST in LAST-ACK just deletes the TCB: CLOSED, nothing sent',
    { rules: ['rst.closing'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerFin(), close(), peerRst()]);
      expect(p.state(3)).toBe('LastAck');
      expect(p.sent(4)).toEqual([]);
      expect(p.state(4)).toBe('Closed');
    },
  );

  s.spec(
    'rfc9293: a SYN on an established connection gets a challenge ACK (RFC 5961 §4.2)',
    { rules: ['syn.challenge'], needs: ['open.active', 'segments', 'rfc9293'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), seg(SYN, atRcvNxt())]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK>`]);
      expect(p.state(2)).toBe('Established');
    },
  );

  s.spec(
    'rfc793: a SYN in the window of an established connection is an error: RST, CLOSED',
    { rules: ['syn.reset'], needs: ['open.active', 'segments', 'rfc793'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), seg(SYN, atRcvNxt())]);
      // The SYN carries no ACK, so the reset is formed as <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (RFC 793 p.36).
      expect(p.sent(2)).toEqual([`<SEQ=0><ACK=${p.peer(2)}><CTL=RST,ACK>`]);
      expect(p.state(2)).toBe('Closed');
    },
  );

  s.spec(
    'half-open connection discovery: an established IUT answers a stray SYN with an ACK, then accepts the RST',
    { rules: ['seq.unacceptable', 'rst.reset'], needs: ['open.passive', 'segments'] },
    async ({ play }) => {
      const p = await play([...passiveEstablished(), seg(SYN, pastWindow(100)), peerRst()]);
      expect(p.sent(3)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK>`]);
      expect(p.input(4).seq).toBe(p.segments(3)[0].ack);
      expect(p.state(4)).toBe('Closed');
    },
  );
});
