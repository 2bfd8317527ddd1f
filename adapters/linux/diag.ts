// The kernel's view of one connection, looked up by its 4-tuple: state of the socket the kernel would match an
// arriving segment to. Used for what an fd cannot tell: request sockets (SYN-RECEIVED before accept), orphans
// (after close()), TIME-WAIT.
//
// Fast path: NETLINK_SOCK_DIAG exact lookup (inet_diag_find_one_icsk: established hash first, TIME-WAIT and
// request sockets included, then the listener) — one request, one reply, cost independent of how many sockets
// exist. Fallback: /proc/net/tcp, whose cost grows with every TIME-WAIT socket of earlier runs.
import fs from 'fs';
import { AF_INET, AF_NETLINK, E, IPPROTO_TCP, libc } from './libc';
import { ipv4Bytes } from '../packet/ipv4-tcp';

const SOCK_DIAG_BY_FAMILY = 20;
const NLM_F_REQUEST = 1;
const NLMSG_ERROR = 2;

/** Kernel TCP states (include/net/tcp_states.h). 0: no socket matches (CLOSED). */
export const KERNEL_STATES: Record<number, string> = {
  1: 'ESTABLISHED',
  2: 'SYN_SENT',
  3: 'SYN_RECV',
  4: 'FIN_WAIT1',
  5: 'FIN_WAIT2',
  6: 'TIME_WAIT',
  7: 'CLOSE',
  8: 'CLOSE_WAIT',
  9: 'LAST_ACK',
  10: 'LISTEN',
  11: 'CLOSING',
  12: 'NEW_SYN_RECV',
};

export class DiagLookup {
  private readonly req = Buffer.alloc(72);
  private readonly reply = Buffer.alloc(8192);
  private readonly nladdr = Buffer.alloc(12);
  /** Why the netlink path is not used, when it is not. */
  fallbackReason?: string;

  /**
   * @param fd a NETLINK_SOCK_DIAG socket created inside the namespace (-1: none), owned by the caller
   * @param procNetTcp the namespace's /proc/net/tcp, e.g. /proc/<worker pid>/net/tcp
   */
  constructor(
    private readonly fd: number,
    private readonly procNetTcp: string,
  ) {
    if (fd < 0) this.fallbackReason = 'no netlink socket';
    this.nladdr.writeUInt16LE(AF_NETLINK, 0);
    const r = this.req;
    r.writeUInt32LE(72, 0); // nlmsg_len
    r.writeUInt16LE(SOCK_DIAG_BY_FAMILY, 4);
    r.writeUInt16LE(NLM_F_REQUEST, 6); // no NLM_F_DUMP: exact lookup
    r[16] = AF_INET;
    r[17] = IPPROTO_TCP;
    r.writeUInt32LE(0xffffffff, 20); // idiag_states: all
    r.writeUInt32LE(0xffffffff, 64); // INET_DIAG_NOCOOKIE
    r.writeUInt32LE(0xffffffff, 68);
  }

  /** Kernel state of local:lport <-> remote:rport, 0 when no socket matches. */
  state(local: string, lport: number, remote: string, rport: number): number {
    if (this.fallbackReason === undefined) {
      const s = this.netlink(local, lport, remote, rport);
      if (s !== undefined) return s;
    }
    return procNetTcpState(this.procNetTcp, local, lport, remote, rport);
  }

  private netlink(local: string, lport: number, remote: string, rport: number): number | undefined {
    const c = libc();
    const r = this.req;
    r.writeUInt32LE(0, 8); // seq
    r.writeUInt16BE(lport, 24); // idiag_sport: the socket's own side
    r.writeUInt16BE(rport, 26);
    r.set(ipv4Bytes(local), 28);
    r.set(ipv4Bytes(remote), 44);
    if (c.sendto(this.fd, r, 72, 0, this.nladdr, 12) < 0) {
      this.fallbackReason = `netlink sendto: errno ${c.errno()}`;
      return undefined;
    }
    const n = c.recv(this.fd, this.reply, this.reply.length, 0);
    if (n < 20) {
      this.fallbackReason = `netlink recv: errno ${c.errno()}`;
      return undefined;
    }
    const type = this.reply.readUInt16LE(4);
    if (type === NLMSG_ERROR) {
      const err = -this.reply.readInt32LE(16);
      if (err === E.ENOENT) return 0;
      // EINVAL/EOPNOTSUPP: tcp_diag not available here; use /proc from now on.
      this.fallbackReason = `sock_diag: errno ${err}`;
      return undefined;
    }
    if (type !== SOCK_DIAG_BY_FAMILY) {
      this.fallbackReason = `sock_diag: unexpected reply type ${type}`;
      return undefined;
    }
    const st = this.reply[17];
    return st === 12 ? 3 : st;
  }
}

/** /proc/net/tcp: "sl local rem st ..." with addresses as host-order hex (little-endian here). */
export function procNetTcpState(file: string, local: string, lport: number, remote: string, rport: number): number {
  const hex = (addr: string, port: number): string =>
    [...ipv4Bytes(addr)]
      .reverse()
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('')
      .toUpperCase() +
    ':' +
    port.toString(16).padStart(4, '0').toUpperCase();
  const l = hex(local, lport);
  const rem = hex(remote, rport);
  const any = hex('0.0.0.0', 0);
  let listener = 0;
  for (const line of fs.readFileSync(file, 'latin1').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 4) continue;
    const st = parseInt(f[3], 16);
    if (f[1] === l && f[2] === rem) return st === 12 ? 3 : st;
    if (f[1] === l && f[2] === any && st === 10) listener = 10;
  }
  return listener;
}
