// The harness side of the process protocol (PROTOCOL.md): an Adapter that talks to an IUT over a line stream.
// `createStreamAdapter` works on any stream pair (tests use it in memory); `createProcessAdapter` spawns the
// command and adds what a child process needs: exit detection, a stderr tail, and killing it on every path.
import { ChildProcess, spawn } from 'child_process';
import { Readable, Writable } from 'stream';
import { Adapter, AdapterFailure, Capabilities, RunSetup } from '../types';
import { ConcreteInput } from '../../models/input';
import { Observation } from '../../models/observation';
import { ProtocolError, Request, describeRequest, encodeRequest, excerpt, parseHello, parseReply } from './protocol';

export interface StreamAdapterOptions {
  /** Name used in messages and reports; defaults to the IUT name from the hello. */
  name?: string;
  /** Limit for each reply (PROTOCOL.md: 5 s). A real-clock `wait` adds its own duration. */
  requestTimeoutMs?: number;
  /** Limit for the hello line: start-ups such as `npx` are slow. */
  helloTimeoutMs?: number;
  /** Lines longer than this are refused (a child stuck printing without a newline). */
  maxLineBytes?: number;
}

export interface ProcessAdapterOptions extends StreamAdapterOptions {
  /** Shell command starting the IUT (run with /bin/sh -c). */
  cmd: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Start a fresh child for every run (each `reset` after the first): for IUTs whose state carries over from
   *  run to run inside one process and that cannot fork (gVisor's Go shim), so that the same run seed always gives
   *  the same run. The C shims fork instead (shim/forkserver.h: each run a copy of the image before any run). */
  restartOnReset?: boolean;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
export const DEFAULT_HELLO_TIMEOUT_MS = 30000;
const DEFAULT_MAX_LINE = 1 << 20;
const STDERR_TAIL_BYTES = 4096;
const STDERR_TAIL_LINES = 12;

/** The transport under the protocol: lines in, lines out, and a way to learn why it died. */
interface Channel {
  write(line: string): void;
  /** Extra context for failure messages (the child's stderr tail). */
  context(): string;
  close(): Promise<void>;
}

interface Pending {
  req: Request | 'hello';
  resolve(line: string): void;
  timer: NodeJS.Timeout;
}

/** Splits a byte stream into lines; calls `onLine` per complete line and `onOverflow` for a runaway line. */
class LineSplitter {
  private buf = '';
  constructor(
    private readonly max: number,
    private readonly onLine: (line: string) => void,
    private readonly onOverflow: (start: string) => void,
  ) {}
  push(chunk: string): void {
    this.buf += chunk;
    let nl: number;
    while ((nl = this.buf.indexOf('\n')) >= 0) {
      const line = this.buf.slice(0, nl).replace(/\r$/, '');
      this.buf = this.buf.slice(nl + 1);
      this.onLine(line);
    }
    if (this.buf.length > this.max) {
      const start = this.buf;
      this.buf = '';
      this.onOverflow(start);
    }
  }
}

/** One protocol session: request/response bookkeeping, timeouts and the first failure, which is final. */
class Session implements Adapter {
  name = 'process';
  capabilities: Capabilities = { calls: [], segments: false, state: false, signals: false, clock: 'virtual' };
  readonly synchronous = false;
  private nextId = 1;
  private pending: Pending | undefined;
  /** The request being answered, from sending it until its reply has been read: for messages. */
  private current: Request | 'hello' | undefined;
  private failure: AdapterFailure | undefined;
  private failureHead = '';
  private failed: Promise<never>;
  private rejectFailed!: (e: AdapterFailure) => void;
  private disposed = false;

  /** The IUT died or fell silent on an input: the next run needs a fresh child. */
  get crashed(): boolean {
    return this.failure?.crashed !== undefined;
  }

  constructor(
    private readonly label: string,
    private readonly channel: Channel,
    private readonly opts: Required<Omit<StreamAdapterOptions, 'name'>> & { name?: string },
  ) {
    this.failed = new Promise<never>((_, reject) => (this.rejectFailed = reject));
    this.failed.catch(() => undefined); // observed through race(); never an unhandled rejection
  }

  /** Everything that can go wrong ends here: one message, the child's stderr tail, the channel closed. */
  fail(what: string, crashed?: 'exit' | 'hang'): AdapterFailure {
    if (this.failure) return this.failure;
    if (this.disposed) return new AdapterFailure(`${this.label}: ${what} (after dispose)`);
    const onInput = this.current !== undefined && this.current !== 'hello' && this.current.op === 'input';
    const during = this.current
      ? ` (while waiting for the ${this.current === 'hello' ? 'hello line' : 'reply to ' + describeRequest(this.current)})`
      : '';
    this.failureHead = `${this.label}: ${what}${during}`;
    this.failure = new AdapterFailure(this.failureHead);
    // Dying or falling silent on an input is the IUT's doing; at the hello or a reset it cannot run at all.
    if (crashed && onInput) this.failure.crashed = crashed;
    this.refreshContext();
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
    this.rejectFailed(this.failure);
    void this.channel.close();
    return this.failure;
  }

  /** Puts the child's latest stderr tail under the failure's first line. Run again once the child is gone:
   *  its last words often arrive after the line or the exit that made it fail. */
  refreshContext(): void {
    if (!this.failure) return;
    const context = this.channel.context();
    this.failure.message = this.failureHead + (context ? '\n' + context : '');
  }

  onLine(line: string): void {
    if (this.failure || this.disposed) return;
    if (line.trim() === '') return;
    const p = this.pending;
    if (!p) {
      this.fail(`unexpected line with no request outstanding: ${excerpt(line)}`);
      return;
    }
    clearTimeout(p.timer);
    this.pending = undefined;
    p.resolve(line);
  }

  /** Sends one line (or none, for the hello) and waits for the answer, the timeout or a failure. */
  private exchange(req: Request | 'hello', timeoutMs: number): Promise<string> {
    if (this.disposed) return Promise.reject(new AdapterFailure(`${this.label}: used after dispose()`));
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending)
      return Promise.reject(this.fail('a request was made while another was still outstanding (harness bug)'));
    const answer = new Promise<string>((resolve) => {
      const timer = setTimeout(() => {
        this.fail(`no answer within ${timeoutMs} ms`, 'hang');
      }, timeoutMs);
      this.pending = { req, resolve, timer };
    });
    this.current = req;
    if (req !== 'hello') {
      try {
        this.channel.write(encodeRequest(req) + '\n');
      } catch (e) {
        return Promise.reject(this.fail(`cannot write to the child: ${(e as Error).message}`, 'exit'));
      }
    }
    return Promise.race([answer, this.failed]);
  }

  async hello(): Promise<void> {
    const line = await this.exchange('hello', this.opts.helloTimeoutMs);
    try {
      const hello = parseHello(line);
      this.capabilities = hello.capabilities;
      this.name = this.opts.name ?? hello.iut;
    } catch (e) {
      throw this.protocolFailure(e);
    }
    this.current = undefined;
  }

  private protocolFailure(e: unknown): AdapterFailure {
    if (e instanceof ProtocolError) return this.fail(e.message);
    return this.fail(`internal error while reading the child's answer: ${(e as Error)?.message ?? String(e)}`);
  }

  private async request(req: Request, result: boolean, extraMs = 0): Promise<Observation> {
    const line = await this.exchange(req, this.opts.requestTimeoutMs + extraMs);
    let reply;
    try {
      reply = parseReply(line, req.id, { result, state: this.capabilities.state });
    } catch (e) {
      throw this.protocolFailure(e);
    }
    if ('error' in reply) throw this.fail(`the IUT answered with an error: ${reply.error}`);
    this.current = undefined;
    return reply.observation;
  }

  async reset(setup: RunSetup): Promise<void> {
    // Ids count from 1 in every run: a message naming a request (a crash's, in a report) then depends on the run
    // alone, not on how many runs this child served before it (a shim that forks per run serves them all).
    this.nextId = 1;
    await this.request({ id: this.nextId++, op: 'reset', profile: setup.profile, seed: setup.seed }, false);
  }

  apply(input: ConcreteInput): Promise<Observation> {
    const extra = input.kind === 'wait' && this.capabilities.clock === 'real' ? input.ms : 0;
    return this.request({ id: this.nextId++, op: 'input', input }, input.kind === 'call', extra);
  }

  /** The IUT's state without an input (PROTOCOL.md `state`). */
  async state(): Promise<Observation> {
    return this.request({ id: this.nextId++, op: 'state' }, false);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
    await this.channel.close();
  }
}

function withDefaults(o: StreamAdapterOptions) {
  return {
    name: o.name,
    requestTimeoutMs: o.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    helloTimeoutMs: o.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS,
    maxLineBytes: o.maxLineBytes ?? DEFAULT_MAX_LINE,
  };
}

function attach(session: Session, from: Readable, max: number): void {
  const splitter = new LineSplitter(
    max,
    (line) => session.onLine(line),
    (start) => session.fail(`a line longer than ${max} bytes without a newline: ${excerpt(start, 60)}`),
  );
  from.setEncoding('utf8');
  from.on('data', (chunk: string) => splitter.push(chunk));
  from.on('error', (e) => session.fail(`reading the child's output failed: ${e.message}`));
}

export type ProcessAdapter = Omit<Adapter, 'reset' | 'apply' | 'dispose'> & {
  reset(setup: RunSetup): Promise<void>;
  apply(input: ConcreteInput): Promise<Observation>;
  /** The IUT's state without an input. */
  state(): Promise<Observation>;
  dispose(): Promise<void>;
};

/**
 * An adapter over an already-connected stream pair: `fromIut` carries the IUT's lines, `toIut` takes requests.
 * Waits for the hello before returning.
 */
export async function createStreamAdapter(
  fromIut: Readable,
  toIut: Writable,
  options: StreamAdapterOptions = {},
): Promise<ProcessAdapter> {
  const opts = withDefaults(options);
  const channel: Channel = {
    write: (line) => void toIut.write(line),
    context: () => '',
    close: async () => {
      toIut.end();
    },
  };
  const s = new Session(`process adapter${options.name ? ' "' + options.name + '"' : ''}`, channel, opts);
  attach(s, fromIut, opts.maxLineBytes);
  fromIut.on('end', () => s.fail('the IUT closed its output'));
  toIut.on('error', (e) => s.fail(`writing to the IUT failed: ${e.message}`));
  await s.hello();
  return s;
}

// ---------------------------------------------------------------------------------------------- children

/** Every child still alive, so that none outlives the harness (killed synchronously on process exit). */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL'); // the whole group: sh, npx, node, the stack...
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Kills every child the process adapter started. For CLIs' signal handlers; also runs on process exit. */
export function killAllChildren(): void {
  for (const c of live) killGroup(c);
  live.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killAllChildren);
}

