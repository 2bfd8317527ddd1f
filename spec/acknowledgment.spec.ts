// The ACK field of an acceptable segment (RFC 793 §3.9 p.72; RFC 9293 §3.10.7.4, fifth check, and RFC 5961 §5):
// no ACK, an old ACK, one too old, one of data never sent, and the send window the ACK carries.
import { activeEstablished } from './support/connect';
import { suite } from './support/suite';
import {
  ACK,
  Item,
  SYN,
  ackSndNxt,
  ackSndUna,
  atPeerIss,
  atRcvNxt,
  open,
  peerAck,
  receive,
  seg,
  send,
} from './support/scenario';

/** Established with "abc" sent and "def" held back by the tester's window of 3. */
const windowOf3 = (): Item[] => [open('active'), seg(SYN | ACK, atPeerIss(), ackSndNxt(), { wnd: 3 }), send('abcdef')];
const nothingOnHand = (r: unknown) => expect((r as { ok: boolean; data?: string }).data ?? '').toBe('');

suite('acknowledgment', (s) => {
  // RFC 793 §3.9 p.72; RFC 9293 §3.10.7.4 (fifth): with the ACK bit off the segment is dropped, text and all.
  s.spec(
    'a segment without ACK is dropped: its text is not delivered',
    { rules: ['ack.missing'], needs: ['open.active', 'receive', 'segments', 'rfc:textWithoutAck'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), seg(0, atRcvNxt(), undefined, { data: 'noack' }), receive()]);
      expect(p.sent(2)).toEqual([]);
      expect(p.state(2)).toBe('Established');
      nothingOnHand(p.result(3));
    },
  );

  // RFC 793 §3.9 p.72; RFC 9293 §3.10.7.4 (fifth): an old ACK is ignored, the rest of the segment is processed.
  s.spec(
    'an old ACK (SEG.ACK < SND.UNA) is ignored; the text it carries is still taken',
    { rules: ['ack.duplicate', 'text.accept'], needs: ['open.active', 'send', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([
        ...activeEstablished(),
        send('abc'),
        peerAck(),
        seg(ACK, atRcvNxt(), ackSndUna(-1), { data: 'hi' }),
        receive(),
      ]);
      expect(p.input(4).ack).toBe(p.iut(3));
      // Nothing of "abc" is sent again: the old ACK did not move SND.UNA back.
      expect(p.sent(4).filter((x) => x.includes('DATA'))).toEqual([]);
      expect(p.result(5)).toEqual({ ok: true, data: 'hi' });
    },
  );

  // Not in RFC 793; RFC 9293 §3.10.7.4 (fifth) with RFC 5961 §5.2: an ACK older than SND.UNA - MAX.SND.WND is
  // answered with a challenge ACK and dropped.
  s.spec(
    'rfc9293: an ACK older than SND.UNA-MAX.SND.WND gets a challenge ACK and is dropped (RFC 5961 §5.2)',
    { rules: ['ack.tooOld'], needs: ['open.active', 'send', 'receive', 'segments', 'rfc9293'] },
    async ({ play }) => {
      // The tester's window never exceeds 3, so MAX.SND.WND = 3; "abc" acknowledged makes SND.UNA = ISS+4.
      const p = await play([
        ...windowOf3(),
        peerAck({ wnd: 3 }),
        seg(ACK, atRcvNxt(), ackSndUna(-4), { data: 'hi', wnd: 3 }),
        receive(),
      ]);
      expect(p.input(4).ack).toBe(p.iut(0));
      // The ACK of "abc" opened the window for "def": SND.NXT = ISS+7 when the old ACK comes.
      expect(p.sent(3)).toEqual([`<SEQ=${p.iut(4)}><ACK=${p.peer(1)}><CTL=ACK><DATA="def">`]);
      expect(p.sent(4)).toEqual([`<SEQ=${p.iut(7)}><ACK=${p.peer(1)}><CTL=ACK>`]);
      nothingOnHand(p.result(5));
    },
  );

  // RFC 793 §3.9 p.72; RFC 9293 §3.10.7.4 (fifth): an ACK of data not yet sent gets an ACK, and the segment is
  // dropped.
  s.spec(
    'an ACK of something not yet sent (SEG.ACK > SND.NXT) gets an ACK and the segment is dropped',
    { rules: ['ack.future'], needs: ['open.active', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), seg(ACK, atRcvNxt(), ackSndNxt(5), { data: 'x' }), receive()]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK>`]);
      expect(p.state(2)).toBe('Established');
      nothingOnHand(p.result(3));
    },
  );

  // RFC 793 §3.9 p.72; RFC 9293 §3.10.7.4 (fifth): a segment no older than the last window update (by SND.WL1,
  // SND.WL2) sets SND.WND: a window the tester closed and opens again lets the held data go.
  s.spec(
    'a newer segment updates the send window: data held by a closed window goes when it opens',
    { rules: ['ack.window'], needs: ['open.active', 'send', 'segments'] },
    async ({ play }) => {
      const p = await play([...windowOf3(), peerAck({ wnd: 0 }), peerAck({ wnd: 3 })]);
      expect(p.sent(2)).toEqual([`<SEQ=${p.iut(1)}><ACK=${p.peer(1)}><CTL=ACK><DATA="abc">`]);
      expect(p.sent(3).filter((x) => x.includes('DATA'))).toEqual([]);
      expect(p.sent(4)).toEqual([`<SEQ=${p.iut(4)}><ACK=${p.peer(1)}><CTL=ACK><DATA="def">`]);
    },
  );
});
