// `--adapter linux`: the Linux kernel's TCP as the IUT, tester-as-peer. The kernel socket lives in a private
// network namespace (channel.ts, worker.ts); the harness plays 10.0.0.x behind a TUN device and sees every
// segment the kernel sends there.
import * as os from 'os';
import { ConcreteInput } from '../../models/input';
import { CallError, CallResult, Observation } from '../../models/observation';
import { ACK, FIN, RST, SYN, Segment, segLen } from '../../models/segment';
import { seqAdd } from '../../models/seq';
import { State } from '../../models/state';
import { Endpoint, PacketError, decodePacket, encodePacket, sameEndpoint } from '../packet/ipv4-tcp';
import { Adapter, AdapterConfigError, AdapterFailure, AdapterOptions, Capabilities, RunSetup } from '../types';
import { WorkerChannel } from './channel';
import { DiagLookup } from './diag';
import { E, SHUT_WR, errnoName } from './libc';
import * as K from './sockets';
import { TunHub } from './tun-hub';

export const IUT_ADDR = '10.0.0.1';

/** Kernel TCP state (include/net/tcp_states.h) to the RFC's; 0 means no socket matches the 4-tuple. */
export function kernelState(st: number | undefined): State {
  switch (st) {
    case 1:
      return 'Established';
    case 2:
      return 'SynSent';
    case 3:
    case 12:
      return 'SynReceived';
    case 4:
      return 'FinWait1';
    case 5:
      return 'FinWait2';
    case 6:
      return 'TimeWait';
    case 8:
      return 'CloseWait';
    case 9:
      return 'LastAck';
    case 10:
      return 'Listen';
    case 11:
      return 'Closing';
    default:
      return 'Closed'; // 0 (none) and 7 (TCP_CLOSE)
  }
}

/**
 * errno of a user call to the RFC's error answers (RFC 9293 §3.10). `call` is the RFC call ('open', 'send',
 * 'receive', 'close', 'abort') or the socket call of the pair adapter ('listen', 'connect', ...).
 */
export function callError(call: string, errno: number, ctx: { listener?: boolean; shutWr?: boolean } = {}): CallError {
  switch (errno) {
    case E.ECONNREFUSED:
      return 'connection refused';
    case E.EPIPE:
      // write() after our own shutdown(SHUT_WR) is SEND in FIN-WAIT-1/2, CLOSING, LAST-ACK or TIME-WAIT:
      // "connection closing". On a listener it is SEND in LISTEN with no foreign socket.
      if (ctx.listener) return 'foreign socket unspecified';
      if (ctx.shutWr) return 'connection closing';
      return 'connection reset';
    case E.ECONNRESET:
    case E.ECONNABORTED:
    case E.ETIMEDOUT:
      return 'connection reset';
    case E.ENOTCONN:
    case E.EBADF:
      return 'connection does not exist';
    case E.EISCONN:
    case E.EALREADY:
    case E.EADDRINUSE:
      return 'connection already exists';
    case E.EINVAL:
      // listen() on a connecting or connected socket.
      return call === 'open' || call === 'listen' || call === 'connect'
        ? 'connection already exists'
        : 'connection does not exist';
    default:
      // EAGAIN on write (no room, or SEND in SYN-SENT: Linux does not queue it), ENOBUFS, ...
      return 'insufficient resources';
  }
}

/**
 * Result of a call from its raw answer (r >= 0, or -errno): RFC 9293's words, with the errno's name beside them
 * (`EOF` for a read that returned 0), verbatim, so that a profile that predicts the errno can be held to it.
 */
export function callResult(
  call: string,
  res: { r: number; data?: string },
  ctx: { listener?: boolean; shutWr?: boolean } = {},
): CallResult {
  const r = res.r;
  if (call === 'receive' || call === 'recv') {
    if (r > 0) return { ok: true, data: res.data ?? '' };
    // End of file: the peer's FIN was read.
    if (r === 0) return { ok: false, error: 'connection closing', errno: 'EOF' };
    if (r === -E.EAGAIN) return { ok: true, data: '' }; // nothing on hand (RECEIVE is non-blocking here)
    return { ok: false, error: callError(call, -r, ctx), errno: errnoName(-r) };
  }
  if (r >= 0) return { ok: true };
  return { ok: false, error: callError(call, -r, ctx), errno: errnoName(-r) };
}

/** How many lanes one namespace serves: each plays its own tester address, two of the 250 in 10.0.0.0/24. */
export const MAX_LANES = 125;

/** The IUT's address in a lane: the first lane's is the TUN device's own, the others' are in 10.1.0.0/16, which
 *  the worker makes local to the namespace (worker.ts). */
export const laneIutAddr = (lane: number): string => (lane === 0 ? IUT_ADDR : `10.1.0.${lane}`);

