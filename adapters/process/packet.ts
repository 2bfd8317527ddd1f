// Raw IPv4+TCP packets <-> Segment, for the process protocol (PROTOCOL.md "Packets"). Pure: no I/O.
// Only what connection management needs (RFC 791 §3.1, RFC 9293 §3.1): no IP options, no fragments, the MSS
// option read and written, every other TCP option skipped.
import { Segment, FIN, SYN, RST, PSH, ACK } from '../../models/segment';

export interface Endpoint {
  ip: string;
  port: number;
}

/** The fixed addresses of PROTOCOL.md (RFC 5737 documentation range). */
export const TESTER: Endpoint = { ip: '192.0.2.1', port: 40001 };
export const IUT: Endpoint = { ip: '192.0.2.2', port: 5001 };

const IP_PROTO_TCP = 6;
const CTL_MASK = FIN | SYN | RST | PSH | ACK;

/** A packet the parser refuses; the message says what was expected and what was found. */
export class PacketError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PacketError';
  }
}

/** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
export function checksum(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (bytes.length & 1) sum += bytes[bytes.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

function ipBytes(ip: string): number[] {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new PacketError(`bad IPv4 address "${ip}"`);
  }
  return parts;
}

function ipString(b: Uint8Array, at: number): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

/** The TCP pseudo-header's contribution (RFC 9293 §3.1), as an un-complemented partial sum. */
function pseudoHeaderSum(src: Uint8Array, dst: Uint8Array, tcpLength: number): number {
  const ph = new Uint8Array(12);
  ph.set(src, 0);
  ph.set(dst, 4);
  ph[9] = IP_PROTO_TCP;
  ph[10] = tcpLength >> 8;
  ph[11] = tcpLength & 0xff;
  return ~checksum(ph) & 0xffff;
}

/** Builds the packet `from` sends to `to` carrying `seg`. Sequence numbers and window are taken modulo 2^32/2^16. */
export function buildPacket(seg: Segment, from: Endpoint = TESTER, to: Endpoint = IUT): Buffer {
  const payload = Buffer.from(seg.data, 'latin1');
  const options = seg.mss !== undefined ? [2, 4, (seg.mss >> 8) & 0xff, seg.mss & 0xff] : [];
  const tcpHeaderLength = 20 + options.length;
  const tcpLength = tcpHeaderLength + payload.length;
  const total = 20 + tcpLength;
  if (total > 0xffff) throw new PacketError(`segment too large for one IPv4 packet (${total} bytes)`);
  const b = Buffer.alloc(total);
  const src = Uint8Array.from(ipBytes(from.ip));
  const dst = Uint8Array.from(ipBytes(to.ip));
  // IPv4 header: version 4, IHL 5, no TOS, total length, ID 0, DF, TTL 64, TCP.
  b[0] = 0x45;
  b.writeUInt16BE(total, 2);
  b.writeUInt16BE(0x4000, 6);
  b[8] = 64;
  b[9] = IP_PROTO_TCP;
  b.set(src, 12);
  b.set(dst, 16);
  b.writeUInt16BE(checksum(b.subarray(0, 20)), 10);
  // TCP header.
  const t = 20;
  b.writeUInt16BE(from.port & 0xffff, t);
  b.writeUInt16BE(to.port & 0xffff, t + 2);
  b.writeUInt32BE(seg.seq >>> 0, t + 4);
  b.writeUInt32BE(seg.ack >>> 0, t + 8);
  b[t + 12] = (tcpHeaderLength / 4) << 4;
  b[t + 13] = seg.ctl & CTL_MASK;
  b.writeUInt16BE(seg.wnd & 0xffff, t + 14);
  b.set(options, t + 20);
  payload.copy(b, t + tcpHeaderLength);
  b.writeUInt16BE(checksum(b.subarray(t), pseudoHeaderSum(src, dst, tcpLength)), t + 16);
  return b;
}

export interface ParsedPacket {
  src: Endpoint;
  dst: Endpoint;
  segment: Segment;
}

/**
 * Reads one raw packet. Returns undefined for packets that are not IPv4 carrying TCP (the protocol ignores
 * them); throws PacketError for a TCP packet that is malformed, fragmented or has a wrong checksum.
 */
