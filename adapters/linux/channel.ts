// The harness side of the worker: start it in a fresh network namespace, take file descriptors from it, and
// make sure that it, its namespace and its TUN device are gone when we are done, however that happens.
//
// - `unshare --net` (as root) or `unshare --user --map-root-user --net` (rootless, where the system allows user
//   namespaces) execs node on worker.js directly, without --fork: the worker is our own child, so it can ask
//   the kernel to kill it when we die (PR_SET_PDEATHSIG), whatever way we die (exit, SIGINT, SIGKILL, crash).
// - The worker makes fds inside the namespace; we copy them with pidfd_getfd(2) and the worker closes its
//   copies at once, so each such fd lives in exactly one place: our `owned` set. The namespace is anonymous:
//   it is freed when the worker has exited and the last of those fds is closed. dispose() and the exit hook
//   close them all; if this process dies, the kernel closes them.
// - The control channel is a blocking AF_UNIX socketpair (the worker's fd 3), used synchronously: it is only
//   needed at start and once per 64 sockets, never per event.
import { ChildProcess, spawn } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { AdapterFailure, AdapterUnavailable } from '../types';
import { AF_UNIX, SOCK_CLOEXEC, SOCK_STREAM, SYS_pidfd_getfd, SYS_pidfd_open, libc, pollIn } from './libc';
import type { Ready, Reply, Request } from './protocol';

export type WorkerMode = 'peer' | 'pair';

const live = new Set<WorkerChannel>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Normal exit. Signals and crashes are covered by PR_SET_PDEATHSIG in the worker; no signal handler is
  // installed here, so the CLI's own SIGINT handling is left alone.
  process.on('exit', () => {
    for (const ch of live) ch.killNow();
  });
}

