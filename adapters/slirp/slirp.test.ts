// The libslirp shim: it builds against Debian's libslirp-dev, passes the protocol check and carries a passive
// handshake through slirp's TCP; and it shows the two departures known before this adapter existed. Without
// libslirp-dev or root these tests skip, saying why (under CI=true they fail instead: see gate.ts).
import { ACK, FIN, RST, SYN, Segment } from '../../models/segment';
import { ConcreteInput } from '../../models/input';
import { findAdapter } from '../registry';
import { ProcessAdapter } from '../process/adapter';
import { checkProtocol } from '../process/protocol-check';
import { SLIRP_SHIM } from './adapter';
import { describeSlirp } from './gate';

const seg = (ctl: number, seq: number, ack = 0, extra: Partial<Segment> = {}): ConcreteInput => ({
  kind: 'segment',
  segment: { seq, ack, ctl, wnd: 8192, data: '', ...extra },
});
const FLAGS = SYN | ACK | RST | FIN;

describeSlirp('the libslirp shim', () => {
  test('the shim passes the protocol check', async () => {
    const { hello, problems } = await checkProtocol(JSON.stringify(SLIRP_SHIM));
    expect(problems).toEqual([]);
    expect(hello?.iut).toMatch(/^libslirp \d+\.\d+/);
  });

  describe('libslirp through the registry entry', () => {
    let slirp: ProcessAdapter;
    beforeEach(async () => {
      slirp = (await findAdapter('slirp')!.create({ profile: 'rfc9293' })) as unknown as ProcessAdapter;
    });
    afterEach(async () => slirp && (await slirp.dispose()));

    test('passive open: SYN gets SYN,ACK of SEG.SEQ+1, the ACK gives ESTABLISHED (RFC 9293 §3.5)', async () => {
      await slirp.reset({ profile: 'rfc9293', seed: 1 });
      expect((await slirp.apply({ kind: 'call', call: 'open', mode: 'passive' })).state).toBe('Listen');
      const synAck = await slirp.apply(seg(SYN, 1000, 0, { mss: 1460 }));
      expect(synAck.state).toBe('SynReceived');
      expect(synAck.segments.map((s) => [s.ctl & FLAGS, s.ack])).toEqual([[SYN | ACK, 1001]]);
      const iss = synAck.segments[0].seq;
      const ack = await slirp.apply(seg(ACK, 1001, iss + 1));
      expect(ack.state).toBe('Established');
      expect(ack.segments).toEqual([]);
    });

    // Both departures come from the 4.4BSD-Lite reset path, tcp_input()'s `dropwithreset` (NOTES.md, 1 and 2).
    test('on a closed port slirp answers a RST with a RST, and its reset to a FIN does not count the FIN', async () => {
      await slirp.reset({ profile: 'rfc9293', seed: 1 });
      // RFC 9293 §3.10.7.1: an incoming RST is discarded.
      const rst = await slirp.apply(seg(RST, 5000));
      expect(rst.segments.map((s) => [s.ctl & FLAGS, s.seq, s.ack])).toEqual([[RST | ACK, 0, 5000]]);
      // RFC 9293 §3.10.7.1: no ACK, so <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, and a FIN occupies one number.
      const fin = await slirp.apply(seg(FIN, 7000));
      expect(fin.segments.map((s) => [s.ctl & FLAGS, s.seq, s.ack])).toEqual([[RST | ACK, 0, 7000]]);
      expect(fin.state).toBe('Closed');
    });
  });
});
