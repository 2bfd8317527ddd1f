// Closing a connection (RFC 793 §3.5, RFC 9293 §3.6; event processing RFC 9293 §3.10.4, §3.10.7.4 eighth).
import { activeEstablished } from './support/connect';
import { suite } from './support/suite';
import { ACK, FIN, ackSndUna, atRcvNxt, close, peerAck, peerFin, receive, seg, send, wait } from './support/scenario';

suite('teardown', (s) => {
  s.spec(
    'four-segment close, IUT closing first: FIN, ACK, FIN, ACK',
    { rules: ['close.fin', 'finWait1.finAcked', 'fin.finWait2'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), peerAck(), peerFin(), wait(500)]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=FIN,ACK>`]);
      expect(p.state(2)).toBe('FinWait1');
      expect(p.sent(3)).toEqual([]);
      expect(p.state(3)).toBe('FinWait2');
      // The ACK of the peer's FIN may be delayed by up to 500 ms (RFC 9293 §3.8.6.3).
      expect([...p.sent(4), ...p.sent(5)]).toEqual([`<SEQ=${p.iut(2)}><ACK=${p.peer(2)}><CTL=ACK>`]);
      expect(p.state(4)).toBe('TimeWait');
    },
  );

  s.spec(
    'four-segment close, peer closing first: ACK, then FIN after the application closes',
    { rules: ['fin.closeWait', 'close.closeWait', 'lastAck.finAcked'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerFin(), wait(500), close(), peerAck()]);
      expect([...p.sent(2), ...p.sent(3)]).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(2)}><CTL=ACK>`]);
      expect(p.state(2)).toBe('CloseWait');
      expect(p.sent(4)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(2)}><CTL=FIN,ACK>`]);
      expect(p.state(4)).toBe('LastAck');
      expect(p.sent(5)).toEqual([]);
      expect(p.state(5)).toBe('Closed');
    },
  );

  s.spec(
    'LAST-ACK: only the ACK of our FIN matters; a segment acknowledging less is dropped',
    { rules: ['lastAck.finUnacked', 'lastAck.finAcked'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([
        ...activeEstablished(),
        peerFin(),
        wait(500),
        close(),
        seg(ACK, atRcvNxt(), ackSndUna()), // acknowledges only what came before our FIN
        peerAck(),
      ]);
      expect(p.state(4)).toBe('LastAck');
      expect(p.sent(5)).toEqual([]);
      expect(p.state(5)).toBe('LastAck');
      expect(p.rules(5)).toContain('lastAck.finUnacked');
      expect(p.state(6)).toBe('Closed');
    },
  );

  s.spec(
    'FIN consumes one sequence number: the ACK of our FIN is SEQ(FIN)+1, and the peer FIN is acknowledged +1',
    { rules: ['finWait1.finAcked', 'fin.finWait2'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), peerAck(), peerFin(), wait(500)]);
      const fin = p.segments(2)[0];
      expect(fin.ctl & FIN).toBeTruthy();
      // The tester acknowledged SEQ(FIN)+1 and that acknowledged the FIN: FIN-WAIT-2.
      expect(p.input(3).ack).toBe((fin.seq + 1) >>> 0);
      expect(p.state(3)).toBe('FinWait2');
      const ack = [...p.segments(4), ...p.segments(5)].find((x) => x.ctl & ACK)!;
      expect(ack.ack).toBe((p.input(4).seq + 1) >>> 0);
    },
  );

  s.spec(
    'three-segment close: the ACK rides on the FIN (FIN, FIN+ACK, ACK)',
    { rules: ['close.fin', 'fin.finWait1.acked'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), peerFin(), wait(500)]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=FIN,ACK>`]);
      // The tester's FIN acknowledges the IUT's FIN in the same segment.
      expect(p.input(3).ack).toBe(p.iut(2));
      expect([...p.sent(3), ...p.sent(4)]).toEqual([`<SEQ=${p.iut(2)}><ACK=${p.peer(2)}><CTL=ACK>`]);
    },
  );

  s.spec(
    'FIN-WAIT-1 goes straight to TIME-WAIT on a FIN that acknowledges our FIN',
    { rules: ['fin.finWait1.acked'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), peerFin()]);
      expect(p.state(2)).toBe('FinWait1');
      expect(p.state(3)).toBe('TimeWait');
    },
  );

  s.spec(
    'the active closer gets TIME-WAIT',
    { rules: ['fin.finWait2'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), peerAck(), peerFin()]);
      expect(p.state(-1)).toBe('TimeWait');
    },
  );

  s.spec(
    'the passive closer does not get TIME-WAIT: LAST-ACK goes to CLOSED on the ACK of its FIN',
    { rules: ['close.closeWait', 'lastAck.finAcked'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerFin(), close(), peerAck()]);
      expect(p.state(3)).toBe('LastAck');
      expect(p.state(4)).toBe('Closed');
    },
  );

  s.spec(
    'CLOSE-WAIT lasts until the application closes',
    { rules: ['fin.closeWait', 'close.closeWait'], needs: ['open.active', 'close', 'segments', 'virtualClock'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerFin(), wait(600000), close()]);
      expect(p.state(3)).toBe('CloseWait');
      expect(p.sent(3).filter((x) => x.includes('FIN'))).toEqual([]);
      expect(p.state(4)).toBe('LastAck');
    },
  );

  s.spec(
    'FIN-WAIT-2 may last forever when the peer never closes',
    { rules: ['finWait1.finAcked'], needs: ['open.active', 'close', 'segments', 'virtualClock'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), peerAck(), wait(600000), wait(3600000)]);
      expect(p.state(3)).toBe('FinWait2');
      expect(p.sent(4)).toEqual([]);
      expect(p.sent(5)).toEqual([]);
      expect(p.state(5)).toBe('FinWait2');
    },
  );

  s.spec(
    'a FIN that does not acknowledge our FIN in FIN-WAIT-1 leads to CLOSING, not TIME-WAIT',
    { rules: ['fin.finWait1'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), seg(FIN | ACK, atRcvNxt(), ackSndUna())]);
      expect(p.state(3)).toBe('Closing');
    },
  );

  s.spec(
    'after the peer FIN and once the data is read, RECEIVE answers "connection closing" (EOF)',
    { rules: ['receive.data', 'receive.eof'], needs: ['open.active', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerFin({ data: 'last' }), receive(), receive()]);
      expect(p.result(3)).toEqual({ ok: true, data: 'last' });
      expect(p.result(4)).toEqual({ ok: false, error: 'connection closing' });
    },
  );

  // RFC 793 §3.9 p.77; RFC 9293 §3.10.8 and §3.8.3: data left unacknowledged for the user timeout ends the
  // connection without a segment (the tester never acknowledges "abc").
  s.spec(
    'data unacknowledged for the user timeout aborts the connection: CLOSED, no segment',
    {
      rules: ['timeout.user'],
      needs: ['open.active', 'send', 'segments', 'virtualClock', 'rfc:userTimeoutLo', 'rfc:userTimeoutHi'],
    },
    async ({ play, profile }) => {
      const { userTimeoutLo: lo, userTimeoutHi: hi } = profile.params;
      if (lo === null || hi === null) throw new Error(`profile ${profile.name} has no user timeout`);
      const p = await play([...activeEstablished(), send('abc'), wait(lo - 1000), wait(hi - lo + 2000)]);
      expect(p.state(3)).toBe('Established');
      expect(p.state(4)).toBe('Closed');
      // Only retransmissions of "abc" went out, never a RST.
      for (const x of [...p.sent(3), ...p.sent(4)])
        expect(x).toBe(`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK><DATA="abc">`);
    },
  );

  s.spec(
    'a second CLOSE sends no second FIN',
    { rules: ['close.again'], needs: ['open.active', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), close()]);
      expect(p.sent(3)).toEqual([]);
    },
  );
});