/** What is missing on this machine, or undefined when the adapter can try to start. */
export function missingPrerequisite(mode: WorkerMode): string | undefined {
  if (process.platform !== 'linux') return `the linux adapters need Linux (this is ${process.platform})`;
  const which = (cmd: string): boolean =>
    (process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin')
      .split(':')
      .concat(['/usr/sbin', '/sbin'])
      .some((d) => fs.existsSync(path.join(d, cmd)));
  if (!which('unshare')) return 'the `unshare` command (util-linux) is not installed';
  if (!which('ip')) return 'the `ip` command (iproute2) is not installed';
  if (mode === 'peer' && !fs.existsSync('/dev/net/tun')) return '/dev/net/tun does not exist (TUN driver missing)';
  if (mode === 'peer' && process.getuid?.() !== 0) {
    try {
      fs.accessSync('/dev/net/tun', fs.constants.R_OK | fs.constants.W_OK);
    } catch {
      return 'not root, and no read/write access to /dev/net/tun (a user namespace does not change that)';
    }
  }
  try {
    libc();
  } catch (e) {
    return `koffi cannot load libc: ${(e as Error).message}`;
  }
  return undefined;
}

/** worker.js next to this file when compiled; otherwise (ts-jest, sources) transpile it into a cache dir. */
function workerScript(): string {
  const js = path.join(__dirname, 'worker.js');
  if (fs.existsSync(js)) return js;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  const files = ['worker', 'libc', 'protocol'];
  const sources = files.map((f) => fs.readFileSync(path.join(__dirname, `${f}.ts`), 'utf8'));
  const hash = crypto.createHash('sha256').update(sources.join('\0')).digest('hex').slice(0, 16);
  const dir = path.join(os.tmpdir(), `tcpconform-linux-worker-${hash}`);
  if (!fs.existsSync(path.join(dir, 'worker.js'))) {
    const tmp = `${dir}.${process.pid}.tmp`;
    fs.mkdirSync(tmp, { recursive: true });
    files.forEach((f, i) => {
      const out = ts.transpileModule(sources[i], {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      });
      fs.writeFileSync(path.join(tmp, `${f}.js`), out.outputText);
    });
    try {
      fs.renameSync(tmp, dir);
    } catch {
      fs.rmSync(tmp, { recursive: true, force: true }); // another process won the race
    }
  }
  return path.join(dir, 'worker.js');
}

const POOL_BATCH = 64;

export class WorkerChannel {
  private readonly buf = Buffer.alloc(1 << 16);
  private pending = '';
  private exited = false;
  private readonly exitPromise: Promise<void>;
  private stderr = '';
  private pidfd = -1;
  private readonly pool: number[] = [];
  /** Every fd of the namespace this process holds (sockets, TUN, netlink). */
  private readonly owned = new Set<number>();
  info!: Extract<Ready, { ready: true }>;
  /** The TUN device (peer mode) and the sock_diag socket, as fds of this process; -1 when absent. */
  tunFd = -1;
  diagFd = -1;

  private constructor(
    private readonly child: ChildProcess,
    private fd: number,
    readonly mode: WorkerMode,
  ) {
    child.once('exit', () => {
      this.exited = true;
    });
    // 'close' comes after 'exit' and after the last of its stderr has been read.
    this.exitPromise = new Promise((resolve) => child.once('close', () => resolve()));
    child.stderr?.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-4000);
    });
  }

  /** The worker's pid: the process whose network namespace the fds belong to. */
  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Start a worker in a new namespace; AdapterUnavailable with one line when this machine cannot. */
  static async start(mode: WorkerMode): Promise<WorkerChannel> {
    const missing = missingPrerequisite(mode);
    if (missing) throw new AdapterUnavailable(missing);
    const c = libc();
    const sv = Buffer.alloc(8);
    if (c.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
      throw new AdapterFailure(`socketpair failed: errno ${c.errno()}`);
    }
    const mine = sv.readInt32LE(0);
    const theirs = sv.readInt32LE(4);
    const root = process.getuid?.() === 0;
    const ns = root ? ['--net'] : ['--user', '--map-root-user', '--net'];
    const koffiDir = path.dirname(path.dirname(require.resolve('koffi')));
    const env = { ...process.env, NODE_PATH: [koffiDir, process.env.NODE_PATH].filter(Boolean).join(':') };
    const child = spawn('unshare', [...ns, '--', process.execPath, workerScript(), mode, String(process.pid)], {
      stdio: ['ignore', 'ignore', 'pipe', theirs],
      env,
    });
    c.close(theirs);
    child.unref();
    (child.stderr as unknown as { unref?: () => void } | null)?.unref?.();
    const ch = new WorkerChannel(child, mine, mode);
    live.add(ch);
    installExitHook();
    let ready: Ready | undefined;
    let why = '';
    try {
      ready = JSON.parse(ch.readLine(15000)) as Ready;
      if (ready.ready) {
        ch.info = ready;
        ch.pidfd = Number(c.syscall(SYS_pidfd_open, 'int', ready.pid, 'unsigned int', 0));
        if (ch.pidfd < 0) throw new Error(`pidfd_open failed: errno ${c.errno()}`);
        const taken: number[] = [];
        if (ready.tun !== undefined) {
          ch.tunFd = ch.take(ready.tun);
          taken.push(ready.tun);
        }
        if (ready.diag !== undefined) {
          ch.diagFd = ch.take(ready.diag);
          taken.push(ready.diag);
        }
        ch.request({ op: 'release', fds: taken });
      }
    } catch (e) {
      why = (e as Error).message;
      if (ready?.ready) ready = { ready: false, error: why };
    }
    if (!ready || !ready.ready) {
      await ch.dispose();
      const detail = ready && !ready.ready ? ready.error : ch.stderr.trim().split('\n').pop() || why;
      const need = root ? '' : ' (not root: needs unprivileged user namespaces and access to /dev/net/tun)';
      throw new AdapterUnavailable(`cannot set up a private network namespace${need}: ${detail}`);
    }
    return ch;
  }

  /** Copy the worker's fd into this process (pidfd_getfd: the copy is close-on-exec). */
  private take(workerFd: number): number {
    const c = libc();
    const fd = Number(c.syscall(SYS_pidfd_getfd, 'int', this.pidfd, 'int', workerFd, 'unsigned int', 0));
    if (fd < 0) throw new AdapterFailure(`pidfd_getfd failed: errno ${c.errno()}`);
    this.owned.add(fd);
    return fd;
  }

  /** A fresh TCP socket (non-blocking, unbound) inside the namespace, owned by this process. */
  socket(): number {
    if (this.pool.length === 0) {
      const reply = this.request({ op: 'sockets', n: POOL_BATCH, release: [] });
      const workerFds = reply.fds ?? [];
      try {
        for (const wfd of workerFds) this.pool.push(this.take(wfd));
      } finally {
        this.request({ op: 'release', fds: workerFds });
      }
    }
    return this.pool.pop() as number;
  }

  /** Register an fd this process made from an owned one (accept4). */
  adopt(fd: number): void {
    this.owned.add(fd);
  }

  /** Close an owned fd. */
  close(fd: number): void {
    if (this.owned.delete(fd)) libc().close(fd);
  }

  /** False once the worker has died (checked without blocking: its end of the channel is then readable). */
  get alive(): boolean {
    if (this.fd < 0 || this.exited) return false;
    return !pollIn(this.fd, 0);
  }

  /** False once the worker's exit has been seen: no system call, for the checks made on every input (the exit
   *  is seen at the next turn of the event loop; `alive` asks the channel itself). */
  get seenAlive(): boolean {
    return this.fd >= 0 && !this.exited;
  }

  private readLine(timeoutMs: number): string {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const nl = this.pending.indexOf('\n');
      if (nl >= 0) {
        const line = this.pending.slice(0, nl);
        this.pending = this.pending.slice(nl + 1);
        return line;
      }
      if (this.fd < 0) throw new AdapterFailure('the linux worker channel is closed');
      const left = deadline - Date.now();
      if (left <= 0 || !pollIn(this.fd, left)) {
        throw new AdapterFailure(`the linux worker did not answer within ${timeoutMs} ms`);
      }
      let n: number;
      try {
        n = fs.readSync(this.fd, this.buf, 0, this.buf.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN' || code === 'EINTR') continue;
        throw new AdapterFailure(`reading from the linux worker failed: ${code}`);
      }
      if (n === 0) throw new AdapterFailure('the linux worker exited unexpectedly');
      this.pending += this.buf.toString('utf8', 0, n);
    }
  }

  /** One request, one reply. Synchronous: used at start and for socket batches only. */
  private request(req: Request, timeoutMs = 10000): Extract<Reply, { ok: true }> {
    if (this.fd < 0) throw new AdapterFailure('the linux worker has been disposed');
    const line = Buffer.from(JSON.stringify(req) + '\n');
    let reply: Reply;
    try {
      let off = 0;
      while (off < line.length) off += fs.writeSync(this.fd, line, off);
      reply = JSON.parse(this.readLine(timeoutMs)) as Reply;
    } catch (e) {
      this.killNow();
      throw e instanceof AdapterFailure ? e : new AdapterFailure(`the linux worker is gone: ${(e as Error).message}`);
    }
    if (!reply.ok) throw new AdapterFailure(`the linux worker failed: ${reply.error}`);
    return reply;
  }

  /** Close every fd of the namespace and kill the worker, at once (synchronous: safe in an 'exit' handler). */
  killNow(): void {
    const c = libc();
    for (const fd of this.owned) c.close(fd);
    this.owned.clear();
    this.pool.length = 0;
    this.tunFd = -1;
    this.diagFd = -1;
    for (const fd of [this.fd, this.pidfd]) if (fd >= 0) c.close(fd);
    this.fd = -1;
    this.pidfd = -1;
    if (!this.exited && this.child.pid !== undefined) {
      try {
        process.kill(this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    live.delete(this);
  }

  /** Kill the worker, close every fd and wait until it has been reaped: afterwards the namespace is gone. */
  async dispose(): Promise<void> {
    this.killNow();
    // The child and its stderr are unref'd so that a forgotten adapter never keeps the process alive; while we
    // wait for them here they must keep it alive, or node would exit in the middle of this await.
    this.child.ref();
    (this.child.stderr as unknown as { ref?: () => void } | null)?.ref?.();
    await this.exitPromise;
  }
}
