// The lwIP shim: it builds against Debian's liblwip-dev, passes the protocol check, and carries a connection
// through lwIP 2.1.3 from handshake to close. They build the shim first; without liblwip-dev and gcc they skip,
// saying what to install (under CI=true they fail instead: see gate.ts).
import { ACK, FIN, PSH, RST, SYN, Segment } from '../../models/segment';
import { Observation } from '../../models/observation';
import { ConcreteInput } from '../../models/input';
import { findAdapter } from '../registry';
import { ProcessAdapter } from '../process/adapter';
import { checkProtocol } from '../process/protocol-check';
import { LWIP_SHIM } from './adapter';
import { describeLwip } from './gate';

const seg = (ctl: number, seq: number, ack = 0, data = '', extra: Partial<Segment> = {}): ConcreteInput => ({
  kind: 'segment',
  segment: { seq, ack, ctl, wnd: 8192, data, ...extra },
});
const strip = (o: Observation) =>
  o.segments.map(({ seq, ack, ctl, data, mss }) => ({ seq, ack: ctl & ACK ? ack : undefined, ctl, data, mss }));

describeLwip('the lwIP shim', () => {
  test('the shim passes the protocol check', async () => {
    const { hello, problems } = await checkProtocol(JSON.stringify(LWIP_SHIM));
    expect(problems).toEqual([]);
    expect(hello?.iut).toBe('lwIP 2.1.3');
  });

  describe('lwIP through the registry entry', () => {
    let lwip: ProcessAdapter;
    beforeAll(async () => {
      lwip = (await findAdapter('lwip')!.create({ profile: 'rfc9293' })) as unknown as ProcessAdapter;
    });
    afterAll(async () => lwip && (await lwip.dispose()));

    test('CLOSED: a SYN is refused with <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK> (RFC 9293 §3.10.7.1)', async () => {
      await lwip.reset({ profile: 'rfc9293', seed: 1 });
      const o = await lwip.apply(seg(SYN, 1000, 0, '', { mss: 1460 }));
      expect(strip(o)).toEqual([{ seq: 0, ack: 1001, ctl: RST | ACK, data: '', mss: undefined }]);
      expect(o.state).toBe('Closed');
    });

    test('passive open, data both ways, passive close: the states and segments of RFC 9293 §3.5', async () => {
      await lwip.reset({ profile: 'rfc9293', seed: 2 });
      expect((await lwip.apply({ kind: 'call', call: 'open', mode: 'passive' })).state).toBe('Listen');
      const synAck = await lwip.apply(seg(SYN, 1000, 0, '', { mss: 1460 }));
      expect(synAck.state).toBe('SynReceived');
      expect(synAck.segments).toHaveLength(1);
      const [sa] = synAck.segments;
      expect(sa.ctl & (SYN | ACK | RST | FIN)).toBe(SYN | ACK);
      expect(sa.ack).toBe(1001);
      expect(sa.mss).toBe(1460);
      const iss = sa.seq;
      expect((await lwip.apply(seg(ACK, 1001, iss + 1))).state).toBe('Established');
      const sent = await lwip.apply({ kind: 'call', call: 'send', data: 'hi' });
      expect(sent.result).toEqual({ ok: true });
      expect(strip(sent)).toEqual([{ seq: iss + 1, ack: 1001, ctl: ACK | PSH, data: 'hi', mss: undefined }]);
      const got = await lwip.apply(seg(ACK | PSH, 1001, iss + 3, 'hello'));
      const acked = got.segments.length ? got : await lwip.apply({ kind: 'wait', ms: 500 }); // delayed ACK
      expect(strip(acked)).toEqual([{ seq: iss + 3, ack: 1006, ctl: ACK, data: '', mss: undefined }]);
      expect((await lwip.apply({ kind: 'call', call: 'receive' })).result).toEqual({ ok: true, data: 'hello' });
      const fin = await lwip.apply(seg(ACK | FIN, 1006, iss + 3));
      expect(fin.state).toBe('CloseWait');
      expect(fin.signals).toEqual(['connection closing']);
      expect((await lwip.apply({ kind: 'call', call: 'receive' })).result).toEqual({
        ok: false,
        error: 'connection closing',
      });
      const close = await lwip.apply({ kind: 'call', call: 'close' });
      expect(close.state).toBe('LastAck');
      expect(close.segments.map((s) => [s.seq, s.ctl & FIN])).toEqual([[iss + 3, FIN]]);
      const last = await lwip.apply(seg(ACK, 1007, iss + 4));
      expect(last.state).toBe('Closed');
    });

    test('the state survives the application letting go: an active close ends in TIME-WAIT', async () => {
      await lwip.reset({ profile: 'rfc9293', seed: 3 });
      const syn = await lwip.apply({ kind: 'call', call: 'open', mode: 'active' });
      const iss = syn.segments[0].seq;
      let o = await lwip.apply(seg(SYN | ACK, 5000, iss + 1));
      expect(o.state).toBe('Established');
      o = await lwip.apply({ kind: 'call', call: 'close' });
      expect(o.state).toBe('FinWait1');
      o = await lwip.apply(seg(ACK | FIN, 5001, iss + 2));
      expect(o.state).toBe('TimeWait');
      expect(strip(o)).toEqual([{ seq: iss + 2, ack: 5002, ctl: ACK, data: '', mss: undefined }]);
    });

    // lwIP's ISS is a static `iss += tcp_ticks` (NOTES.md): a 60 s run before it moves the next ISS unless each run
    // starts from the image the shim had before any run (its fork server, ../process/shim/forkserver.h).
    test('every run starts from the same lwIP state: the same ISS after other runs, in the same shim', async () => {
      const pid = (lwip as unknown as { pid: number }).pid;
      const firstIss = async (waitMs: number) => {
        await lwip.reset({ profile: 'rfc9293', seed: 5 });
        if (waitMs) await lwip.apply({ kind: 'wait', ms: waitMs }); // advances tcp_ticks, which tcp_next_iss() adds
        const syn = await lwip.apply({ kind: 'call', call: 'open', mode: 'active' });
        return syn.segments[0].seq;
      };
      const a = await firstIss(0);
      expect(await firstIss(60000)).not.toBe(a); // within a run, time moves the ISS
      expect(await firstIss(0)).toBe(a);
      expect((lwip as unknown as { pid: number }).pid).toBe(pid); // no new shim for it
    });

    test('reset really starts afresh: no connection, no stray packets', async () => {
      await lwip.reset({ profile: 'rfc9293', seed: 4 });
      expect(await lwip.state()).toEqual({ segments: [], state: 'Closed' });
      expect((await lwip.apply({ kind: 'wait', ms: 300000 })).segments).toEqual([]);
    });
  });
});
