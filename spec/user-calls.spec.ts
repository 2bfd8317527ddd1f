// The user calls where no data flows yet, or no connection exists (RFC 793 §3.9 p.54-62; RFC 9293 §3.10.1-3.10.5):
// what OPEN, SEND, RECEIVE, CLOSE and ABORT answer and send in CLOSED, LISTEN and SYN-SENT.
import { SpecContext, suite } from './support/suite';
import { Played, Script, abort, close, open, peerSyn, peerSynAck, receive, send } from './support/scenario';

/**
 * A call on a listening TCB may also be refused with "foreign socket unspecified" (the passive OPEN may have
 * left it open; open.listen.unspecified, send.listen.unspecified are optional). An IUT that chooses per run, as
 * the model does, turns active on some seed; an IUT that can express the call (its feature) must show it.
 */
async function turnedActive(play: SpecContext['play'], script: Script, call: number): Promise<Played> {
  for (let seed = 1; seed <= 8; seed++) {
    const p = await play(script, { seed });
    if (p.result(call)?.ok) return p;
  }
  throw new Error('the call on the listening TCB was refused on 8 seeds: the IUT never turned the TCB active');
}

suite('user calls', (s) => {
  // RFC 793 §3.9 p.55, p.60, p.62; RFC 9293 §3.10.2, §3.10.4, §3.10.5: without a TCB there is nothing to act on.
  s.spec(
    'SEND without a connection answers "connection does not exist"',
    { rules: ['send.closed'], needs: ['send'] },
    async ({ play }) => {
      const p = await play([send('x')]);
      expect(p.result(0)).toEqual({ ok: false, error: 'connection does not exist' });
      expect(p.sent(0)).toEqual([]);
    },
  );

  s.spec(
    'CLOSE without a connection answers "connection does not exist"',
    { rules: ['close.closed'], needs: ['close'] },
    async ({ play }) => {
      const p = await play([close()]);
      expect(p.result(0)).toEqual({ ok: false, error: 'connection does not exist' });
      expect(p.sent(0)).toEqual([]);
    },
  );

  s.spec(
    'ABORT without a connection answers "connection does not exist"',
    { rules: ['abort.closed'], needs: ['abort'] },
    async ({ play }) => {
      const p = await play([abort()]);
      expect(p.result(0)).toEqual({ ok: false, error: 'connection does not exist' });
      expect(p.sent(0)).toEqual([]);
    },
  );

  // RFC 793 §3.9 p.54; RFC 9293 §3.10.1: a second OPEN on the same connection is an error.
  s.spec(
    'OPEN on an existing connection answers "connection already exists"',
    { rules: ['open.exists'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([open('active'), open('active')]);
      expect(p.result(1)).toEqual({ ok: false, error: 'connection already exists' });
      expect(p.sent(1)).toEqual([]);
      expect(p.state(1)).toBe('SynSent');
    },
  );

  // RFC 793 §3.9 p.54; RFC 9293 §3.10.1: an active OPEN on a listening TCB (foreign socket known) turns it active.
  s.spec(
    'active OPEN on a listening TCB turns it active: SYN sent, SYN-SENT',
    {
      rules: ['open.listen.active'],
      needs: ['open.passive', 'open.active', 'segments', 'feature:openActiveFromListen'],
    },
    async ({ play }) => {
      const p = await turnedActive(play, [open('passive'), open('active')], 1);
      expect(p.sent(1)).toEqual([`<SEQ=${p.iss}><CTL=SYN>`]);
      expect(p.state(1)).toBe('SynSent');
    },
  );

  // RFC 793 §3.9 p.55; RFC 9293 §3.10.2, LISTEN: SEND with the foreign socket known turns the TCB active.
  s.spec(
    'SEND on a listening TCB turns it active: SYN sent, the data queued until ESTABLISHED',
    { rules: ['send.listen'], needs: ['open.passive', 'send', 'segments', 'feature:sendFromListen'] },
    async ({ play }) => {
      const p = await turnedActive(play, [open('passive'), send('abc'), peerSynAck()], 1);
      expect(p.sent(1)).toEqual([`<SEQ=${p.iss}><CTL=SYN>`]);
      expect(p.state(1)).toBe('SynSent');
      expect(p.allSent.join(' ')).toContain(`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK><DATA="abc">`);
    },
  );

  // RFC 793 §3.9 p.55; RFC 9293 §3.10.2, SYN-SENT: data sent before ESTABLISHED waits in the queue.
  s.spec(
    'SEND before the connection is established queues the data until it is',
    { rules: ['send.queue'], needs: ['open.active', 'send', 'segments', 'rfc:sendBeforeEstablishedFails'] },
    async ({ play }) => {
      const p = await play([open('active'), send('abc'), peerSynAck()]);
      expect(p.result(1)).toEqual({ ok: true });
      expect(p.sent(1).filter((x) => x.includes('DATA'))).toEqual([]);
      expect(p.state(2)).toBe('Established');
      expect(p.sent(2).join(' ')).toContain(`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK><DATA="abc">`);
    },
  );

  // RFC 793 §3.9 p.58; RFC 9293 §3.10.3, LISTEN/SYN-SENT/SYN-RECEIVED: a RECEIVE waits; nothing is on hand.
  s.spec(
    'RECEIVE before the connection is established has nothing to deliver yet',
    { rules: ['receive.notYet'], needs: ['open.passive', 'receive', 'rfc:receiveOnListenerFails'] },
    async ({ play }) => {
      const p = await play([open('passive'), receive()]);
      expect(p.result(1)).toMatchObject({ ok: true });
      expect((p.result(1) as { data?: string }).data ?? '').toBe('');
      expect(p.state(1)).toBe('Listen');
    },
  );

  // RFC 793 §3.9 p.60; RFC 9293 §3.10.4, LISTEN: CLOSE deletes the TCB; a SYN then finds no listener.
  s.spec(
    'CLOSE in LISTEN deletes the TCB: CLOSED, nothing sent',
    { rules: ['close.listen', 'closed.noAck'], needs: ['open.passive', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), close(), peerSyn()]);
      expect(p.sent(1)).toEqual([]);
      expect(p.state(1)).toBe('Closed');
      expect(p.sent(2)).toEqual([`<SEQ=0><ACK=${p.peer(1)}><CTL=RST,ACK>`]);
    },
  );

  // RFC 793 §3.9 p.60; RFC 9293 §3.10.4, SYN-SENT: CLOSE deletes the TCB without a segment.
  s.spec(
    'CLOSE in SYN-SENT deletes the TCB: CLOSED, nothing sent',
    { rules: ['close.synSent'], needs: ['open.active', 'close', 'segments', 'rfc:resetCarriesAck'] },
    async ({ play }) => {
      const p = await play([open('active'), close(), peerSynAck()]);
      expect(p.sent(1)).toEqual([]);
      expect(p.state(1)).toBe('Closed');
      // The SYN,ACK that follows finds no connection: it is reset (RFC 9293 §3.10.7.1).
      expect(p.sent(2)).toEqual([`<SEQ=${p.input(2).ack}><CTL=RST>`]);
    },
  );

  // RFC 793 §3.9 p.62; RFC 9293 §3.10.5, LISTEN: ABORT owes the (absent) peer no RST.
  s.spec(
    'ABORT where no RST is owed deletes the TCB silently: CLOSED',
    { rules: ['abort.quiet'], needs: ['open.passive', 'abort', 'segments'] },
    async ({ play }) => {
      const p = await play([open('passive'), abort(), peerSyn()]);
      expect(p.result(1)).toEqual({ ok: true });
      expect(p.sent(1)).toEqual([]);
      expect(p.state(1)).toBe('Closed');
      expect(p.sent(2)).toEqual([`<SEQ=0><ACK=${p.peer(1)}><CTL=RST,ACK>`]);
    },
  );
});
