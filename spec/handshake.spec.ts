// The three-way handshake and its sequence numbers (RFC 793 §3.3-3.4, RFC 9293 §3.4-3.5; docs/design.md §5).
import { LINUX_PAIR, suite } from './support/suite';
import {
  SYN,
  abort,
  atPeerIss,
  atRcvNxt,
  open,
  peerAck,
  peerSyn,
  peerSynAck,
  receive,
  seg,
  send,
  wait,
} from './support/scenario';

suite('handshake', (s) => {
  s.spec(
    'a SYN consumes one sequence number: the SYN,ACK acknowledges ISN+1 (passive open)',
    { rules: ['open.passive', 'listen.syn', 'synReceived.ack'], needs: ['open.passive', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), peerSyn(), peerAck()]);
      // RFC 9293 §3.4: SYN occupies one sequence number, so the reply acknowledges the peer's ISN + 1.
      expect(p.sent(1)).toEqual([`<SEQ=${p.iss}><ACK=${p.peer(1)}><CTL=SYN,ACK>`]);
      expect(p.state(0)).toBe('Listen');
      expect(p.state(1)).toBe('SynReceived');
      // The third segment (tester's ACK of ISN+1) establishes the connection and needs no reply.
      expect(p.sent(2)).toEqual([]);
      expect(p.state(2)).toBe('Established');
    },
  );

  s.spec(
    'a SYN consumes one sequence number: the active opener ACKs the peer ISN+1 and its own next SEQ is ISN+1',
    { rules: ['open.active', 'synSent.synAck'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([open('active'), peerSynAck()]);
      expect(p.sent(0)).toEqual([`<SEQ=${p.iss}><CTL=SYN>`]);
      expect(p.state(0)).toBe('SynSent');
      // The tester's SYN,ACK acknowledged ISS+1 (the SYN's one sequence number).
      expect(p.input(1).ack).toBe(p.iut(1));
      expect(p.sent(1)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK>`]);
      expect(p.state(1)).toBe('Established');
    },
  );

  s.spec(
    'the first data byte after the handshake is numbered ISN+1',
    { rules: ['send.transmit'], needs: ['open.active', 'send', 'segments'] },
    async ({ play }) => {
      const p = await play([open('active'), peerSynAck(), send('abc')]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK><DATA="abc">`]);
    },
  );

  s.spec(
    'the passive side delivers the first data byte, numbered peer ISN+1',
    { rules: ['text.accept', 'receive.data'], needs: ['open.passive', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), peerSyn(), peerAck({ data: 'hi' }), receive()]);
      expect(p.input(2).seq).toBe(p.peer(1));
      expect(p.result(3)).toEqual({ ok: true, data: 'hi' });
    },
  );

  s.spec(
    'the MSS option is announced on the SYN (active open)',
    { rules: ['open.active'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([open('active')]);
      const syn = p.segments(0)[0];
      // RFC 9293 §3.7.1 (SHLD-5): a TCP announces its MSS in the SYN.
      expect(syn.mss).toBeGreaterThan(0);
    },
  );

  s.spec(
    'the MSS option is announced on the SYN,ACK (passive open)',
    { rules: ['listen.syn'], needs: ['open.passive', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), peerSyn()]);
      expect(p.segments(1)[0].mss).toBeGreaterThan(0);
    },
  );

  s.spec(
    "segments sent never exceed the peer's announced MSS",
    { rules: ['send.transmit'], needs: ['open.active', 'send', 'segments', 'rfc:sndMssMin'] },
    async ({ play }) => {
      const p = await play([open('active'), peerSynAck({ mss: 4 }), send('hello world')]);
      // RFC 9293 §3.7.1: the peer's MSS bounds every segment's data.
      const data = p.segments(2).map((x) => x.data);
      expect(data.join('')).toBe('hello world');
      for (const d of data) expect(d.length).toBeLessThanOrEqual(4);
    },
  );

  s.spec(
    'without an MSS option the peer is assumed to take 536 bytes',
    { rules: ['send.transmit'], needs: ['open.active', 'send', 'segments'] },
    async ({ play }) => {
      const big = 'x'.repeat(600);
      const p = await play([open('active'), peerSynAck(), send(big)]);
      // RFC 9293 §3.7.1 (MUST-15): default send MSS 536.
      // The second segment may wait for the first one's ACK (congestion control, RFC 9293 §3.8.2).
      expect(p.segments(2)[0].data.length).toBe(536);
      expect(p.segments(2).every((x) => x.data.length <= 536)).toBe(true);
    },
  );

  s.spec(
    'a SYN that is never answered is retransmitted with the same ISN',
    { rules: ['timeout.retransmission'], needs: ['open.active', 'segments', 'virtualClock'] },
    async ({ play }) => {
      const p = await play([open('active'), wait(120000)]);
      expect(p.segments(1).length).toBeGreaterThan(0);
      for (const x of p.sent(1)) expect(x).toBe(`<SEQ=${p.iss}><CTL=SYN>`);
    },
  );

  s.spec(
    'initial sequence numbers are not predictable: fresh endpoints pick distinct ISNs, not in arithmetic progression',
    { rules: ['open.active'], needs: ['open.active', 'segments', 'rfc:isnMayRepeat'] },
    async ({ play }) => {
      const isns: number[] = [];
      for (let seed = 1; seed <= 6; seed++) isns.push((await play([open('active')], { seed })).iss);
      expectUnpredictable(isns);
    },
  );

  s.spec(
    'initial sequence numbers are not predictable: successive connections pick distinct ISNs, not in arithmetic progression',
    { rules: ['iss.fresh'], needs: ['open.active', 'abort', 'segments', 'rfc:isnMayRepeat'] },
    async ({ play }) => {
      const script = [];
      for (let i = 0; i < 6; i++) script.push(open('active'), abort(), wait(10));
      const p = await play(script);
      expectUnpredictable(p.isses);
    },
  );

  // RFC 793 §3.9 p.66; RFC 9293 §3.10.7.2 (LISTEN, "fourth other text or control"): a segment with no SYN, ACK or
  // RST cannot start a connection: it is dropped and the listener keeps listening.
  s.spec(
    'any other segment in LISTEN is dropped',
    { rules: ['listen.other', 'listen.syn'], needs: ['open.passive', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), seg(0, atPeerIss(1), undefined, { data: 'stray' }), peerSyn()]);
      expect(p.sent(1)).toEqual([]);
      expect(p.state(1)).toBe('Listen');
      expect(p.sent(2)).toEqual([`<SEQ=${p.iss}><ACK=${p.peer(1)}><CTL=SYN,ACK>`]);
    },
  );

  // RFC 793 §3.9 p.68; RFC 9293 §3.10.7.3 (SYN-SENT, fifth): neither SYN nor RST (and no ACK): drop it.
  s.spec(
    'a segment with neither SYN nor RST in SYN-SENT is dropped',
    { rules: ['synSent.other', 'synSent.synAck'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([open('active'), seg(0, atPeerIss(1), undefined, { data: 'stray' }), peerSynAck()]);
      expect(p.sent(1)).toEqual([]);
      expect(p.state(1)).toBe('SynSent');
      // The handshake then completes as if the stray segment had never come.
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK>`]);
      expect(p.state(2)).toBe('Established');
    },
  );

  // RFC 9293 §3.10.7.4 (fourth check) with RFC 1122 4.2.2.20 (e); not in RFC 793: a SYN in a passively opened
  // SYN-RECEIVED sends the connection back to LISTEN, which then takes a new SYN.
  s.spec(
    'rfc9293: a SYN on a passively opened SYN-RECEIVED connection returns it to LISTEN',
    {
      rules: ['syn.synReceived.passive'],
      needs: ['open.passive', 'segments', 'rfc9293'],
    },
    async ({ play }) => {
      const p = await play([open('passive'), peerSyn(), seg(SYN, atRcvNxt()), peerSyn()]);
      expect(p.state(1)).toBe('SynReceived');
      expect(p.state(2)).toBe('Listen');
      expect(p.state(3)).toBe('SynReceived');
    },
  );
});

/** RFC 9293 §3.4.1 (MUST-8) and RFC 6528: ISNs must not be guessable from earlier ones. The weakest honest
 *  check: no repeats, and the gaps between successive ISNs are not all the same. */
function expectUnpredictable(isns: number[]): void {
  expect(isns.length).toBeGreaterThanOrEqual(6);
  expect(new Set(isns).size).toBe(isns.length);
  const gaps = isns.slice(1).map((x, i) => (x - isns[i] + 2 ** 32) % 2 ** 32);
  expect(new Set(gaps).size).toBeGreaterThan(1);
}

suite('handshake: behaviours outside a single tester-as-peer endpoint', (s) => {
  s.todo(`listen queue full: a SYN is ignored — ${LINUX_PAIR}`);
  s.todo(
    'quiet time after restart: no segments for MSL after a crash that lost sequence state (RFC 9293 §3.4.3) — documented as rarely implemented, see docs/interpretations.md',
  );
});
