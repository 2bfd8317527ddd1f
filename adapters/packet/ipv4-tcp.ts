// IPv4 + TCP packets <-> segments: the one codec of every adapter that sees raw packets (the Linux adapter on
// its TUN device, the process protocol as hex). Pure: no I/O.
// Only what connection management needs (RFC 791 §3.1, RFC 9293 §3.1): no IP options written, no fragments,
// the MSS and window-scale options written and read, every other TCP option (SACK-permitted, timestamps)
// skipped. `wnd` is the header's 16-bit Window field as it stands, never scaled here: the tester never offers
// window scaling, so per RFC 7323 §2.2 neither side may scale (the model reads a stack that scales anyway).
import { ACK, FIN, PSH, RST, SYN, Segment } from '../../models/segment';

/** One end of a connection (RFC 9293's socket): IPv4 address as a dotted quad, and port. */
export interface Endpoint {
  addr: string;
  port: number;
}

export const sameEndpoint = (a: Endpoint, b: Endpoint): boolean => a.addr === b.addr && a.port === b.port;

export const formatEndpoint = (e: Endpoint): string => `${e.addr}:${e.port}`;

/** A segment and the endpoints of the datagram that carries it. */
export interface TcpPacket {
  src: Endpoint;
  dst: Endpoint;
  segment: Segment;
}

/** What is wrong with some bytes that were to be a packet (or with a packet that was to be written). */
export type PacketFault =
  | 'not-ipv4' // another IP version (IPv6 neighbour discovery on a TUN device): not ours, callers skip it
  | 'not-tcp' // IPv4 carrying another protocol (ICMP, UDP): not ours either
  | 'truncated' // fewer bytes than a header or the IPv4 total length promise
  | 'bad-length' // a length field that cannot be right: IHL, total length, data offset
  | 'bad-checksum'
  | 'fragment'
  | 'bad-option'
  | 'bad-address'
  | 'too-large'
  | 'bad-hex';

/** A packet the decoder refuses (or the encoder cannot write); `fault` for code, the message for people. */
export class PacketError extends Error {
  constructor(
    readonly fault: PacketFault,
    message: string,
  ) {
    super(message);
    this.name = 'PacketError';
  }
}

/** True for well-formed bytes that are just not IPv4 carrying TCP: skipped, never blamed on the IUT. */
export const isNotTcp = (e: unknown): boolean =>
  e instanceof PacketError && (e.fault === 'not-ipv4' || e.fault === 'not-tcp');

const IPPROTO_TCP = 6;
const IP_HEADER = 20;
const TCP_HEADER = 20;
/** The control bits a Segment has (models/segment.ts): URG is out of scope, and so are ECE and CWR. */
const CTL_MASK = FIN | SYN | RST | PSH | ACK;
const MSS_KIND = 2;
const MSS_LENGTH = 4;
const WSCALE_KIND = 3;
const WSCALE_LENGTH = 3;
const NOP = 1;

/** The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words. */
export function internetChecksum(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (bytes.length & 1) sum += bytes[bytes.length - 1] << 8; // an odd byte is padded with zero
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/**
 * The TCP pseudo-header (RFC 9293 §3.1: source address, destination address, zero, PTCL, TCP length) as an
 * uncomplemented sum, taken from the addresses in an IPv4 header: the TCP checksum covers them too.
 */
function pseudoHeaderSum(ipHeader: Uint8Array, tcpLength: number): number {
  let sum = IPPROTO_TCP + tcpLength;
  for (let i = 12; i < 20; i += 2) sum += (ipHeader[i] << 8) | ipHeader[i + 1];
  return sum;
}

const ADDR_BYTES = new Map<string, readonly number[]>();

/** The four bytes of a dotted-quad IPv4 address (remembered: a run's few addresses are met on every packet).
 *  Throws PacketError 'bad-address' for anything else. */
export function ipv4Bytes(addr: string): readonly number[] {
  let parts = ADDR_BYTES.get(addr);
  if (parts) return parts;
  const p = addr.split('.').map(Number);
  if (p.length !== 4 || p.some((x) => !Number.isInteger(x) || x < 0 || x > 255)) {
    throw new PacketError('bad-address', `bad IPv4 address "${addr}"`);
  }
  if (ADDR_BYTES.size > 4096) ADDR_BYTES.clear();
  ADDR_BYTES.set(addr, (parts = p));
  return parts;
}

function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || port > 0xffff)
    throw new PacketError('bad-address', `bad TCP port ${port}`);
  return port;
}

