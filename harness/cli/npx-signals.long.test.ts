// Issue 11, item 14: a signal sent to the `npx` wrapper alone, as some CI runners cancel a job, stops the
// check too. npm forwards it to the shell it ran us through and no further (harness/cli/launcher-watch.ts).
// These run the real `npx tcpconform`, so they need the build (`npm ci` or `npm run build`).
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const SERVE = path.join(ROOT, 'adapters', 'process', '__fixtures__', 'serve-registry.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-npx-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}

function alive(pid: number): boolean {
  try {
    return !/^State:\s*Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

async function until(what: () => boolean, ms: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < ms; await sleep(100)) if (what()) return true;
  return what();
}

/** `npx tcpconform ARGS` in a process group of its own, with the pid of our node under npm's shell. */
async function npx(
  args: string[],
): Promise<{ npx: ChildProcess; node: number; err: () => string; exit: Promise<unknown> }> {
  const argv = args[0] === '-c' ? args : ['tcpconform', ...args, '--out-dir', tmp];
  const child = spawn('npx', ['--yes', ...argv], { cwd: ROOT, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  running.push(child);
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise((r) => child.on('exit', (code, signal) => r(signal ?? code)));
  let node = 0;
  // npm, then `sh -c 'tcpconform' ...`, then our node.
  const ours = (pid: number) => /\/tcpconform(\.js)?\0/.test(cmdline(pid)); // node .../tcpconform check ...
  await until(() => (node = childrenOf(childrenOf(child.pid!)[0] ?? -1).find(ours) ?? 0) > 0, 30000);
  expect(node).toBeGreaterThan(0);
  await sleep(1500); // the check is under way
  expect(alive(node)).toBe(true);
  return { npx: child, node, err: () => err, exit };
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const c of running.splice(0)) {
    try {
      process.kill(-c.pid!, 'SIGKILL'); // whatever is left of the group these tests started
    } catch {
      /* gone */
    }
  }
});

beforeAll(() => {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'harness', 'cli', 'launcher-watch.js')))
    throw new Error('build first: npm run build');
});

describe('a signal to the npx wrapper alone stops the check', () => {
  test('SIGINT to npx, check against a process IUT: our node exits through its clean-up, its IUT too', async () => {
    const marker = `tcpconform-npx-test-${process.pid}-${Date.now()}`;
    const run = await npx([
      'check',
      '--adapter',
      'process',
      '--cmd',
      `node ${SERVE} simulator rfc9293 "" ${marker}`,
      '--runs',
      '1000000',
      '--seed',
      '1',
    ]);
    const iut = childrenOf(run.node);
    expect(iut.length).toBeGreaterThan(0);
    run.npx.kill('SIGINT');
    expect(await until(() => !alive(run.node), 5000)).toBe(true);
    expect(run.err()).toMatch(/tcpconform: npx was interrupted \(SIGINT\); cleaning up\n/);
    expect(await until(() => iut.every((p) => !alive(p)), 5000)).toBe(true);
    expect(await run.exit).toBe('SIGINT'); // npm passes the interruption on, as for Ctrl-C
  }, 60000);

  test('SIGINT to npx, check on the in-process simulator (the main thread never idle): our node goes', async () => {
    const run = await npx(['check', '--runs', '10000000', '--seed', '1']);
    run.npx.kill('SIGINT');
    expect(await until(() => !alive(run.node), 5000)).toBe(true);
    expect(run.err()).toMatch(/tcpconform: npx was interrupted \(SIGINT\)/);
  }, 60000);

  test('a sibling in the shell npm runs ("sleep 1 & tcpconform ...") ending is not taken for a signal', async () => {
    const iut = `--adapter process --cmd 'node ${SERVE} simulator'`;
    const check = `node ${ROOT}/bin/tcpconform.js check ${iut} --runs 1000000 --out-dir ${tmp}`;
    const run = await npx(['-c', `sleep 1 & ${check}`]);
    await sleep(2000); // the sleep is over: the shell woke for its SIGCHLD
    expect(alive(run.node)).toBe(true);
    run.npx.kill('SIGINT');
    expect(await until(() => !alive(run.node), 5000)).toBe(true);
  }, 60000);

  test('being stopped and continued (Ctrl-Z, then fg) is not taken for a signal', async () => {
    const run = await npx(['check', '--adapter', 'process', '--cmd', `node ${SERVE} simulator`, '--runs', '1000000']);
    process.kill(-run.npx.pid!, 'SIGSTOP'); // the whole group, as the terminal does
    await sleep(1500);
    process.kill(-run.npx.pid!, 'SIGCONT');
    await sleep(2500); // the shell woke for our SIGCHLD when we stopped and when we went on
    expect(alive(run.node)).toBe(true);
  }, 60000);

  test('SIGTERM to npx kills its shell and orphans our node, which then exits', async () => {
    const run = await npx([
      'check',
      '--adapter',
      'process',
      '--cmd',
      `node ${SERVE} simulator`,
      '--runs',
      '1000000',
      '--seed',
      '1',
    ]);
    run.npx.kill('SIGTERM');
    expect(await until(() => !alive(run.node), 5000)).toBe(true);
    expect(run.err()).toMatch(/tcpconform: the shell npx ran us in \(pid \d+\) is gone; cleaning up\n/);
  }, 60000);
});