/**
 * Port and address plan: every run of a lane a fresh 4-tuple, so that leftovers of earlier runs never interfere;
 * each lane (--jobs) has an IUT address and a tester address of its own, so that lanes never meet. After 50000
 * runs a lane moves to its second tester address.
 */
export function tupleForRun(run: number, lane = 0): { iut: Endpoint; tester: Endpoint } {
  const idx = run % 50000;
  const host = 2 + ((lane + MAX_LANES * Math.floor(run / 50000)) % 250);
  return { iut: { addr: laneIutAddr(lane), port: 10000 + idx }, tester: { addr: `10.0.0.${host}`, port: 10000 + idx } };
}

export const LINUX_CAPABILITIES: Capabilities = {
  calls: ['open.passive', 'open.active', 'send', 'receive', 'close', 'close.halfDuplex', 'abort'],
  segments: true,
  state: true,
  signals: false,
  clock: 'real',
  // connect() again on the application's socket (the profile's open.connect.completes).
  features: ['openActiveAgain'],
};

/** Raw answer of one input: what a call returned, what the kernel emitted, the kernel state of the 4-tuple. */
interface Answer {
  r: number;
  data?: string;
  packets: Buffer[];
  st: number;
}

export class LinuxAdapter implements Adapter {
  readonly name = 'linux';
  readonly capabilities = LINUX_CAPABILITIES;
  readonly synchronous = false;
  private run = 0;
  private tuple: { iut: Endpoint; tester: Endpoint };
  /** The application's socket: the listener until a connection is accepted, then that connection. */
  private app = -1;
  private appIsListener = false;
  /** shutdown(SHUT_WR) was called on the application's socket. */
  private shutWr = false;
  /** What the kernel's connection of this run last acknowledged and the tester's highest sequence sent. */
  private lastIutAck?: number;
  private testerNxt?: number;
  private ipId = 0;
  private readonly diag: DiagLookup;
  private readonly tun: number;
  private readonly hub: TunHub;
  /** The lanes made from this one share its namespace (--jobs); the first owns it. */
  private readonly lanes: LinuxAdapter[] = [];
  /** Segments from other 4-tuples (earlier runs' orphans), skipped; counted for diagnostics. */
  stray = 0;
  /** Real time spent in wait inputs (Adapter.waitedMs). */
  waitedMs = 0;
  /** When the last observation was taken (or the run began): the IUT runs on its own from then. */
  private observedAt = performance.now();

  constructor(
    readonly channel: WorkerChannel,
    private readonly laneIndex = 0,
    shared?: { hub: TunHub; diag: DiagLookup },
  ) {
    this.tun = channel.tunFd;
    this.diag = shared?.diag ?? new DiagLookup(channel.diagFd, `/proc/${channel.pid}/net/tcp`);
    this.hub = shared?.hub ?? new TunHub(this.tun);
    this.tuple = tupleForRun(0, laneIndex);
    this.hub.claim(this.tuple.tester.addr);
  }

  /** Another endpoint in the same namespace, with a tester address of its own (Adapter.lane). */
  lane(): LinuxAdapter {
    if (this.laneIndex !== 0) throw new Error('lanes are made from the first linux adapter');
    if (this.lanes.length + 1 >= MAX_LANES)
      throw new AdapterConfigError(`the linux adapter runs at most ${MAX_LANES} lanes`);
    const l = new LinuxAdapter(this.channel, this.lanes.length + 1, { hub: this.hub, diag: this.diag });
    this.lanes.push(l);
    return l;
  }

  /** Sysctls, the state lookup method and the worker, recorded at start. */
  get info(): Record<string, unknown> {
    return {
      worker: this.channel.pid,
      tun: this.channel.info.tunName,
      stateLookup: this.diag.fallbackReason ? `/proc/net/tcp (${this.diag.fallbackReason})` : 'netlink sock_diag',
      sysctls: this.channel.info.sysctls,
    };
  }

