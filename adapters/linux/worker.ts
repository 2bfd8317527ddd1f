// The worker: runs inside a private network namespace created for it by `unshare --net` (see channel.ts). It
// sets the namespace up (lo; in peer mode a TUN device 10.0.0.1/24), then makes file descriptors inside it on
// request: the harness copies them with pidfd_getfd(2) and does all per-event system calls itself
// (protocol.ts explains why).
//
// It dies with its parent (PR_SET_PDEATHSIG) and when its channel (fd 3) reaches end of file. The only
// interface in the namespace besides `lo` is the TUN device, whose far end is the harness: no packet can leave.
//
// Usage: node worker.js <peer|pair> <parent pid>
import { execFileSync } from 'child_process';
import fs from 'fs';
import {
  AF_INET,
  AF_NETLINK,
  IFF_NO_PI,
  IFF_TUN,
  NETLINK_SOCK_DIAG,
  O_CLOEXEC,
  O_NONBLOCK,
  O_RDWR,
  PR_SET_PDEATHSIG,
  SIGKILL,
  SOCK_CLOEXEC,
  SOCK_DGRAM,
  SOCK_NONBLOCK,
  SOCK_STREAM,
  TUNSETIFF,
  errnoName,
  libc,
} from './libc';
import type { Ready, Reply, Request } from './protocol';

const CHANNEL_FD = 3;
const TUN_NAME = 'tcpc0';
const IUT_NET = '10.0.0.1/24';
const LANES_NET = '10.1.0.0/16';

const c = libc();

function writeLine(obj: Reply | Ready): void {
  const b = Buffer.from(JSON.stringify(obj) + '\n');
  let off = 0;
  while (off < b.length) off += fs.writeSync(CHANNEL_FD, b, off);
}

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Sysctls that change TCP behaviour, as this namespace sees them (most are per network namespace). */
const SYSCTLS = [
  'tcp_rfc1337',
  'tcp_syncookies',
  'tcp_fin_timeout',
  'tcp_tw_reuse',
  'tcp_timestamps',
  'tcp_sack',
  'tcp_window_scaling',
  'tcp_ecn',
  'tcp_challenge_ack_limit',
  'tcp_invalid_ratelimit',
  'tcp_max_syn_backlog',
  'tcp_synack_retries',
  'tcp_syn_retries',
  'tcp_retries2',
  'tcp_orphan_retries',
  'tcp_abort_on_overflow',
  'tcp_base_mss',
];

function readSysctls(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of SYSCTLS) {
    try {
      out[`net.ipv4.${name}`] = fs.readFileSync(`/proc/sys/net/ipv4/${name}`, 'utf8').trim();
    } catch {
      // absent on this kernel
    }
  }
  return out;
}

function setUp(mode: string): Ready {
  ip('link', 'set', 'lo', 'up');
  let tun: number | undefined;
  if (mode === 'peer') {
    tun = c.open('/dev/net/tun', O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (tun === undefined || tun < 0)
      return { ready: false, error: `cannot open /dev/net/tun: ${errnoName(c.errno())}` };
    const ifr = Buffer.alloc(40); // struct ifreq
    ifr.write(TUN_NAME, 0, 'latin1');
    ifr.writeUInt16LE(IFF_TUN | IFF_NO_PI, 16);
    if (c.ioctl(tun, TUNSETIFF, 'void *', ifr) < 0) {
      return { ready: false, error: `ioctl(TUNSETIFF) on /dev/net/tun failed: ${errnoName(c.errno())}` };
    }
    try {
      // No IPv6 on the TUN device: no router solicitations or MLD reports to skip.
      fs.writeFileSync(`/proc/sys/net/ipv6/conf/${TUN_NAME}/disable_ipv6`, '1');
    } catch {
      // IPv6 not built in: nothing to silence
    }
    ip('addr', 'add', IUT_NET, 'dev', TUN_NAME);
    // The addresses of the lanes after the first (--jobs): all of 10.1.0.0/16 is local to the namespace, so
    // that each lane's sockets bind an address of their own and lanes never share a port.
    ip('route', 'add', 'local', LANES_NET, 'dev', 'lo');
    ip('link', 'set', TUN_NAME, 'up');
  }
  const diag = c.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  return {
    ready: true,
    pid: process.pid,
    tun,
    tunName: tun === undefined ? undefined : TUN_NAME,
    diag: diag >= 0 ? diag : undefined,
    sysctls: readSysctls(),
  };
}

function handle(req: Request): Reply {
  const release = req.op === 'sockets' ? req.release : req.fds;
  for (const fd of release) c.close(fd);
  if (req.op === 'release') return { ok: true };
  const fds: number[] = [];
  for (let i = 0; i < req.n; i++) {
    const fd = c.socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return { ok: false, error: `socket() failed: ${errnoName(c.errno())}` };
    fds.push(fd);
  }
  return { ok: true, fds };
}

function main(): void {
  const mode = process.argv[2];
  const parent = Number(process.argv[3]);
  c.prctl(PR_SET_PDEATHSIG, 'unsigned long', SIGKILL);
  if (c.getppid() !== parent) process.exit(1); // the parent died before PR_SET_PDEATHSIG took effect
  let ready: Ready;
  try {
    ready = setUp(mode);
  } catch (e) {
    ready = { ready: false, error: (e as Error).message.split('\n')[0] };
  }
  writeLine(ready);
  if (!ready.ready) process.exit(1);

  const chunk = Buffer.alloc(1 << 16);
  let pending = '';
  for (;;) {
    let n: number;
    try {
      n = fs.readSync(CHANNEL_FD, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EINTR' || code === 'EAGAIN') continue;
      throw e;
    }
    if (n === 0) process.exit(0); // the parent closed the channel
    pending += chunk.toString('utf8', 0, n);
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      let reply: Reply;
      try {
        reply = handle(JSON.parse(line) as Request);
      } catch (e) {
        reply = { ok: false, error: (e as Error).message };
      }
      writeLine(reply);
    }
  }
}

main();
