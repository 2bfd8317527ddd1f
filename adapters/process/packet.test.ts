import fc from 'fast-check';
import { ACK, FIN, PSH, RST, SYN, Segment } from '../../models/segment';
import { IUT, PacketError, TESTER, buildPacket, checksum, fromHex, parsePacket, toHex } from './packet';

const segmentArb: fc.Arbitrary<Segment> = fc
  .record({
    seq: fc.nat({ max: 0xffffffff }),
    ack: fc.nat({ max: 0xffffffff }),
    ctl: fc.subarray([FIN, SYN, RST, PSH, ACK]).map((bits) => bits.reduce((a, b) => a | b, 0)),
    wnd: fc.nat({ max: 0xffff }),
    data: fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
    mss: fc.option(fc.nat({ max: 0xffff }), { nil: undefined }),
  })
  .map((r) => {
    const s: Segment = { seq: r.seq, ack: r.ack, ctl: r.ctl, wnd: r.wnd, data: r.data };
    if (r.mss !== undefined) s.mss = r.mss;
    return s;
  });

describe('checksum', () => {
  test('the textbook IPv4 header example sums to 0xb861', () => {
    const header = fromHex('450000730000400040110000c0a80001c0a800c7');
    expect(checksum(header)).toBe(0xb861);
  });

  test('an odd-length buffer is padded with a zero byte', () => {
    expect(checksum(Uint8Array.from([0x01]))).toBe(checksum(Uint8Array.from([0x01, 0x00])));
  });
});

describe('buildPacket', () => {
  test('a SYN with MSS from the tester: every header field where RFC 791 and RFC 9293 put it', () => {
    const p = buildPacket({ seq: 100, ack: 0, ctl: SYN, wnd: 8192, data: '', mss: 1460 });
    expect(p.length).toBe(20 + 24);
    expect(toHex(p.subarray(0, 20))).toBe('450000' + '2c' + '0000' + '4000' + '40' + '06' + p.subarray(10, 12).toString('hex') + 'c0000201' + 'c0000202');
    expect(checksum(p.subarray(0, 20))).toBe(0);
    expect(p.readUInt16BE(20)).toBe(TESTER.port);
    expect(p.readUInt16BE(22)).toBe(IUT.port);
    expect(p.readUInt32BE(24)).toBe(100);
    expect(p[32] >> 4).toBe(6); // data offset: 24 bytes
    expect(p[33]).toBe(SYN);
    expect(p.readUInt16BE(34)).toBe(8192);
    expect(toHex(p.subarray(40, 44))).toBe('020405b4');
  });

  test('checksum agrees with an independent word-by-word computation over the pseudo-header', () => {
    fc.assert(
      fc.property(segmentArb, (seg) => {
        const p = buildPacket(seg);
        const tcp = p.subarray(20);
        const words: number[] = [0xc000, 0x0201, 0xc000, 0x0202, 6, tcp.length];
        for (let i = 0; i < tcp.length; i += 2) words.push((tcp[i] << 8) | (i + 1 < tcp.length ? tcp[i + 1] : 0));
        let sum = words.reduce((a, b) => a + b, 0);
        while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
        expect(sum).toBe(0xffff); // a correct checksum makes the whole sum all ones
      }),
    );
  });
});

describe('parsePacket', () => {
  test('round trip: parse(build(seg)) gives back seg and the addresses', () => {
    fc.assert(
      fc.property(segmentArb, (seg) => {
        const parsed = parsePacket(buildPacket(seg, IUT, TESTER));
        expect(parsed).toEqual({ src: IUT, dst: TESTER, segment: seg });
      }),
    );
  });

  test('skips NOP, window scale, SACK-permitted and timestamps, still finds the MSS', () => {
    const p = buildPacket({ seq: 1, ack: 0, ctl: SYN, wnd: 100, data: '' });
    // Rebuild with a 20-byte option block: MSS, NOP, WS, SACK-permitted, timestamps.
    const opts = fromHex('020405b4' + '01030307' + '0402' + '080a0000000100000000');
    const b = Buffer.concat([p.subarray(0, 40), opts]);
    b.writeUInt16BE(b.length, 2);
    b.writeUInt16BE(0, 10);
    b.writeUInt16BE(checksum(b.subarray(0, 20)), 10);
    b[32] = (40 / 4) << 4;
    b.writeUInt16BE(0, 36);
    const pseudo = Buffer.concat([b.subarray(12, 20), Buffer.from([0, 6, 0, b.length - 20])]);
    b.writeUInt16BE(checksum(Buffer.concat([pseudo, b.subarray(20)])), 36);
    expect(parsePacket(b)?.segment).toEqual({ seq: 1, ack: 0, ctl: SYN, wnd: 100, data: '', mss: 1460 });
  });

  test('ignores IPv6 and non-TCP IPv4 packets', () => {
    expect(parsePacket(fromHex('6000000000003a40'))).toBeUndefined();
    const icmp = Buffer.from(buildPacket({ seq: 0, ack: 0, ctl: RST, wnd: 0, data: '' }));
    icmp[9] = 1;
    icmp.writeUInt16BE(0, 10);
    icmp.writeUInt16BE(checksum(icmp.subarray(0, 20)), 10);
    expect(parsePacket(icmp)).toBeUndefined();
  });

  test('a corrupted byte anywhere in the packet is refused (checksum or a header check), never silently accepted', () => {
    const seg: Segment = { seq: 7, ack: 9, ctl: ACK | PSH, wnd: 500, data: 'hello', mss: 536 };
    const good = buildPacket(seg);
    fc.assert(
      fc.property(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
        const bad = Buffer.from(good);
        bad[at] ^= flip;
        let outcome: unknown;
        try {
          outcome = parsePacket(bad);
        } catch (e) {
          expect(e).toBeInstanceOf(PacketError);
          return;
        }
        // Only a byte that makes it "not IPv4 TCP" may pass, and then it is ignored, not misread.
        expect(outcome).toBeUndefined();
      }),
    );
  });

  test('fuzz: arbitrary bytes give a packet, undefined or a PacketError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          parsePacket(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(PacketError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  test('fragments and truncated headers are refused with a message naming the problem', () => {
    const p = Buffer.from(buildPacket({ seq: 0, ack: 0, ctl: SYN, wnd: 0, data: '' }));
    const frag = Buffer.from(p);
    frag.writeUInt16BE(0x2000, 6);
    frag.writeUInt16BE(0, 10);
    frag.writeUInt16BE(checksum(frag.subarray(0, 20)), 10);
    expect(() => parsePacket(frag)).toThrow(/fragmented/);
    expect(() => parsePacket(p.subarray(0, 30))).toThrow(/total length/);
    expect(() => parsePacket(p.subarray(0, 10))).toThrow(/shorter than its 20-byte header/);
  });

  test('fromHex refuses odd lengths and non-hex digits', () => {
    expect(() => fromHex('abc')).toThrow(PacketError);
    expect(() => fromHex('zz')).toThrow(PacketError);
    expect(fromHex('00ff').equals(Buffer.from([0, 255]))).toBe(true);
  });
});
