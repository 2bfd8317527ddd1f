// The fork server of the C shims (shim/forkserver.h), on the lwIP and libslirp shims themselves: each run is a
// child forked from the process that printed the hello, the shim ends as its child ended (a crash stays a crash
// to the harness), and no child outlives the shim. The shims are spawned directly, so the pid is the shim's.
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LWIP_SHIM } from '../lwip/adapter';
import { describeLwip } from '../lwip/gate';
import { SLIRP_SHIM } from '../slirp/adapter';
import { describeSlirp } from '../slirp/gate';

/** The pids whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) kids.push(Number(d));
    } catch {
      /* gone meanwhile */
    }
  }
  return kids;
}

/** Running, sleeping or stopped: not gone, and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function gone(pid: number, ms = 5000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return !alive(pid);
}

interface Shim {
  proc: ChildProcess;
  pid: number;
  /** Sends one request and resolves with the reply line. */
  ask(req: object): Promise<string>;
  /** Closes the shim's stdin. */
  end(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-forkserver-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Starts the shim and waits for its hello. Its stdin is a FIFO the test holds open: Node closes a child's stdin
 * pipe when the child exits, which would end a lingering grandchild's input for it. No core files: a child
 * killed by SIGSEGV here is the test's doing.
 */
async function start(shim: string): Promise<Shim> {
  const fifo = path.join(dir, `in-${Date.now()}-${Math.random()}`);
  execFileSync('mkfifo', [fifo]);
  const fd = fs.openSync(fifo, 'r+'); // read-write: does not wait for the reader
  const proc = spawn('/bin/sh', ['-c', 'ulimit -c 0; exec "$0" < "$1"', shim, fifo], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let open = true;
  const end = () => {
    if (open) fs.closeSync(fd);
    open = false;
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    proc.once('exit', (code, signal) => r({ code, signal })),
  );
  let buf = '';
  const waiting: ((line: string) => void)[] = [];
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (c: string) => {
    buf += c;
    for (let nl; (nl = buf.indexOf('\n')) >= 0; buf = buf.slice(nl + 1)) waiting.shift()?.(buf.slice(0, nl));
  });
  const next = () => new Promise<string>((r) => waiting.push(r));
  const hello = await next();
  expect(JSON.parse(hello).tcpconform).toBe(1);
  let id = 1;
  return {
    proc,
    pid: proc.pid!,
    exited,
    end,
    ask: (req) => {
      const reply = next();
      fs.writeSync(fd, JSON.stringify({ id: id++, ...req }) + '\n');
      return reply;
    },
  };
}

const reset = { op: 'reset', profile: 'rfc9293', seed: 1 };

function forkServerTests(shim: string): void {
  let s: Shim | undefined;
  afterEach(async () => {
    if (s && alive(s.pid)) s.proc.kill('SIGKILL');
    await s?.exited;
    s?.end();
    s = undefined;
  });

  test("every run is a child of the shim's own: the shim's pid stays, the last run's child is gone", async () => {
    s = await start(shim);
    expect(JSON.parse(await s.ask(reset)).state).toBe('CLOSED');
    const first = childrenOf(s.pid);
    expect(first).toHaveLength(1);
    expect(JSON.parse(await s.ask({ op: 'call', call: 'open', mode: 'passive' })).state).toBe('LISTEN');
    expect(childrenOf(s.pid)).toEqual(first);
    // The reset goes to a new child, which starts from the image before the first run: no listener.
    expect(JSON.parse(await s.ask(reset)).state).toBe('CLOSED');
    expect(JSON.parse(await s.ask({ op: 'state' })).state).toBe('CLOSED');
    const second = childrenOf(s.pid);
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
    expect(alive(first[0])).toBe(false); // reaped before the next child was forked
    expect(alive(s.pid)).toBe(true);
  });

  test.each(['SIGSEGV', 'SIGBUS'] as const)(
    'a child killed by %s: the shim dies of the same signal, as a shim without a fork server would',
    async (signal) => {
      s = await start(shim);
      await s.ask(reset);
      const [child] = childrenOf(s.pid);
      process.kill(child, signal);
      expect(await s.exited).toEqual({ code: null, signal });
    },
  );

  test('the child does not outlive the shim', async () => {
    s = await start(shim);
    await s.ask(reset);
    const [child] = childrenOf(s.pid);
    s.proc.kill('SIGKILL'); // the shim alone: its child's stdin stays open, and it would read on
    await s.exited;
    expect(await gone(child)).toBe(true);
  });

  test('end of input ends the child and then the shim, with exit code 0', async () => {
    s = await start(shim);
    await s.ask(reset);
    const [child] = childrenOf(s.pid);
    s.end();
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(await gone(child)).toBe(true);
  });
}

describeLwip('the fork server of the lwIP shim', () => forkServerTests(LWIP_SHIM));
describeSlirp('the fork server of the libslirp shim', () => forkServerTests(SLIRP_SHIM));
