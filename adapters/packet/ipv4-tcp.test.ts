import fc from 'fast-check';
import { ACK, FIN, PSH, RST, SYN, Segment } from '../../models/segment';
import {
  Endpoint,
  PacketError,
  PacketFault,
  TcpPacket,
  decodePacket,
  encodePacket,
  fromHex,
  internetChecksum,
  isNotTcp,
  toHex,
} from './ipv4-tcp';

// PROTOCOL.md's addresses (192.0.2.1/2, RFC 5737) and the Linux adapter's (10.0.0.x).
const tester: Endpoint = { addr: '192.0.2.1', port: 40001 };
const iut: Endpoint = { addr: '192.0.2.2', port: 5001 };
const linuxTester: Endpoint = { addr: '10.0.0.2', port: 40000 };
const linuxIut: Endpoint = { addr: '10.0.0.1', port: 80 };

const segmentArb: fc.Arbitrary<Segment> = fc
  .record({
    seq: fc.nat({ max: 0xffffffff }),
    ack: fc.nat({ max: 0xffffffff }),
    ctl: fc.subarray([FIN, SYN, RST, PSH, ACK]).map((bits) => bits.reduce((a, b) => a | b, 0)),
    wnd: fc.nat({ max: 0xffff }),
    data: fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
    mss: fc.option(fc.nat({ max: 0xffff }), { nil: undefined }),
    wscale: fc.option(fc.nat({ max: 0xff }), { nil: undefined }),
  })
  .map((r) => {
    const s: Segment = { seq: r.seq, ack: r.ack, ctl: r.ctl, wnd: r.wnd, data: r.data };
    if (r.mss !== undefined) s.mss = r.mss;
    if (r.wscale !== undefined) s.wscale = r.wscale;
    return s;
  });

const endpointArb: fc.Arbitrary<Endpoint> = fc.record({
  addr: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.')),
  port: fc.nat({ max: 0xffff }),
});

/** The fault of the PacketError that `run` throws, or 'none'. */
function faultIn(run: () => unknown): PacketFault | 'none' {
  try {
    run();
    return 'none';
  } catch (e) {
    if (e instanceof PacketError) return e.fault;
    throw e;
  }
}

const faultOf = (bytes: Uint8Array) => faultIn(() => decodePacket(bytes));

/**
 * After a test edited a packet: both checksums made right again, with a 20-byte IPv4 header. The pseudo-header
 * is spelt out here (RFC 9293 §3.1: source, destination, zero, protocol 6, TCP length), not taken from the codec.
 */
function reseal(b: Buffer): Buffer {
  b.writeUInt16BE(0, 10);
  b.writeUInt16BE(internetChecksum(b.subarray(0, 20)), 10);
  b.writeUInt16BE(0, 36);
  const pseudo = Buffer.concat([b.subarray(12, 20), Buffer.from([0, 6, (b.length - 20) >> 8, (b.length - 20) & 0xff])]);
  b.writeUInt16BE(internetChecksum(Buffer.concat([pseudo, b.subarray(20)])), 36);
  return b;
}