export function parsePacket(bytes: Uint8Array): ParsedPacket | undefined {
  if (bytes.length < 1) throw new PacketError('empty packet');
  const version = bytes[0] >> 4;
  if (version !== 4) return undefined; // IPv6 neighbour discovery and the like: not ours.
  if (bytes.length < 20) throw new PacketError(`IPv4 packet of ${bytes.length} bytes, shorter than its 20-byte header`);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const ihl = (b[0] & 0x0f) * 4;
  if (ihl < 20 || ihl > b.length) throw new PacketError(`IPv4 header length ${ihl} does not fit a ${b.length}-byte packet`);
  const total = b.readUInt16BE(2);
  if (total !== b.length) throw new PacketError(`IPv4 total length ${total} but the packet has ${b.length} bytes`);
  if (checksum(b.subarray(0, ihl)) !== 0) throw new PacketError('bad IPv4 header checksum');
  if (b[9] !== IP_PROTO_TCP) return undefined; // ICMP and others: not compared.
  const frag = b.readUInt16BE(6);
  if (frag & 0x2000 || (frag & 0x1fff) !== 0) throw new PacketError('fragmented IPv4 packet (MF set or offset non-zero)');
  const t = ihl;
  const tcpLength = total - ihl;
  if (tcpLength < 20) throw new PacketError(`TCP header truncated: ${tcpLength} bytes after the IPv4 header`);
  const dataOffset = (b[t + 12] >> 4) * 4;
  if (dataOffset < 20 || dataOffset > tcpLength) {
    throw new PacketError(`TCP data offset ${dataOffset} does not fit a ${tcpLength}-byte segment`);
  }
  const src = b.subarray(12, 16);
  const dst = b.subarray(16, 20);
  if (checksum(b.subarray(t, total), pseudoHeaderSum(src, dst, tcpLength)) !== 0) {
    throw new PacketError('bad TCP checksum');
  }
  const segment: Segment = {
    seq: b.readUInt32BE(t + 4),
    ack: b.readUInt32BE(t + 8),
    ctl: b[t + 13] & CTL_MASK,
    wnd: b.readUInt16BE(t + 14),
    data: b.subarray(t + dataOffset, total).toString('latin1'),
  };
  const mss = readMss(b.subarray(t + 20, t + dataOffset));
  if (mss !== undefined) segment.mss = mss;
  return {
    src: { ip: ipString(b, 12), port: b.readUInt16BE(t) },
    dst: { ip: ipString(b, 16), port: b.readUInt16BE(t + 2) },
    segment,
  };
}

/** Walks the TCP options (RFC 9293 §3.1): EOL ends, NOP is one byte, everything else is kind-length-value. */
function readMss(opts: Uint8Array): number | undefined {
  let mss: number | undefined;
  let i = 0;
  while (i < opts.length) {
    const kind = opts[i];
    if (kind === 0) break;
    if (kind === 1) {
      i++;
      continue;
    }
    if (i + 1 >= opts.length) throw new PacketError(`TCP option ${kind} has no length byte`);
    const len = opts[i + 1];
    if (len < 2 || i + len > opts.length) throw new PacketError(`TCP option ${kind} has bad length ${len}`);
    if (kind === 2) {
      if (len !== 4) throw new PacketError(`MSS option of length ${len}, expected 4`);
      mss = (opts[i + 2] << 8) | opts[i + 3];
    }
    i += len;
  }
  return mss;
}

export const sameEndpoint = (a: Endpoint, b: Endpoint): boolean => a.ip === b.ip && a.port === b.port;

export const formatEndpoint = (e: Endpoint): string => `${e.ip}:${e.port}`;

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

export function isHex(s: string): boolean {
  return HEX.test(s);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

/** Hex to bytes; throws PacketError on odd length or a non-hex digit. */
export function fromHex(s: string): Buffer {
  if (!isHex(s)) throw new PacketError(`not an even-length hex string: "${s.length > 40 ? s.slice(0, 40) + '...' : s}"`);
  return Buffer.from(s, 'hex');
}
