// The segment acceptability test (RFC 793 §3.3 p.26; RFC 9293 §3.4): four cases by SEG.LEN and RCV.WND, each
// with an out-of-window variant. An unacceptable segment (but RST) is answered with
// <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and dropped (RFC 9293 §3.10.7.4, first check).
import { activeEstablished } from './support/connect';
import { suite } from './support/suite';
import {
  ACK,
  Item,
  Played,
  SYN,
  ackSndNxt,
  atPeerIss,
  atRcvNxt,
  open,
  pastWindow,
  peerData,
  receive,
  seg,
  send,
} from './support/scenario';

/** Fill the IUT's receive window with in-order data until it advertises zero (RCV.WND = 0). */
const fillWindow: Item = {
  repeat: (t) => (t.rcvWnd > 0 ? peerData('z'.repeat(Math.min(t.rcvWnd, 1000))) : null),
};

/** Established with "abc" sent and "def" held back by the tester's window of 3: an acceptable segment that
 *  acknowledges "abc" lets "def" go; an unacceptable one would only be answered with an ACK (and "def" held). */
const windowOf3 = (): Item[] => [open('active'), seg(SYN | ACK, atPeerIss(), ackSndNxt(), { wnd: 3 }), send('abcdef')];

const ackFor = (p: Played, rcvNxtDelta: number) => `<SEQ=${p.iut(1)}><ACK=${p.peer(1 + rcvNxtDelta)}><CTL=ACK>`;

