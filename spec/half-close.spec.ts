// Half-close: CLOSE means "I have no more to send" (RFC 793 §3.5; RFC 9293 §3.6, §3.10.4), and the
// half-duplex close of RFC 9293 §3.6.1.
import { activeEstablished } from './support/connect';
import { suite } from './support/suite';
import { close, closeHalfDuplex, peerAck, peerData, peerFin, receive, send, wait } from './support/scenario';

suite('half-close', (s) => {
  s.spec(
    'half-close: data still flows toward the side that sent FIN',
    {
      rules: ['finWait1.finAcked', 'text.accept', 'receive.data'],
      needs: ['open.active', 'close', 'receive', 'segments'],
    },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), peerAck(), peerData('more'), wait(500), receive()]);
      expect(p.state(3)).toBe('FinWait2');
      // The data is acknowledged (at once or within 500 ms) and delivered.
      expect([...p.sent(4), ...p.sent(5)]).toEqual([`<SEQ=${p.iut(2)}><ACK=${p.peer(5)}><CTL=ACK>`]);
      expect(p.result(6)).toEqual({ ok: true, data: 'more' });
    },
  );

  s.spec(
    "half-close: the side that sent FIN reads EOF after the peer's FIN",
    {
      rules: ['receive.data', 'fin.finWait2', 'receive.closing'],
      needs: ['open.active', 'close', 'receive', 'segments'],
    },
    async ({ play }) => {
      // (Data still unread when the peer's FIN arrives may be delivered or refused in TIME-WAIT: RFC 9293
      // §3.10.3 answers RECEIVE there with "connection closing"; so the data is read before the FIN.)
      const p = await play([
        ...activeEstablished(),
        close(),
        peerAck(),
        peerData('ab'),
        receive(),
        peerFin(),
        receive(),
      ]);
      expect(p.result(5)).toEqual({ ok: true, data: 'ab' });
      expect(p.state(6)).toBe('TimeWait');
      expect(p.result(7)).toEqual({ ok: false, error: 'connection closing' });
    },
  );

  s.spec(
    'half-close: the side that received FIN can still send (CLOSE-WAIT)',
    { rules: ['fin.closeWait', 'send.transmit'], needs: ['open.active', 'send', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerFin(), send('reply')]);
      expect(p.state(2)).toBe('CloseWait');
      expect(p.sent(3)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(2)}><CTL=ACK><DATA="reply">`]);
    },
  );

  s.spec(
    'SEND after CLOSE answers "connection closing"',
    { rules: ['send.closing'], needs: ['open.active', 'close', 'send', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), close(), send('late')]);
      expect(p.result(3)).toEqual({ ok: false, error: 'connection closing' });
      expect(p.sent(3)).toEqual([]);
    },
  );

  s.spec(
    'CLOSE sends the FIN only after the queued data',
    { rules: ['close.fin'], needs: ['open.active', 'send', 'close', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), send('abc'), close()]);
      const all = [...p.sent(2), ...p.sent(3)].join(' ');
      // Either the FIN rides on the data or follows it; its SEQ is ISS+1+3.
      expect(all).toMatch(new RegExp(`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=(FIN,)?ACK><DATA="abc">`));
      expect(p.state(3)).toBe('FinWait1');
      expect(p.segments(3).length + p.segments(2).length).toBeGreaterThan(0);
    },
  );

  // RFC 793 §3.9 p.74; RFC 9293 §3.10.7.4 (seventh, CLOSE-WAIT): after the peer's FIN no more text can come
  // from it; text that does is ignored, and RECEIVE still reports the end of the data.
  s.spec(
    "text after the peer's FIN is ignored",
    { rules: ['text.ignored', 'receive.eof'], needs: ['open.active', 'receive', 'segments', 'rfc:dataAfterFinResets'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerFin(), peerData('late'), receive()]);
      expect(p.state(2)).toBe('CloseWait');
      expect(p.input(3).seq).toBe(p.peer(2));
      expect(p.state(3)).toBe('CloseWait');
      expect(p.result(4)).toEqual({ ok: false, error: 'connection closing' });
    },
  );

  // Not in RFC 793; RFC 9293 §3.6.1 (MAY-1): a half-duplex CLOSE also ends the application's reading.
  s.spec(
    'rfc9293: after a half-duplex CLOSE the application may not read: "connection closing"',
    {
      rules: ['receive.halfDuplexClosed'],
      needs: ['open.active', 'close.halfDuplex', 'receive', 'segments', 'rfc9293'],
    },
    async ({ play }) => {
      const p = await play([...activeEstablished(), closeHalfDuplex(), receive()]);
      expect(p.state(2)).toBe('FinWait1');
      expect(p.result(3)).toEqual({ ok: false, error: 'connection closing' });
    },
  );

  s.spec(
    'rfc9293: half-duplex CLOSE with unread data sends RST to show data was lost (RFC 9293 §3.6.1)',
    { rules: ['close.halfDuplex.unread'], needs: ['open.active', 'close.halfDuplex', 'segments', 'rfc9293'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerData('unread'), closeHalfDuplex()]);
      expect(p.sent(3)).toEqual([`<SEQ=${p.iut(1)}><CTL=RST>`]);
      expect(p.state(3)).toBe('Closed');
    },
  );

  s.spec(
    'rfc9293: data arriving after a half-duplex CLOSE is answered with RST',
    { rules: ['text.afterHalfDuplexClose'], needs: ['open.active', 'close.halfDuplex', 'segments', 'rfc9293'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), closeHalfDuplex(), peerAck(), peerData('late')]);
      expect(p.state(3)).toBe('FinWait2');
      expect(p.sent(4)).toEqual([`<SEQ=${p.iut(2)}><CTL=RST>`]);
      expect(p.state(4)).toBe('Closed');
    },
  );
});