/** Keeps the last few KB of a stream, for failure messages. */
class Tail {
  private text = '';
  push(chunk: string): void {
    this.text = (this.text + chunk).slice(-STDERR_TAIL_BYTES);
  }
  format(): string {
    const lines = this.text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(-STDERR_TAIL_LINES);
    if (lines.length === 0) return '  (the child wrote nothing on stderr)';
    return (
      `  child stderr (last ${lines.length} line${lines.length === 1 ? '' : 's'}):\n` +
      lines.map((l) => '    | ' + l).join('\n')
    );
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `the child was killed by ${signal}` : `the child exited with code ${code}`;
}

/**
 * Starts `cmd` and speaks the protocol with it. Resolves once the hello has arrived; rejects with
 * AdapterFailure (the child then already killed) if it does not come, or is wrong.
 */
export async function createProcessAdapter(
  options: ProcessAdapterOptions,
): Promise<ProcessAdapter & { readonly pid: number }> {
  // One child per run (restartOnReset): the first reset uses the child already started, every later one
  // replaces it. Without it, a child is replaced only after it died or fell silent on an input: that was a
  // finding of the run (a crash), and the next run, a shrinking attempt say, starts afresh.
  let current = await startChild(options);
  let used = false;
  let disposed = false;
  const adapter = {
    get name() {
      return current.name;
    },
    get capabilities() {
      return current.capabilities;
    },
    get pid() {
      return current.pid;
    },
    synchronous: false as const,
    async reset(setup: RunSetup): Promise<void> {
      if (disposed) throw new AdapterFailure(`process adapter "${options.name ?? options.cmd}": used after dispose()`);
      if (used && (options.restartOnReset || (current as unknown as Session).crashed)) {
        await current.dispose();
        current = await startChild(options);
      }
      used = true;
      await current.reset(setup);
    },
    apply: (input: ConcreteInput) => current.apply(input),
    state: () => current.state(),
    async dispose(): Promise<void> {
      disposed = true;
      await current.dispose();
    },
  };
  return adapter;
}

async function startChild(options: ProcessAdapterOptions): Promise<ProcessAdapter & { readonly pid: number }> {
  const opts = withDefaults(options);
  installExitHook();
  const child = spawn(options.cmd, {
    shell: true,
    detached: true, // its own process group, so that one kill reaches every descendant
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  const tail = new Tail();
  let exited: Promise<void> | undefined;
  const exitedNow = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const label = `process adapter "${options.name ?? options.cmd}"`;

  const channel: Channel = {
    write: (line) => {
      if (!child.stdin || child.stdin.destroyed) throw new Error('stdin is closed');
      child.stdin.write(line);
    },
    context: () => tail.format(),
    close: () => {
      if (exited) return exited;
      exited = (async () => {
        child.stdin?.end();
        // A well-behaved child exits on end of input; give it a moment, then make sure. These timers keep the
        // process alive (at most 2.3 s): whoever awaits dispose() sees it finish.
        let t: NodeJS.Timeout | undefined;
        await Promise.race([exitedNow, new Promise<void>((r) => (t = setTimeout(r, 300)))]);
        clearTimeout(t);
        killGroup(child);
        await Promise.race([exitedNow, new Promise<void>((r) => (t = setTimeout(r, 2000)))]);
        clearTimeout(t);
        live.delete(child);
        await Promise.race([stderrEnded, new Promise<void>((r) => (t = setTimeout(r, 100)))]);
        clearTimeout(t);
        session.refreshContext();
      })();
      return exited;
    },
  };
  const session = new Session(label, channel, opts);

  child.on('error', (e) => session.fail(`cannot start "${options.cmd}": ${e.message}`));
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (c: string) => tail.push(c));
  child.stdin!.on('error', (e) => session.fail(`writing to the child failed: ${e.message}`, 'exit'));
  attach(session, child.stdout!, opts.maxLineBytes);
  const stderrEnded = new Promise<void>((r) => child.stderr!.once('end', () => r()));
  child.once('exit', (code, signal) => {
    // Let the last stderr bytes arrive before composing the message (a grandchild may hold stderr open).
    const bound = new Promise<void>((r) => setTimeout(r, 100).unref());
    void Promise.race([stderrEnded, bound]).then(() => session.fail(describeExit(code, signal), 'exit'));
  });
  // Nothing about the child may keep the harness alive: request timers do that while a request is outstanding.
  child.unref();
  for (const s of [child.stdin, child.stdout, child.stderr]) (s as unknown as { unref?: () => void } | null)?.unref?.();

  try {
    await session.hello();
  } catch (e) {
    await channel.close();
    throw e;
  }
  return Object.assign(session, { pid: child.pid! }) as ProcessAdapter & { readonly pid: number };
}