suite('sequence acceptability', (s) => {
  // Case: SEG.LEN = 0, RCV.WND > 0 — acceptable when RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND.
  s.spec(
    'a zero-length segment at RCV.NXT is acceptable when the window is open',
    { rules: ['ack.new'], needs: ['open.active', 'send', 'segments'] },
    async ({ play }) => {
      const p = await play([...windowOf3(), seg(ACK, atRcvNxt(), ackSndNxt(), { wnd: 3 })]);
      expect(p.sent(3)).toEqual([`<SEQ=${p.iut(4)}><ACK=${p.peer(1)}><CTL=ACK><DATA="def">`]);
    },
  );

  s.spec(
    'a zero-length segment inside the window (not at RCV.NXT) is acceptable',
    { rules: ['ack.new'], needs: ['open.active', 'send', 'segments'] },
    async ({ play }) => {
      const p = await play([...windowOf3(), seg(ACK, atRcvNxt(3), ackSndNxt(), { wnd: 3 })]);
      expect(p.sent(3)).toEqual([`<SEQ=${p.iut(4)}><ACK=${p.peer(1)}><CTL=ACK><DATA="def">`]);
    },
  );

  s.spec(
    'out of window: a zero-length segment below RCV.NXT is answered with an ACK',
    { rules: ['seq.unacceptable'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), seg(ACK, atRcvNxt(-1), ackSndNxt())]);
      expect(p.sent(2)).toEqual([ackFor(p, 0)]);
    },
  );

  s.spec(
    'out of window: a zero-length segment at or beyond RCV.NXT+RCV.WND is answered with an ACK',
    { rules: ['seq.unacceptable'], needs: ['open.active', 'segments', 'rfc:windowEdgeInclusive'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), seg(ACK, pastWindow(0), ackSndNxt())]);
      expect(p.sent(2)).toEqual([ackFor(p, 0)]);
    },
  );

  // Case: SEG.LEN > 0, RCV.WND > 0 — acceptable when its first or last octet lies in the window.
  s.spec(
    'a segment with data whose first octet is in the window is acceptable',
    { rules: ['text.accept', 'receive.data'], needs: ['open.active', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), peerData('abc'), receive()]);
      expect(p.result(3)).toEqual({ ok: true, data: 'abc' });
    },
  );

  s.spec(
    'a segment whose last octet is in the window is acceptable: only its new part is taken',
    { rules: ['text.accept', 'receive.data'], needs: ['open.active', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([
        ...activeEstablished(),
        peerData('abc'),
        seg(ACK, atRcvNxt(-2), ackSndNxt(), { data: 'bcde' }),
        receive(),
      ]);
      expect(p.result(4)).toEqual({ ok: true, data: 'abcde' });
    },
  );

  s.spec(
    'out of window: a data segment wholly below RCV.NXT is answered with an ACK and not delivered again',
    { rules: ['seq.unacceptable'], needs: ['open.active', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([
        ...activeEstablished(),
        peerData('abc'),
        receive(),
        seg(ACK, atRcvNxt(-3), ackSndNxt(), { data: 'abc' }),
        receive(),
      ]);
      expect(p.sent(4)).toContain(ackFor(p, 3));
      expect(p.result(5)).toMatchObject({ ok: true }); // nothing on hand: no data, or data ''
      expect((p.result(5) as { data?: string }).data ?? '').toBe('');
    },
  );

  s.spec(
    'out of window: a data segment wholly beyond the window is answered with an ACK and dropped',
    { rules: ['seq.unacceptable'], needs: ['open.active', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), seg(ACK, pastWindow(5), ackSndNxt(), { data: 'far' }), receive()]);
      expect(p.sent(2)).toEqual([ackFor(p, 0)]);
      expect(p.result(3)).toMatchObject({ ok: true }); // nothing on hand: no data, or data ''
      expect((p.result(3) as { data?: string }).data ?? '').toBe('');
    },
  );

  // Case: SEG.LEN = 0, RCV.WND = 0 — acceptable only when SEG.SEQ = RCV.NXT.
  s.spec(
    'with a zero window, a zero-length segment at RCV.NXT is acceptable',
    { rules: ['text.accept'], needs: ['open.active', 'segments', 'rfc:zeroWindowAcksAll'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), fillWindow, seg(ACK, atRcvNxt(), ackSndNxt())]);
      expect(p.sent(-1)).toEqual([]);
    },
  );

  s.spec(
    'out of window: with a zero window, a zero-length segment after RCV.NXT is answered with an ACK',
    { rules: ['seq.unacceptable'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), fillWindow, seg(ACK, atRcvNxt(1), ackSndNxt())]);
      const last = p.segments(-1);
      expect(last).toHaveLength(1);
      expect(last[0].ctl).toBe(ACK);
      expect(last[0].ack).toBe(p.input(-1).seq - 1);
      expect(last[0].wnd).toBe(0);
    },
  );

  // Case: SEG.LEN > 0, RCV.WND = 0 — never acceptable.
  s.spec(
    'with a zero window, a data segment at RCV.NXT is not acceptable: answered with an ACK, not delivered',
    { rules: ['seq.unacceptable'], needs: ['open.active', 'receive', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), fillWindow, seg(ACK, atRcvNxt(), ackSndNxt(), { data: 'no' })]);
      const last = p.segments(-1);
      expect(last).toHaveLength(1);
      expect(last[0].ctl).toBe(ACK);
      expect(last[0].ack).toBe(p.input(-1).seq);
      expect(last[0].data).toBe('');
    },
  );

  s.spec(
    'out of window: with a zero window, a data segment beyond RCV.NXT is answered with an ACK',
    { rules: ['seq.unacceptable'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), fillWindow, seg(ACK, atRcvNxt(4), ackSndNxt(), { data: 'no' })]);
      const last = p.segments(-1);
      expect(last).toHaveLength(1);
      expect(last[0].ack).toBe(p.input(-1).seq - 4);
    },
  );

  s.spec(
    'an unacceptable RST is dropped without reply',
    { rules: ['seq.unacceptable.rst'], needs: ['open.active', 'segments'] },
    async ({ play }) => {
      const p = await play([...activeEstablished(), seg(4, atRcvNxt(-1))]);
      expect(p.sent(2)).toEqual([]);
      expect(p.state(2)).toBe('Established');
    },
  );
});
