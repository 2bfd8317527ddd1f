// Raw IPv4 + TCP packets for the TUN device: build the tester's segments, parse the kernel's.
// Pure code (no I/O), so it is unit-tested on its own. Only what connection management needs: no IP options,
// no fragmentation, TCP options limited to MSS on output (other options the kernel sends are skipped on input).
import { Segment } from '../../models/segment';

export const IPPROTO_TCP = 6;
const IP_HEADER = 20;
const TCP_HEADER = 20;

/** One end of a connection: IPv4 address as dotted quad, and port. */
export interface Endpoint {
  addr: string;
  port: number;
}

export interface TcpPacket {
  src: Endpoint;
  dst: Endpoint;
  segment: Segment;
}

export function addrToBytes(addr: string): number[] {
  const parts = addr.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: "${addr}"`);
  }
  return parts;
}

/** The Internet checksum (RFC 1071) over buf[start, end), added to an initial partial sum. */
export function internetChecksum(buf: Uint8Array, start: number, end: number, initial = 0): number {
  let sum = initial;
  let i = start;
  for (; i + 1 < end; i += 2) sum += (buf[i] << 8) | buf[i + 1];
  if (i < end) sum += buf[i] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Sum of the TCP pseudo-header (RFC 9293 §3.1): source, destination, zero, protocol, TCP length. */
function pseudoHeaderSum(buf: Uint8Array, tcpLength: number): number {
  let sum = 0;
  for (let i = 12; i < 20; i += 2) sum += (buf[i] << 8) | buf[i + 1];
  return sum + IPPROTO_TCP + tcpLength;
}

/** Serialize a segment into an IPv4 packet with correct IP and TCP checksums. */
export function buildPacket(p: TcpPacket, ipId = 0): Buffer {
  const s = p.segment;
  const optLen = s.mss !== undefined ? 4 : 0;
  const data = Buffer.from(s.data, 'latin1');
  const tcpLen = TCP_HEADER + optLen + data.length;
  const total = IP_HEADER + tcpLen;
  const b = Buffer.alloc(total);
  // IPv4 header.
  b[0] = 0x45; // version 4, IHL 5
  b.writeUInt16BE(total, 2);
  b.writeUInt16BE(ipId & 0xffff, 4);
  b.writeUInt16BE(0x4000, 6); // don't fragment
  b[8] = 64; // TTL
  b[9] = IPPROTO_TCP;
  b.set(addrToBytes(p.src.addr), 12);
  b.set(addrToBytes(p.dst.addr), 16);
  b.writeUInt16BE(internetChecksum(b, 0, IP_HEADER), 10);
  // TCP header.
  const t = IP_HEADER;
  b.writeUInt16BE(p.src.port, t);
  b.writeUInt16BE(p.dst.port, t + 2);
  b.writeUInt32BE(s.seq >>> 0, t + 4);
  b.writeUInt32BE(s.ack >>> 0, t + 8);
  b[t + 12] = ((TCP_HEADER + optLen) / 4) << 4;
  b[t + 13] = s.ctl & 0x3f;
  b.writeUInt16BE(s.wnd & 0xffff, t + 14);
  if (s.mss !== undefined) {
    b[t + 20] = 2; // kind: MSS
    b[t + 21] = 4; // length
    b.writeUInt16BE(s.mss & 0xffff, t + 22);
  }
  data.copy(b, t + TCP_HEADER + optLen);
  b.writeUInt16BE(internetChecksum(b, t, total, pseudoHeaderSum(b, tcpLen)), t + 16);
  return b;
}

/** Why a packet read from the TUN device is not a TCP segment we can use. */
export type ParseFailure = 'not ipv4' | 'not tcp' | 'truncated' | 'fragment' | 'bad checksum';

/**
 * Parse an IPv4 packet. Returns the reason instead of throwing: the TUN device also carries packets we do not
 * care about (IPv6 router solicitations, ...), which the caller skips.
 */
export function parsePacket(b: Uint8Array): TcpPacket | ParseFailure {
  if (b.length < IP_HEADER || b[0] >> 4 !== 4) return 'not ipv4';
  const ihl = (b[0] & 0x0f) * 4;
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const total = buf.readUInt16BE(2);
  if (ihl < IP_HEADER || total > b.length || total < ihl + TCP_HEADER) return 'truncated';
  if (b[9] !== IPPROTO_TCP) return 'not tcp';
  if ((buf.readUInt16BE(6) & 0x3fff) !== 0) return 'fragment';
  const t = ihl;
  const tcpLen = total - ihl;
  const dataOff = (b[t + 12] >> 4) * 4;
  if (dataOff < TCP_HEADER || dataOff > tcpLen) return 'truncated';
  // Verify the TCP checksum: summing a correct segment including its checksum gives 0.
  let pseudo = 0;
  for (let i = 12; i < 20; i += 2) pseudo += (b[i] << 8) | b[i + 1];
  pseudo += IPPROTO_TCP + tcpLen;
  if (internetChecksum(b, t, total, pseudo) !== 0) return 'bad checksum';
  const segment: Segment = {
    seq: buf.readUInt32BE(t + 4),
    ack: buf.readUInt32BE(t + 8),
    ctl: b[t + 13] & 0x3f,
    wnd: buf.readUInt16BE(t + 14),
    data: buf.toString('latin1', t + dataOff, total),
  };
  // Options: MSS is reported, the rest (SACK-permitted, timestamps, window scale) is skipped.
  for (let i = t + TCP_HEADER; i < t + dataOff; ) {
    const kind = b[i];
    if (kind === 0) break; // end of option list
    if (kind === 1) {
      i += 1; // no-operation
      continue;
    }
    const len = b[i + 1];
    if (len < 2 || i + len > t + dataOff) return 'truncated';
    if (kind === 2 && len === 4) segment.mss = buf.readUInt16BE(i + 2);
    i += len;
  }
  return {
    src: { addr: Array.from(b.subarray(12, 16)).join('.'), port: buf.readUInt16BE(t) },
    dst: { addr: Array.from(b.subarray(16, 20)).join('.'), port: buf.readUInt16BE(t + 2) },
    segment,
  };
}