const addrString = (b: Uint8Array, at: number): string => `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;

/**
 * Writes the datagram `p.src` sends to `p.dst`: IPv4 header of 20 bytes (ID `ipId`, DF, TTL 64), TCP header
 * with the MSS option when the segment has one. SEQ, ACK, window and MSS are taken modulo 2^32 and 2^16,
 * like the fields they go in.
 */
export function encodePacket(p: TcpPacket, ipId = 0): Buffer {
  const s = p.segment;
  const payload = Buffer.from(s.data, 'latin1');
  // The window-scale option is 3 bytes: a No-Operation in front keeps the header a multiple of 4 (RFC 7323 §2.2).
  const optionsLength = (s.mss !== undefined ? MSS_LENGTH : 0) + (s.wscale !== undefined ? 1 + WSCALE_LENGTH : 0);
  const tcpHeaderLength = TCP_HEADER + optionsLength;
  const tcpLength = tcpHeaderLength + payload.length;
  const total = IP_HEADER + tcpLength;
  if (total > 0xffff) throw new PacketError('too-large', `segment too large for one IPv4 packet (${total} bytes)`);
  const b = Buffer.alloc(total);
  // IPv4 header (RFC 791 §3.1): version 4, IHL 5, no TOS; fragments are never wanted, hence DF.
  b[0] = 0x45;
  b.writeUInt16BE(total, 2);
  b.writeUInt16BE(ipId & 0xffff, 4);
  b.writeUInt16BE(0x4000, 6);
  b[8] = 64;
  b[9] = IPPROTO_TCP;
  b.set(ipv4Bytes(p.src.addr), 12);
  b.set(ipv4Bytes(p.dst.addr), 16);
  b.writeUInt16BE(internetChecksum(b.subarray(0, IP_HEADER)), 10);
  // TCP header (RFC 9293 §3.1).
  const t = IP_HEADER;
  b.writeUInt16BE(checkPort(p.src.port), t);
  b.writeUInt16BE(checkPort(p.dst.port), t + 2);
  b.writeUInt32BE(s.seq >>> 0, t + 4);
  b.writeUInt32BE(s.ack >>> 0, t + 8);
  b[t + 12] = (tcpHeaderLength / 4) << 4;
  b[t + 13] = s.ctl & CTL_MASK;
  b.writeUInt16BE(s.wnd & 0xffff, t + 14);
  let o = t + TCP_HEADER;
  if (s.mss !== undefined) {
    b[o] = MSS_KIND;
    b[o + 1] = MSS_LENGTH;
    b.writeUInt16BE(s.mss & 0xffff, o + 2);
    o += MSS_LENGTH;
  }
  if (s.wscale !== undefined) {
    b[o] = NOP;
    b[o + 1] = WSCALE_KIND;
    b[o + 2] = WSCALE_LENGTH;
    b[o + 3] = s.wscale & 0xff;
  }
  payload.copy(b, t + tcpHeaderLength);
  b.writeUInt16BE(internetChecksum(b.subarray(t), pseudoHeaderSum(b, tcpLength)), t + 16);
  return b;
}

/**
 * Reads one raw packet. Throws PacketError: with fault 'not-ipv4' or 'not-tcp' (see isNotTcp) for a packet
 * that is not IPv4 carrying TCP, with another fault for one that is malformed, fragmented or has a wrong
 * checksum (IPv4 header or TCP).
 */
export function decodePacket(bytes: Uint8Array): TcpPacket {
  if (bytes.length < 1) throw new PacketError('truncated', 'empty packet');
  const version = bytes[0] >> 4;
  if (version !== 4) throw new PacketError('not-ipv4', `IP version ${version}, not 4`);
  if (bytes.length < IP_HEADER) {
    throw new PacketError('truncated', `IPv4 packet of ${bytes.length} bytes, shorter than its 20-byte header`);
  }
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const ihl = (b[0] & 0x0f) * 4;
  if (ihl < IP_HEADER || ihl > b.length) {
    throw new PacketError('bad-length', `IPv4 header length ${ihl} does not fit a ${b.length}-byte packet`);
  }
  const total = b.readUInt16BE(2);
  if (total !== b.length) {
    // Shorter than promised is a cut-off packet; longer carries bytes that belong to no field.
    throw new PacketError(
      total > b.length ? 'truncated' : 'bad-length',
      `IPv4 total length ${total} but the packet has ${b.length} bytes`,
    );
  }
  if (internetChecksum(b.subarray(0, ihl)) !== 0) throw new PacketError('bad-checksum', 'bad IPv4 header checksum');
  if (b[9] !== IPPROTO_TCP) throw new PacketError('not-tcp', `IPv4 protocol ${b[9]}, not TCP (${IPPROTO_TCP})`);
  const fragment = b.readUInt16BE(6);
  if (fragment & 0x2000 || (fragment & 0x1fff) !== 0) {
    throw new PacketError('fragment', 'fragmented IPv4 packet (MF set or offset non-zero)');
  }
  const t = ihl;
  const tcpLength = total - ihl;
  if (tcpLength < TCP_HEADER)
    throw new PacketError('truncated', `TCP header truncated: ${tcpLength} bytes after the IPv4 header`);
  const dataOffset = (b[t + 12] >> 4) * 4;
  if (dataOffset < TCP_HEADER || dataOffset > tcpLength) {
    throw new PacketError('bad-length', `TCP data offset ${dataOffset} does not fit a ${tcpLength}-byte segment`);
  }
  // A correct checksum makes the sum over pseudo-header and segment, checksum included, all ones.
  if (internetChecksum(b.subarray(t, total), pseudoHeaderSum(b, tcpLength)) !== 0) {
    throw new PacketError('bad-checksum', 'bad TCP checksum');
  }
  const segment: Segment = {
    seq: b.readUInt32BE(t + 4),
    ack: b.readUInt32BE(t + 8),
    ctl: b[t + 13] & CTL_MASK,
    wnd: b.readUInt16BE(t + 14),
    data: b.toString('latin1', t + dataOffset, total),
  };
  const { mss, wscale } = readOptions(b.subarray(t + TCP_HEADER, t + dataOffset));
  if (mss !== undefined) segment.mss = mss;
  if (wscale !== undefined) segment.wscale = wscale;
  return {
    src: { addr: addrString(b, 12), port: b.readUInt16BE(t) },
    dst: { addr: addrString(b, 16), port: b.readUInt16BE(t + 2) },
    segment,
  };
}

/** Walks the TCP options (RFC 9293 §3.1): End of Option List ends, No-Operation is one byte, the rest
 *  kind-length-value. */
function readOptions(options: Uint8Array): { mss?: number; wscale?: number } {
  let mss: number | undefined;
  let wscale: number | undefined;
  let i = 0;
  while (i < options.length) {
    const kind = options[i];
    if (kind === 0) break;
    if (kind === 1) {
      i++;
      continue;
    }
    if (i + 1 >= options.length) throw new PacketError('bad-option', `TCP option ${kind} has no length byte`);
    const length = options[i + 1];
    // Length counts kind and length bytes: under 2 would never advance (RFC 9293 §3.1 asks receivers to survive it).
    if (length < 2 || i + length > options.length)
      throw new PacketError('bad-option', `TCP option ${kind} has bad length ${length}`);
    if (kind === MSS_KIND) {
      if (length !== MSS_LENGTH)
        throw new PacketError('bad-option', `MSS option of length ${length}, expected ${MSS_LENGTH}`);
      mss = (options[i + 2] << 8) | options[i + 3];
    }
    if (kind === WSCALE_KIND) {
      if (length !== WSCALE_LENGTH)
        throw new PacketError('bad-option', `window-scale option of length ${length}, expected ${WSCALE_LENGTH}`);
      wscale = options[i + 2];
    }
    i += length;
  }
  return { mss, wscale };
}

// Packets as text: the process protocol carries them hex encoded (PROTOCOL.md "Packets").

const HEX = /^(?:[0-9a-fA-F]{2})*$/;

export function isHex(s: string): boolean {
  return HEX.test(s);
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex');
}

/** Hex to bytes; throws PacketError on odd length or a non-hex digit. */
export function fromHex(s: string): Buffer {
  if (!isHex(s))
    throw new PacketError('bad-hex', `not an even-length hex string: "${s.length > 40 ? s.slice(0, 40) + '...' : s}"`);
  return Buffer.from(s, 'hex');
}
