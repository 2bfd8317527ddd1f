// The gVisor shim: it builds against Debian's golang-gvisor-gvisor-dev, passes the protocol check, carries a
// handshake through gVisor's netstack, and a panic inside the stack reaches the harness as the IUT crashing
// (the child dies, its stack trace in the message), never as a protocol error. Without Go and the package
// these tests skip, saying what to install (under CI=true they fail instead: see gate.ts).
import { ACK, FIN, RST, SYN, Segment } from '../../models/segment';
import { ConcreteInput } from '../../models/input';
import { AdapterFailure } from '../types';
import { findAdapter } from '../registry';
import { ProcessAdapter } from '../process/adapter';
import { checkProtocol } from '../process/protocol-check';
import { GVISOR_SHIM } from './adapter';
import { describeGvisor } from './gate';

const seg = (ctl: number, seq: number, ack = 0, extra: Partial<Segment> = {}): ConcreteInput => ({
  kind: 'segment',
  segment: { seq, ack, ctl, wnd: 8192, data: '', ...extra },
});
const FLAGS = SYN | ACK | RST | FIN;

describeGvisor('the gVisor shim', () => {
  test('the shim passes the protocol check', async () => {
    const { hello, problems } = await checkProtocol(JSON.stringify(GVISOR_SHIM));
    expect(problems).toEqual([]);
    expect(hello?.iut).toMatch(/^gVisor netstack/);
  });

  describe('gVisor through the registry entry', () => {
    let gvisor: ProcessAdapter;
    beforeEach(async () => {
      gvisor = (await findAdapter('gvisor')!.create({ profile: 'rfc9293' })) as unknown as ProcessAdapter;
    });
    afterEach(async () => gvisor && (await gvisor.dispose()));

    test('passive open: SYN answered by SYN,ACK acknowledging SEG.SEQ+1, the ACK makes it ESTABLISHED (RFC 9293 §3.5)', async () => {
      await gvisor.reset({ profile: 'rfc9293', seed: 2 });
      expect((await gvisor.apply({ kind: 'call', call: 'open', mode: 'passive' })).state).toBe('Listen');
      const synAck = await gvisor.apply(seg(SYN, 1000, 0, { mss: 1460 }));
      expect(synAck.state).toBe('SynReceived');
      expect(synAck.segments.map((s) => [s.ctl & FLAGS, s.ack])).toEqual([[SYN | ACK, 1001]]);
      const iss = synAck.segments[0].seq;
      const ack = await gvisor.apply(seg(ACK, 1001, iss + 1));
      expect(ack.state).toBe('Established');
      expect(ack.segments).toEqual([]);
    });

    test('the same run seed gives the same ISS: the stack draws its randomness from the seed', async () => {
      const iss = async (seed: number) => {
        await gvisor.reset({ profile: 'rfc9293', seed });
        return (await gvisor.apply({ kind: 'call', call: 'open', mode: 'active' })).segments[0].seq;
      };
      const a = await iss(11);
      const b = await iss(12);
      expect(await iss(11)).toBe(a);
      expect(b).not.toBe(a);
    });

    test('ABORT in SYN-RECEIVED after a simultaneous open: gVisor panics, reported as the child crashing with its trace', async () => {
      await gvisor.reset({ profile: 'rfc9293', seed: 1 });
      const syn = await gvisor.apply({ kind: 'call', call: 'open', mode: 'active' });
      expect(syn.state).toBe('SynSent');
      // The peer's SYN crosses ours (RFC 9293 §3.5, Figure 8): SYN-RECEIVED, our SYN sent again with an ACK.
      const crossed = await gvisor.apply(seg(SYN, 5000));
      expect(crossed.state).toBe('SynReceived');
      const abort = gvisor.apply({ kind: 'call', call: 'abort' });
      await expect(abort).rejects.toBeInstanceOf(AdapterFailure);
      const message = ((await abort.catch((e: unknown) => e)) as Error).message;
      expect(message).toMatch(
        /the child exited with code 2 \(while waiting for the reply to request \d+ \(call abort\)\)/,
      );
      expect(message).toMatch(/gVisor panicked handling request \d+ \(call abort\)/);
      expect(message).toMatch(/resetConnectionLocked \(pkg\/tcpip\/transport\/tcp\/connect\.go:\d+\)/);
      expect(message).not.toMatch(/answered with an error/);
    });
  });
});
