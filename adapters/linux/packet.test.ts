import fc from 'fast-check';
import { ACK, FIN, PSH, RST, SYN, Segment } from '../../models/segment';
import { TcpPacket, buildPacket, internetChecksum, parsePacket } from './packet';

const tester = { addr: '10.0.0.2', port: 40000 };
const iut = { addr: '10.0.0.1', port: 80 };

describe('packet: checksums', () => {
  test('RFC 1071 example: the sum of 0001 f203 f4f5 f6f7 is ddf2, its checksum 220d', () => {
    const b = Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    expect(internetChecksum(b, 0, b.length)).toBe(0x220d);
  });

  test('an odd length pads the last byte with zero', () => {
    expect(internetChecksum(Uint8Array.from([0x12, 0x34, 0x56]), 0, 3)).toBe(~(0x1234 + 0x5600) & 0xffff);
  });

  test('a known SYN,ACK captured from Linux 6.18 parses with valid checksums', () => {
    // <SEQ=3518378264><ACK=1001><CTL=SYN,ACK> from 10.0.0.1:10500 to 10.0.0.2:10500, window 64240, MSS 1460.
    const hex = '4500002c00004000400626ca0a0000010a00000229042904d1b63118000003e96012faf030630000020405b4';
    const p = parsePacket(Buffer.from(hex, 'hex'));
    expect(p).toEqual({
      src: { addr: '10.0.0.1', port: 10500 },
      dst: { addr: '10.0.0.2', port: 10500 },
      segment: { seq: 3518378264, ack: 1001, ctl: SYN | ACK, wnd: 64240, data: '', mss: 1460 },
    });
    // Rebuilding it gives the same bytes (the kernel's IP id was 0, DF set, TTL 64).
    expect(buildPacket(p as TcpPacket, 0).toString('hex')).toBe(hex);
  });

  test('the IPv4 header checksum verifies to zero', () => {
    const b = buildPacket({ src: tester, dst: iut, segment: { seq: 1, ack: 0, ctl: SYN, wnd: 100, data: '' } }, 7);
    expect(internetChecksum(b, 0, 20)).toBe(0);
  });

  test('a corrupted byte is reported as a bad checksum', () => {
    const b = buildPacket({ src: tester, dst: iut, segment: { seq: 1, ack: 2, ctl: ACK, wnd: 100, data: 'abc' } });
    b[b.length - 1] ^= 0x40;
    expect(parsePacket(b)).toBe('bad checksum');
  });
});

describe('packet: what is not a TCP segment is skipped, not thrown', () => {
  test('IPv6', () => expect(parsePacket(Buffer.from('6000000000083aff', 'hex'))).toBe('not ipv4'));
  test('UDP', () => {
    const b = buildPacket({ src: tester, dst: iut, segment: { seq: 1, ack: 0, ctl: SYN, wnd: 1, data: '' } });
    b[9] = 17;
    expect(parsePacket(b)).toBe('not tcp');
  });
  test('truncated', () => {
    const b = buildPacket({ src: tester, dst: iut, segment: { seq: 1, ack: 0, ctl: SYN, wnd: 1, data: 'xy' } });
    expect(parsePacket(b.subarray(0, b.length - 1))).toBe('truncated');
  });
  test('a fragment', () => {
    const b = buildPacket({ src: tester, dst: iut, segment: { seq: 1, ack: 0, ctl: SYN, wnd: 1, data: '' } });
    b.writeUInt16BE(0x2000, 6); // more fragments
    expect(parsePacket(b)).toBe('fragment');
  });
});

describe('packet: options', () => {
  test('Linux SYN options (MSS, SACK-permitted, timestamps, NOP, window scale): MSS kept, the rest skipped', () => {
    const base = buildPacket({ src: iut, dst: tester, segment: { seq: 5, ack: 0, ctl: SYN, wnd: 64240, data: '' } });
    // Re-assemble with 20 bytes of options as Linux sends them.
    const opts = Buffer.from('020405b40402080a000000010000000001030307', 'hex');
    const b = Buffer.concat([base.subarray(0, 40), opts]);
    b.writeUInt16BE(b.length, 2);
    b[32] = (40 / 4) << 4;
    b.writeUInt16BE(0, 10);
    b.writeUInt16BE(internetChecksum(b, 0, 20), 10);
    b.writeUInt16BE(0, 36);
    let pseudo = 0;
    for (let i = 12; i < 20; i += 2) pseudo += b.readUInt16BE(i);
    b.writeUInt16BE(internetChecksum(b, 20, b.length, pseudo + 6 + b.length - 20), 36);
    const p = parsePacket(b);
    expect(typeof p).toBe('object');
    expect((p as TcpPacket).segment).toEqual({ seq: 5, ack: 0, ctl: SYN, wnd: 64240, data: '', mss: 1460 });
  });

  test('an option running past the header is truncated', () => {
    const b = buildPacket({ src: tester, dst: iut, segment: { seq: 1, ack: 0, ctl: SYN, wnd: 1, data: '', mss: 536 } });
    b[41] = 9; // MSS length claims 9 bytes
    b.writeUInt16BE(0, 36);
    let pseudo = 0;
    for (let i = 12; i < 20; i += 2) pseudo += b.readUInt16BE(i);
    b.writeUInt16BE(internetChecksum(b, 20, b.length, pseudo + 6 + b.length - 20), 36);
    expect(parsePacket(b)).toBe('truncated');
  });
});

describe('packet: build then parse is the identity (property)', () => {
  const segment: fc.Arbitrary<Segment> = fc
    .record({
      seq: fc.nat({ max: 0xffffffff }),
      ack: fc.nat({ max: 0xffffffff }),
      ctl: fc.constantFrom(SYN, SYN | ACK, ACK, ACK | PSH, FIN | ACK, RST, RST | ACK, FIN, 0),
      wnd: fc.nat({ max: 0xffff }),
      data: fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((n) => String.fromCharCode(n)), maxLength: 40 }),
      mss: fc.option(fc.nat({ max: 0xffff }), { nil: undefined }),
    })
    .map((s) => {
      const out: Segment = { seq: s.seq, ack: s.ack, ctl: s.ctl, wnd: s.wnd, data: s.data };
      if (s.mss !== undefined) out.mss = s.mss;
      return out;
    });
  const endpoint = fc.record({
    addr: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.')),
    port: fc.nat({ max: 0xffff }),
  });

  test('round trip with valid checksums', () => {
    fc.assert(
      fc.property(endpoint, endpoint, segment, fc.nat({ max: 0xffff }), (src, dst, s, id) => {
        const b = buildPacket({ src, dst, segment: s }, id);
        expect(internetChecksum(b, 0, 20)).toBe(0);
        expect(parsePacket(b)).toEqual({ src, dst, segment: s });
      }),
      { numRuns: 500 },
    );
  });
});