  /** The facts that change the kernel's behaviour, for the check's JSON (`iut`): kernel release, every TCP
   *  sysctl the worker read inside the namespace at start (net.ipv4.tcp_*), and how states are looked up. */
  describeIut(): Record<string, string> {
    const out: Record<string, string> = {
      kernel: `${os.type()} ${os.release()}`,
      stateLookup: String(this.info.stateLookup),
    };
    const sysctls = this.channel.info.sysctls as unknown as Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(sysctls ?? {})) out[k.startsWith('net.') ? k : `net.ipv4.${k}`] = String(v);
    return out;
  }

  reset(_setup: RunSetup): Promise<void> {
    try {
      this.checkAlive(false);
      // Abort what the application holds, then end what is left of the previous run's connection (an orphan
      // after close(), TIME-WAIT) with RSTs at the sequence numbers it expects; discard what was emitted.
      this.closeApp(true);
      if (this.run > 0) {
        for (const seq of new Set([this.lastIutAck, this.testerNxt])) {
          if (seq !== undefined) this.write(this.packet({ seq, ack: 0, ctl: RST, wnd: 0, data: '' }));
        }
      }
      this.readTun();
      this.run += 1;
      const before = this.tuple.tester.addr;
      this.tuple = tupleForRun(this.run, this.laneIndex);
      if (this.tuple.tester.addr !== before) {
        this.hub.release(before);
        this.hub.claim(this.tuple.tester.addr);
      }
      this.lastIutAck = undefined;
      this.testerNxt = undefined;
      this.observedAt = performance.now();
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  apply(input: ConcreteInput): Promise<Observation> {
    try {
      this.checkAlive();
      const idle = input.kind === 'wait' ? 0 : Math.floor(performance.now() - this.observedAt);
      switch (input.kind) {
        case 'segment': {
          const s = input.segment;
          this.testerNxt = seqAdd(s.seq, segLen(s));
          const r = this.write(this.packet(s));
          if (r < 0) throw new AdapterFailure(`writing to the TUN device failed: errno ${-r}`);
          return Promise.resolve(this.idle(this.observe(this.epilogue(r)), idle));
        }
        case 'wait': {
          // Real time, without blocking the event loop; then collect what the kernel's timers sent.
          const t0 = performance.now();
          return new Promise<void>((resolve) => setTimeout(resolve, input.ms)).then(() => {
            const took = performance.now() - t0;
            this.waitedMs += took;
            this.checkAlive();
            const obs = this.observe(this.epilogue(0));
            obs.elapsedMs = Math.max(input.ms, Math.floor(took));
            this.observedAt = performance.now();
            return obs;
          });
        }
        case 'call': {
          const ctx = { listener: this.appIsListener, shutWr: this.shutWr };
          const answer = this.call(input);
          const obs = this.observe(answer);
          obs.result = callResult(input.call, answer, ctx);
          return Promise.resolve(this.idle(obs, idle));
        }
      }
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** The observation of a segment or call, with the time the IUT ran on its own before it (Observation.idleMs). */
  private idle(obs: Observation, ms: number): Observation {
    if (ms > 0) obs.idleMs = ms;
    this.observedAt = performance.now();
    return obs;
  }

  /** At the start of a run the channel itself is asked; on every input, whether the worker's exit was seen. */
  private checkAlive(cheap = true): void {
    if (!(cheap ? this.channel.seenAlive : this.channel.alive)) {
      this.channel.killNow();
      throw new AdapterFailure('the linux worker died; its namespace has been released');
    }
  }

  private packet(segment: Segment): Buffer {
    this.ipId = (this.ipId + 1) & 0xffff;
    return encodePacket({ src: this.tuple.tester, dst: this.tuple.iut, segment }, this.ipId);
  }

  private write(packet: Buffer): number {
    return K.writePacket(this.tun, packet);
  }

  private readTun(): Buffer[] {
    return this.hub.take(this.tuple.tester.addr);
  }

  private closeApp(abort: boolean): void {
    if (this.app < 0) return;
    if (abort) K.setLingerZero(this.app);
    this.channel.close(this.app);
    this.app = -1;
    this.appIsListener = false;
    this.shutWr = false;
  }

  /** A new application socket bound to the run's IUT address, or -errno. */
  private openApp(): number {
    const fd = this.channel.socket();
    K.setNoDelay(fd);
    const r = K.bind(fd, this.tuple.iut.addr, this.tuple.iut.port);
    if (r < 0) {
      this.channel.close(fd);
      return r;
    }
    return fd;
  }

  private call(input: Extract<ConcreteInput, { kind: 'call' }>): Answer {
    let app = this.app;
    switch (input.call) {
      case 'open': {
        if (app >= 0 && !this.appIsListener && K.tcpInfoState(app) === TCP_CLOSE) {
          // The application's connection has ended; the socket was kept only for its history. OPEN makes a new
          // connection (RFC 9293 §3.10.1), so a new socket: connect() or listen() on the old one would carry its
          // shutdown flags over to the new connection (NOTES.md, "shutdown() on a closed socket").
          this.closeApp(false);
          app = -1;
        }
        if (input.mode === 'passive') {
          if (app >= 0) {
            // The kernel's answer on a used socket; where it succeeds (a socket whose connection attempt ended),
            // the socket is a listener from now on, so that CLOSE closes it as in LISTEN.
            const r = K.listen(app, BACKLOG);
            if (r >= 0) this.appIsListener = true;
            return this.epilogue(r);
          }
          const fd = this.openApp();
          if (fd < 0) return this.epilogue(fd);
          const r = K.listen(fd, BACKLOG);
          if (r < 0) this.channel.close(fd);
          else {
            this.app = fd;
            this.appIsListener = true;
          }
          return this.epilogue(r);
        }
        let fd = app;
        if (fd < 0) {
          fd = this.openApp();
          if (fd < 0) return this.epilogue(fd);
          this.app = fd;
          this.shutWr = false;
        }
        const r = K.connect(fd, this.tuple.tester.addr, this.tuple.tester.port);
        // An OPEN that fails on a socket made for it leaves no connection, and the application no socket: the
        // RFC's failed OPEN creates no TCB (EADDRNOTAVAIL while a half-open connection holds the 4-tuple).
        if (r < 0 && app < 0) this.closeApp(false);
        return this.epilogue(r);
      }
      case 'send':
        return this.epilogue(app < 0 ? -E.EBADF : K.send(app, input.data));
      case 'receive': {
        if (app < 0) return this.epilogue(-E.EBADF);
        const a = K.recv(app);
        const ans = this.epilogue(a.r);
        if (a.data !== undefined) ans.data = a.data;
        return ans;
      }
      case 'close':
        if (app < 0) return this.epilogue(-E.EBADF);
        if (input.mode === 'halfDuplex' || this.appIsListener) {
          // close(). Also for CLOSE in LISTEN: shutdown() of a listener is a no-op in Linux (inet_shutdown),
          // while the RFC deletes the LISTEN TCB.
          this.closeApp(false);
          return this.epilogue(0);
        }
        this.shutWr = true;
        return this.epilogue(K.shutdown(app, SHUT_WR));
      case 'abort':
        if (app < 0) return this.epilogue(-E.EBADF);
        this.closeApp(true);
        return this.epilogue(0);
    }
  }

  /**
   * After every input: hand a connection the listener has accepted over to the application (the LISTEN TCB
   * "becomes" the connection, as with a passive OPEN in the RFC, so the listener is closed), read what the
   * kernel emitted — it has processed our packet or call before the system call returned — and look the run's
   * 4-tuple up.
   */
  private epilogue(r: number): Answer {
    if (this.appIsListener) {
      const fd = K.accept(this.app);
      if (fd >= 0) {
        this.channel.adopt(fd);
        this.channel.close(this.app);
        this.app = fd;
        this.appIsListener = false;
      }
    }
    return { r, packets: this.readTun(), st: this.connectionState() };
  }

  /**
   * The kernel state of the run's 4-tuple. While the application holds the connection's own socket, TCP_INFO
   * on it says (one getsockopt); a listener's half-open connections, orphans and TIME-WAIT records have no fd
   * of ours, and a socket whose connection ended shows CLOSE while a TIME-WAIT record may remain: sock_diag.
   */
  private connectionState(): number {
    if (this.app >= 0 && !this.appIsListener) {
      const st = K.tcpInfoState(this.app);
      if (st > 0 && st !== TCP_CLOSE) return st;
    }
    const { iut, tester } = this.tuple;
    return this.diag.state(iut.addr, iut.port, tester.addr, tester.port);
  }

  private observe(a: Answer): Observation {
    const { iut, tester } = this.tuple;
    const segments: Segment[] = [];
    for (const b of a.packets) {
      let p;
      try {
        p = decodePacket(b);
      } catch (e) {
        // Not TCP over IPv4 (IPv6 router solicitations and the like), or not readable: not a segment of the run.
        if (e instanceof PacketError) continue;
        throw e;
      }
      if (!sameEndpoint(p.src, iut) || !sameEndpoint(p.dst, tester)) {
        this.stray += 1;
        continue;
      }
      if (p.segment.ctl & ACK) this.lastIutAck = p.segment.ack;
      segments.push(p.segment);
    }
    return { segments, state: kernelState(a.st) };
  }

  /** A lane only lets its socket go; the first adapter releases the namespace, and with it every lane. */
  dispose(): Promise<void> {
    if (this.laneIndex !== 0) {
      if (this.channel.alive) this.closeApp(true);
      this.app = -1;
      return Promise.resolve();
    }
    this.app = -1;
    for (const l of this.lanes) l.app = -1;
    return this.channel.dispose();
  }
}

/** tcpi_state of a socket without a connection (include/net/tcp_states.h). */
const TCP_CLOSE = 7;

/** listen() backlog of a passive OPEN. */
export const BACKLOG = 16;

export async function createLinuxAdapter(_options?: AdapterOptions): Promise<LinuxAdapter> {
  return new LinuxAdapter(await WorkerChannel.start('peer'));
}

// Flags re-exported for tests and the bench.
export { ACK, FIN, RST, SYN };
