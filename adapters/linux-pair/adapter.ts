// `linux-pair`: kernel sockets talking to each other over loopback inside a private network namespace (the
// same worker as the packet-level adapter, in 'pair' mode: no TUN device, only lo). Calls are made from this
// process on sockets the worker created inside the namespace (adapters/linux/protocol.ts).
import { CallResult } from '../../models/observation';
import { callResult, kernelState } from '../linux/adapter';
import { WorkerChannel } from '../linux/channel';
import { DiagLookup } from '../linux/diag';
import { E, SHUT_WR, errnoName } from '../linux/libc';
import * as K from '../linux/sockets';
import { AdapterFailure } from '../types';
import { PairAdapter, PairCall, PairObservation, PairStates, Side, SocketOptions } from './types';

const LOOPBACK = '127.0.0.1';
/** Ports per run: the server's, then one per client. */
const PORTS_PER_RUN = 16;

export class LinuxPairAdapter implements PairAdapter {
  readonly name = 'linux-pair';
  private run = 0;
  private listener = -1;
  /** Connection sockets: the server's accepted connection under 'server', each client's under its name. */
  private readonly conns = new Map<Side, number>();
  /** Clients that have connected in this run (their states are reported). */
  private readonly clients = new Set<Side>();
  /** Sides that called shutdown(SHUT_WR) on their connection. */
  private readonly shut = new Set<Side>();
  private readonly diag: DiagLookup;

  constructor(readonly channel: WorkerChannel) {
    this.diag = new DiagLookup(channel.diagFd, `/proc/${channel.pid}/net/tcp`);
  }

  port(side: Side): number {
    const base = 20000 + (this.run % 2500) * PORTS_PER_RUN;
    if (side === 'server') return base;
    if (side === 'client') return base + 1;
    const n = Number(side.slice('client'.length));
    if (!Number.isInteger(n) || n < 2 || n >= PORTS_PER_RUN)
      throw new Error(`unknown side "${side}" (client2..client15)`);
    return base + n;
  }

  reset(): Promise<void> {
    this.checkAlive();
    for (const fd of [this.listener, ...this.conns.values()]) {
      if (fd < 0) continue;
      K.setLingerZero(fd);
      this.channel.close(fd);
    }
    this.listener = -1;
    this.conns.clear();
    this.clients.clear();
    this.shut.clear();
    this.run += 1;
    return Promise.resolve();
  }

  private checkAlive(): void {
    if (!this.channel.alive) {
      this.channel.killNow();
      throw new AdapterFailure('the linux-pair worker died; its namespace has been released');
    }
  }

  states(): PairStates {
    const out: PairStates = {};
    const server = this.port('server');
    const client = this.port('client');
    out.server = kernelState(this.diag.state(LOOPBACK, server, LOOPBACK, client));
    for (const c of ['client' as Side, ...this.clients]) {
      out[c] = kernelState(this.diag.state(LOOPBACK, this.port(c), LOOPBACK, server));
    }
    return out;
  }

  async wait(ms: number): Promise<PairStates> {
    await new Promise((r) => setTimeout(r, ms));
    this.checkAlive();
    return this.states();
  }

  call(side: Side, c: PairCall): Promise<PairObservation> {
    try {
      this.checkAlive();
      const { r, data } = this.perform(side, c);
      const result: CallResult = callResult(c.call, { r, data }, { listener: false, shutWr: this.shut.has(side) });
      const obs: PairObservation = { result, states: this.states() };
      if (r < 0) obs.errno = errnoName(-r);
      else if (c.call === 'send' || c.call === 'receive') obs.n = r;
      return Promise.resolve(obs);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private newSocket(o: SocketOptions, side: Side): number {
    const fd = this.channel.socket();
    K.setNoDelay(fd);
    if (o.reuseAddr) K.setReuseAddr(fd);
    K.setBuffers(fd, o.sndbuf, o.rcvbuf);
    const r = K.bind(fd, LOOPBACK, this.port(side));
    if (r < 0) {
      this.channel.close(fd);
      return r;
    }
    return fd;
  }

  private perform(side: Side, c: PairCall): { r: number; data?: string } {
    const conn = this.conns.get(side) ?? -1;
    switch (c.call) {
      case 'listen': {
        if (side !== 'server') throw new Error('listen is a server call');
        if (this.listener >= 0) return { r: -E.EISCONN };
        const fd = this.newSocket(c, side);
        if (fd < 0) return { r: fd };
        const r = K.listen(fd, c.backlog ?? 16);
        if (r < 0) this.channel.close(fd);
        else this.listener = fd;
        return { r };
      }
      case 'accept': {
        if (side !== 'server') throw new Error('accept is a server call');
        if (this.listener < 0) return { r: -E.EINVAL };
        const fd = K.accept(this.listener);
        if (fd < 0) return { r: fd };
        this.channel.adopt(fd);
        if (conn >= 0) this.channel.close(conn); // one connection per side; later ones replace it
        this.conns.set(side, fd);
        this.shut.delete(side);
        return { r: 0 };
      }
      case 'connect': {
        if (side === 'server') throw new Error('connect is a client call');
        let fd = conn;
        if (fd < 0) {
          fd = this.newSocket(c, side);
          if (fd < 0) return { r: fd };
          this.conns.set(side, fd);
          this.clients.add(side);
        }
        return { r: K.connect(fd, LOOPBACK, this.port('server')) };
      }
      case 'send':
        return { r: conn < 0 ? -E.EBADF : K.send(conn, c.data) };
      case 'receive':
        return conn < 0 ? { r: -E.EBADF } : K.recv(conn);
      case 'shutdown':
        if (conn >= 0) this.shut.add(side);
        return { r: conn < 0 ? -E.EBADF : K.shutdown(conn, SHUT_WR) };
      case 'close':
      case 'abort':
        if (conn < 0) return { r: -E.EBADF };
        if (c.call === 'abort') K.setLingerZero(conn);
        this.channel.close(conn);
        this.conns.delete(side);
        this.shut.delete(side);
        return { r: 0 };
      case 'closeListener':
        if (this.listener < 0) return { r: -E.EBADF };
        this.channel.close(this.listener);
        this.listener = -1;
        return { r: 0 };
      case 'rebind': {
        const fd = this.newSocket(c, side);
        if (fd < 0) return { r: fd };
        const r = c.listen ? K.listen(fd, 1) : 0;
        this.channel.close(fd);
        return { r };
      }
    }
  }

  dispose(): Promise<void> {
    this.conns.clear();
    this.listener = -1;
    return this.channel.dispose();
  }
}

export async function createLinuxPairAdapter(): Promise<LinuxPairAdapter> {
  return new LinuxPairAdapter(await WorkerChannel.start('pair'));
}
