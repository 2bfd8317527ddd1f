// Socket system calls on fds of the private namespace, made directly from the harness process. Every function
// answers the raw C result: r >= 0 on success, r = -errno on failure, so the adapters can map errno to the
// RFC's error answers in one place.
import {
  E,
  IPPROTO_TCP,
  MSG_DONTWAIT,
  MSG_NOSIGNAL,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  SOL_SOCKET,
  SO_LINGER,
  SO_RCVBUF,
  SO_REUSEADDR,
  SO_SNDBUF,
  TCP_INFO,
  TCP_NODELAY,
  libc,
  sockaddrIn,
} from './libc';

export interface CallAnswer {
  /** The C return value, or -errno. */
  r: number;
  /** Data read (recv). */
  data?: string;
}

const c = (): ReturnType<typeof libc> => libc();
const one = Buffer.alloc(4);
one.writeInt32LE(1, 0);
const lingerZero = Buffer.alloc(8);
lingerZero.writeInt32LE(1, 0); // struct linger { l_onoff = 1; l_linger = 0 }
const ioBuf = Buffer.alloc(65536);
const infoBuf = Buffer.alloc(256);
const infoLen = Buffer.alloc(4);

function fail(): number {
  return -c().errno();
}

/** TCP_NODELAY: the model has no Nagle algorithm (docs/interpretations.md). */
export function setNoDelay(fd: number): void {
  c().setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, one, 4);
}

export function setReuseAddr(fd: number): number {
  return c().setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, one, 4) < 0 ? fail() : 0;
}

/** SO_SNDBUF / SO_RCVBUF (the kernel doubles the value and applies its minimum). */
export function setBuffers(fd: number, sndbuf?: number, rcvbuf?: number): void {
  const v = Buffer.alloc(4);
  if (sndbuf !== undefined) {
    v.writeInt32LE(sndbuf, 0);
    c().setsockopt(fd, SOL_SOCKET, SO_SNDBUF, v, 4);
  }
  if (rcvbuf !== undefined) {
    v.writeInt32LE(rcvbuf, 0);
    c().setsockopt(fd, SOL_SOCKET, SO_RCVBUF, v, 4);
  }
}

/** SO_LINGER {1, 0}: close() then sends a RST and discards unsent data (RFC 9293 ABORT). */
export function setLingerZero(fd: number): void {
  c().setsockopt(fd, SOL_SOCKET, SO_LINGER, lingerZero, 8);
}

export function bind(fd: number, addr: string, port: number): number {
  return c().bind(fd, sockaddrIn(addr, port), 16) < 0 ? fail() : 0;
}

export function listen(fd: number, backlog: number): number {
  return c().listen(fd, backlog) < 0 ? fail() : 0;
}

/** Non-blocking connect: EINPROGRESS (the SYN is on its way) counts as success. */
export function connect(fd: number, addr: string, port: number): number {
  if (c().connect(fd, sockaddrIn(addr, port), 16) >= 0) return 0;
  const r = fail();
  return r === -E.EINPROGRESS ? 0 : r;
}

/** A connection from the accept queue (non-blocking), or -errno (-EAGAIN: none yet). */
export function accept(fd: number): number {
  const n = c().accept4(fd, null, null, SOCK_NONBLOCK | SOCK_CLOEXEC);
  return n < 0 ? fail() : n;
}

export function send(fd: number, data: string): number {
  const b = Buffer.from(data, 'latin1');
  const n = Number(c().send(fd, b, b.length, MSG_NOSIGNAL | MSG_DONTWAIT));
  return n < 0 ? fail() : n;
}

/**
 * One non-blocking read (up to 64 kB): data; or r = 0 at end of file; or -errno (-EAGAIN when nothing is there
 * yet). One read, not a loop: a loop would consume an error that follows the data (ECONNRESET after the last
 * bytes before a RST) and the caller would never see it.
 */
export function recv(fd: number): CallAnswer {
  const n = Number(c().recv(fd, ioBuf, ioBuf.length, MSG_DONTWAIT));
  if (n > 0) return { r: n, data: ioBuf.toString('latin1', 0, n) };
  return { r: n === 0 ? 0 : fail() };
}

export function shutdown(fd: number, how: number): number {
  return c().shutdown(fd, how) < 0 ? fail() : 0;
}

/** tcpi_state of TCP_INFO (include/net/tcp_states.h), or -errno. */
export function tcpInfoState(fd: number): number {
  infoLen.writeUInt32LE(infoBuf.length, 0);
  if (c().getsockopt(fd, IPPROTO_TCP, TCP_INFO, infoBuf, infoLen) < 0) return fail();
  return infoBuf[0];
}

/** Read one packet from a non-blocking TUN fd into a fresh buffer; undefined when there is none. */
export function readPacket(fd: number): Buffer | undefined {
  const n = Number(c().read(fd, ioBuf, ioBuf.length));
  if (n <= 0) return undefined;
  return Buffer.from(ioBuf.subarray(0, n));
}

export function writePacket(fd: number, packet: Buffer): number {
  const n = Number(c().write(fd, packet, packet.length));
  return n < 0 ? fail() : n;
}
