// The few libc calls the Linux adapters need, through koffi (FFI with prebuilt binaries: no compiler, no
// native addon to build). Node has no ioctl, no raw socket options, no SO_LINGER and no synchronous poll, hence
// this module. Every function returns the raw C result; on -1 read errno() at once.
//
// Linux x86-64/arm64 constants; this file is only loaded on Linux.
type Koffi = typeof import('koffi');

export const AF_UNIX = 1;
export const AF_INET = 2;
export const AF_NETLINK = 16;
export const SOCK_STREAM = 1;
export const SOCK_DGRAM = 2;
export const SOCK_NONBLOCK = 0o4000;
export const SOCK_CLOEXEC = 0o2000000;
export const O_RDWR = 2;
export const O_NONBLOCK = 0o4000;
export const O_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;
export const SO_SNDBUF = 7;
export const SO_RCVBUF = 8;
export const SO_LINGER = 13;
export const IPPROTO_TCP = 6;
export const TCP_NODELAY = 1;
export const TCP_INFO = 11;
export const SHUT_RD = 0;
export const SHUT_WR = 1;
export const SHUT_RDWR = 2;
export const MSG_DONTWAIT = 0x40;
export const MSG_NOSIGNAL = 0x4000;
export const POLLIN = 0x1;
export const TUNSETIFF = 0x400454ca;
export const IFF_TUN = 0x0001;
export const IFF_NO_PI = 0x1000;
export const NETLINK_SOCK_DIAG = 4;
export const SYS_pidfd_open = 434; // same number on x86-64 and arm64 (unified syscall table since 5.1)
export const SYS_pidfd_getfd = 438;
export const PR_SET_PDEATHSIG = 1;
export const SIGKILL = 9;

export const E = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EBADF: 9,
  EAGAIN: 11,
  EACCES: 13,
  EINVAL: 22,
  EPIPE: 32,
  EADDRINUSE: 98,
  EADDRNOTAVAIL: 99,
  ENETUNREACH: 101,
  ECONNABORTED: 103,
  ECONNRESET: 104,
  EISCONN: 106,
  ENOTCONN: 107,
  ETIMEDOUT: 110,
  ECONNREFUSED: 111,
  EALREADY: 114,
  EINPROGRESS: 115,
} as const;

const ERRNO_NAMES = new Map<number, string>(Object.entries(E).map(([k, v]) => [v, k]));
export function errnoName(n: number): string {
  return ERRNO_NAMES.get(n) ?? `errno ${n}`;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Fn = (...args: any[]) => any;

export interface Libc {
  socket: Fn;
  socketpair: Fn;
  bind: Fn;
  connect: Fn;
  listen: Fn;
  accept4: Fn;
  send: Fn;
  recv: Fn;
  sendto: Fn;
  read: Fn;
  write: Fn;
  shutdown: Fn;
  close: Fn;
  setsockopt: Fn;
  getsockopt: Fn;
  poll: Fn;
  open: Fn;
  ioctl: Fn;
  prctl: Fn;
  getppid: Fn;
  syscall: Fn;
  errno(): number;
}

let cached: Libc | undefined;

/** Load libc through koffi; throws with a readable message when koffi or libc is missing. */
export function libc(): Libc {
  if (cached) return cached;
  // Loaded here rather than imported at the top, so that a missing koffi is reported as a missing
  // prerequisite (AdapterUnavailable) instead of failing the import of the adapter module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const koffi = require('koffi') as Koffi;
  const lib = koffi.load('libc.so.6');
  cached = {
    socket: lib.func('int socket(int, int, int)'),
    socketpair: lib.func('int socketpair(int, int, int, void *)'),
    bind: lib.func('int bind(int, const void *, uint32_t)'),
    connect: lib.func('int connect(int, const void *, uint32_t)'),
    listen: lib.func('int listen(int, int)'),
    accept4: lib.func('int accept4(int, void *, void *, int)'),
    send: lib.func('intptr_t send(int, const void *, size_t, int)'),
    recv: lib.func('intptr_t recv(int, void *, size_t, int)'),
    sendto: lib.func('intptr_t sendto(int, const void *, size_t, int, const void *, uint32_t)'),
    read: lib.func('intptr_t read(int, void *, size_t)'),
    write: lib.func('intptr_t write(int, const void *, size_t)'),
    shutdown: lib.func('int shutdown(int, int)'),
    close: lib.func('int close(int)'),
    setsockopt: lib.func('int setsockopt(int, int, int, const void *, uint32_t)'),
    getsockopt: lib.func('int getsockopt(int, int, int, void *, void *)'),
    poll: lib.func('int poll(void *, unsigned long, int)'),
    open: lib.func('int open(const char *, int, ...)'),
    ioctl: lib.func('int ioctl(int, unsigned long, ...)'),
    prctl: lib.func('int prctl(int, ...)'),
    getppid: lib.func('int getppid()'),
    syscall: lib.func('long syscall(long, ...)'),
    errno: () => koffi.errno(),
  };
  return cached;
}

/** struct sockaddr_in for addr:port. */
export function sockaddrIn(addr: string, port: number): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(AF_INET, 0);
  b.writeUInt16BE(port, 2);
  const parts = addr.split('.').map(Number);
  for (let i = 0; i < 4; i++) b[4 + i] = parts[i];
  return b;
}

/** Wait until fd is readable or timeoutMs passes (-1: forever). True when readable (or hung up). */
export function pollIn(fd: number, timeoutMs: number): boolean {
  const c = libc();
  const pfd = Buffer.alloc(8);
  pfd.writeInt32LE(fd, 0);
  pfd.writeInt16LE(POLLIN, 4);
  for (;;) {
    const n = c.poll(pfd, 1, timeoutMs);
    if (n >= 0) return n > 0;
    if (c.errno() !== E.EINTR) throw new Error(`poll failed: ${errnoName(c.errno())}`);
  }
}