describe('internetChecksum (RFC 1071)', () => {
  test('RFC 1071 example: the sum of 0001 f203 f4f5 f6f7 is ddf2, its checksum 220d', () => {
    const b = Uint8Array.from([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
    expect(internetChecksum(b)).toBe(0x220d);
  });

  test('the textbook IPv4 header example sums to 0xb861', () => {
    const header = fromHex('450000730000400040110000c0a80001c0a800c7');
    expect(internetChecksum(header)).toBe(0xb861);
  });

  test('an odd length pads the last byte with zero', () => {
    expect(internetChecksum(Uint8Array.from([0x12, 0x34, 0x56]))).toBe(~(0x1234 + 0x5600) & 0xffff);
    expect(internetChecksum(Uint8Array.from([0x01]))).toBe(internetChecksum(Uint8Array.from([0x01, 0x00])));
  });
});

describe('encodePacket', () => {
  test('a SYN with MSS from the tester: every header field where RFC 791 and RFC 9293 put it', () => {
    const p = encodePacket({
      src: tester,
      dst: iut,
      segment: { seq: 100, ack: 0, ctl: SYN, wnd: 8192, data: '', mss: 1460 },
    });
    expect(p.length).toBe(20 + 24);
    // Header checksum by hand: 4500+002c+0000+4000+4006+c000+0201+c000+0202 = 0x24935, folded 0x4937, complement b6c8.
    expect(toHex(p.subarray(0, 20))).toBe(
      '450000' + '2c' + '0000' + '4000' + '40' + '06' + 'b6c8' + 'c0000201' + 'c0000202',
    );
    expect(internetChecksum(p.subarray(0, 20))).toBe(0);
    expect(p.readUInt16BE(20)).toBe(tester.port);
    expect(p.readUInt16BE(22)).toBe(iut.port);
    expect(p.readUInt32BE(24)).toBe(100);
    expect(p[32] >> 4).toBe(6); // data offset: 24 bytes
    expect(p[33]).toBe(SYN);
    expect(p.readUInt16BE(34)).toBe(8192);
    expect(toHex(p.subarray(40, 44))).toBe('020405b4');
  });

  test('the IPv4 header checksum verifies to zero, and the identification field is the one asked for', () => {
    const b = encodePacket(
      { src: linuxTester, dst: linuxIut, segment: { seq: 1, ack: 0, ctl: SYN, wnd: 100, data: '' } },
      7,
    );
    expect(internetChecksum(b.subarray(0, 20))).toBe(0);
    expect(b.readUInt16BE(4)).toBe(7);
  });

  test('checksum agrees with an independent word-by-word computation over the pseudo-header', () => {
    fc.assert(
      fc.property(segmentArb, (seg) => {
        const p = encodePacket({ src: tester, dst: iut, segment: seg });
        const tcp = p.subarray(20);
        const words: number[] = [0xc000, 0x0201, 0xc000, 0x0202, 6, tcp.length];
        for (let i = 0; i < tcp.length; i += 2) words.push((tcp[i] << 8) | (i + 1 < tcp.length ? tcp[i + 1] : 0));
        let sum = words.reduce((a, b) => a + b, 0);
        while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
        expect(sum).toBe(0xffff); // a correct checksum makes the whole sum all ones
      }),
    );
  });

  test('refuses what no IPv4 packet can carry: a bad address, a bad port, more than 65535 bytes', () => {
    const segment: Segment = { seq: 0, ack: 0, ctl: SYN, wnd: 0, data: '' };
    const faultOfEncoding = (p: TcpPacket) => faultIn(() => encodePacket(p));
    expect(faultOfEncoding({ src: { addr: '10.0.0.256', port: 1 }, dst: iut, segment })).toBe('bad-address');
    expect(faultOfEncoding({ src: { addr: '10.0.0', port: 1 }, dst: iut, segment })).toBe('bad-address');
    expect(faultOfEncoding({ src: tester, dst: { addr: iut.addr, port: 65536 }, segment })).toBe('bad-address');
    // 20 + 20 + 65496 = 65536 bytes: one too many for the 16-bit total length.
    expect(faultOfEncoding({ src: tester, dst: iut, segment: { ...segment, data: 'x'.repeat(65496) } })).toBe(
      'too-large',
    );
    expect(faultOfEncoding({ src: tester, dst: iut, segment: { ...segment, data: 'x'.repeat(65495) } })).toBe('none');
  });

  test('only the control bits a Segment has are written: URG (0x20) never is', () => {
    const p = encodePacket({ src: tester, dst: iut, segment: { seq: 0, ack: 0, ctl: 0x20 | ACK, wnd: 0, data: '' } });
    expect(p[33]).toBe(ACK);
  });
});

describe('decodePacket', () => {
  test('a known SYN,ACK captured from Linux 6.18 decodes with valid checksums', () => {
    // <SEQ=3518378264><ACK=1001><CTL=SYN,ACK> from 10.0.0.1:10500 to 10.0.0.2:10500, window 64240, MSS 1460.
    // Its IPv4 checksum by hand: 4500+002c+0000+4000+4006+0a00+0001+0a00+0002 = d935, complement 26ca.
    const hex = '4500002c00004000400626ca0a0000010a00000229042904d1b63118000003e96012faf030630000020405b4';
    const p = decodePacket(fromHex(hex));
    expect(p).toEqual({
      src: { addr: '10.0.0.1', port: 10500 },
      dst: { addr: '10.0.0.2', port: 10500 },
      segment: { seq: 3518378264, ack: 1001, ctl: SYN | ACK, wnd: 64240, data: '', mss: 1460 },
    });
    // Encoding it again gives the same bytes (the kernel's IP id was 0, DF set, TTL 64).
    expect(toHex(encodePacket(p, 0))).toBe(hex);
  });

  test('round trip: decode(encode(p)) gives back the segment and the endpoints, with valid checksums', () => {
    fc.assert(
      fc.property(endpointArb, endpointArb, segmentArb, fc.nat({ max: 0xffff }), (src, dst, segment, id) => {
        const b = encodePacket({ src, dst, segment }, id);
        expect(internetChecksum(b.subarray(0, 20))).toBe(0);
        expect(decodePacket(b)).toEqual({ src, dst, segment });
      }),
      { numRuns: 500 },
    );
  });

  test.each([
    [
      'as Linux sends them: MSS, SACK-permitted, timestamps, NOP, window scale',
      '020405b40402080a000000010000000001030307',
    ],
    ['MSS, NOP, window scale, SACK-permitted, timestamps', '020405b4' + '01030307' + '0402' + '080a0000000100000000'],
  ])('options %s: the MSS and the window scale are read, the rest skipped', (_, options) => {
    const p = encodePacket({
      src: linuxIut,
      dst: linuxTester,
      segment: { seq: 5, ack: 0, ctl: SYN, wnd: 64240, data: '' },
    });
    // Re-assembled with a 20-byte option block: total length 60, data offset 10 words.
    const b = Buffer.concat([p.subarray(0, 40), fromHex(options)]);
    b.writeUInt16BE(b.length, 2);
    b[32] = (40 / 4) << 4;
    expect(decodePacket(reseal(b)).segment).toEqual({
      seq: 5,
      ack: 0,
      ctl: SYN,
      wnd: 64240,
      data: '',
      mss: 1460,
      wscale: 7,
    });
  });

  test('a window-scale option is written as RFC 7323 §2.2 draws it: NOP, kind 3, length 3, shift', () => {
    const b = encodePacket({
      src: tester,
      dst: iut,
      segment: { seq: 1, ack: 0, ctl: SYN, wnd: 1, data: '', mss: 536, wscale: 9 },
    });
    expect(b[32] >> 4).toBe(7); // 20 bytes of header, 4 of MSS, 4 of NOP and window scale
    expect(toHex(b.subarray(40, 48))).toBe('0204021801030309');
  });

  test('a window-scale option not of length 3 is refused', () => {
    const b = Buffer.from(
      encodePacket({ src: tester, dst: iut, segment: { seq: 1, ack: 0, ctl: SYN, wnd: 1, data: '', wscale: 2 } }),
    );
    b[42] = 4; // the option claims 4 bytes: one more than a shift needs, and past the option area
    expect(faultOf(reseal(b))).toBe('bad-option');
    b[42] = 2; // and a length of 2 leaves no room for the shift
    expect(faultOf(reseal(b))).toBe('bad-option');
  });

  test('an option running past the header, or of length under 2, or an MSS option not of length 4, is refused', () => {
    const withMss = () =>
      Buffer.from(
        encodePacket({ src: tester, dst: iut, segment: { seq: 1, ack: 0, ctl: SYN, wnd: 1, data: '', mss: 536 } }),
      );
    const b = withMss();
    b[41] = 9; // MSS length claims 9 bytes; the option area holds 4
    expect(faultOf(reseal(b))).toBe('bad-option');
    const zero = withMss();
    zero[40] = 8; // kind 8 (timestamps) with length 0 would never advance
    zero[41] = 0;
    expect(faultOf(reseal(zero))).toBe('bad-option');
    const short = withMss();
    short[41] = 3; // an MSS is kind, length and two bytes of value (RFC 9293 §3.2)
    short[43] = 1; // NOP, so the option list still adds up
    expect(faultOf(reseal(short))).toBe('bad-option');
  });

  test.each([
    ['IPv6 (ICMPv6)', '6000000000083aff', 'not-ipv4'],
    ['IPv6, no payload', '6000000000003a40', 'not-ipv4'],
  ])('%s is not ours', (_, hex, fault) => {
    expect(faultOf(fromHex(hex))).toBe(fault);
  });

  test.each([
    ['UDP', 17],
    ['ICMP', 1],
  ])('IPv4 carrying %s is not ours', (_, protocol) => {
    const b = Buffer.from(
      encodePacket({ src: tester, dst: iut, segment: { seq: 0, ack: 0, ctl: RST, wnd: 0, data: '' } }),
    );
    b[9] = protocol;
    reseal(b);
    expect(faultOf(b)).toBe('not-tcp');
    let thrown: unknown;
    try {
      decodePacket(b);
    } catch (e) {
      thrown = e;
    }
    expect(isNotTcp(thrown)).toBe(true);
  });

  test('a corrupted byte is reported as a bad checksum', () => {
    const b = encodePacket({
      src: linuxTester,
      dst: linuxIut,
      segment: { seq: 1, ack: 2, ctl: ACK, wnd: 100, data: 'abc' },
    });
    b[b.length - 1] ^= 0x40;
    expect(faultOf(b)).toBe('bad-checksum');
    expect(isNotTcp(new PacketError('bad-checksum', 'bad TCP checksum'))).toBe(false); // an IUT's fault, not skipped
    const header = encodePacket({
      src: linuxTester,
      dst: linuxIut,
      segment: { seq: 1, ack: 2, ctl: ACK, wnd: 100, data: 'abc' },
    });
    header[8] = 1; // TTL: only the IPv4 header checksum covers it
    expect(() => decodePacket(header)).toThrow('bad IPv4 header checksum');
  });

  test('a corrupted byte anywhere in the packet is refused (checksum or a header check), never silently accepted', () => {
    const seg: Segment = { seq: 7, ack: 9, ctl: ACK | PSH, wnd: 500, data: 'hello', mss: 536 };
    const good = encodePacket({ src: tester, dst: iut, segment: seg });
    fc.assert(
      fc.property(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bad = Buffer.from(good);
        bad[at] ^= flip;
        // Even a byte that makes it "not IPv4 TCP" is a PacketError, one that callers skip: never a misread.
        expect(() => decodePacket(bad)).toThrow(PacketError);
      }),
    );
  });

  test('fuzz: arbitrary bytes give a packet or a PacketError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          decodePacket(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(PacketError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('fragments, truncated packets and wrong lengths are refused with a message naming the problem', () => {
    const p = Buffer.from(
      encodePacket({ src: tester, dst: iut, segment: { seq: 0, ack: 0, ctl: SYN, wnd: 0, data: 'xy' } }),
    );
    const moreFragments = Buffer.from(p);
    moreFragments.writeUInt16BE(0x2000, 6); // MF
    expect(() => decodePacket(reseal(moreFragments))).toThrow(/fragmented/);
    expect(faultOf(moreFragments)).toBe('fragment');
    const offset = Buffer.from(p);
    offset.writeUInt16BE(0x0001, 6); // fragment offset 8 bytes, DF clear
    expect(faultOf(reseal(offset))).toBe('fragment');
    // Cut short: the total length (42) promises more than there is.
    expect(faultOf(p.subarray(0, p.length - 1))).toBe('truncated');
    expect(() => decodePacket(p.subarray(0, 30))).toThrow(/total length/);
    expect(() => decodePacket(p.subarray(0, 10))).toThrow(/shorter than its 20-byte header/);
    expect(faultOf(new Uint8Array(0))).toBe('truncated');
    // A byte past the total length belongs to no field.
    expect(faultOf(Buffer.concat([p, Buffer.from([0])]))).toBe('bad-length');
    const ihl = Buffer.from(p);
    ihl[0] = 0x44; // IHL 4 words: shorter than the 5 of a header without options
    expect(faultOf(ihl)).toBe('bad-length');
    const dataOffset = Buffer.from(p);
    dataOffset[32] = 4 << 4; // 16 bytes: shorter than a TCP header
    expect(faultOf(reseal(dataOffset))).toBe('bad-length');
  });

  test('reads FIN, SYN, RST, PSH and ACK; URG, ECE and CWR are not part of a Segment', () => {
    const b = Buffer.from(
      encodePacket({ src: tester, dst: iut, segment: { seq: 0, ack: 0, ctl: ACK, wnd: 0, data: '' } }),
    );
    b[33] = 0xff;
    expect(decodePacket(reseal(b)).segment.ctl).toBe(FIN | SYN | RST | PSH | ACK);
  });
});

describe('hex', () => {
  test('fromHex refuses odd lengths and non-hex digits', () => {
    expect(() => fromHex('abc')).toThrow(PacketError);
    expect(() => fromHex('zz')).toThrow(PacketError);
    expect(fromHex('00ff').equals(Buffer.from([0, 255]))).toBe(true);
  });
});
