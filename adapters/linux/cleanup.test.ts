// Proof that nothing is left behind — no worker process, no network namespace, no TUN device, no fd — after
// every kind of exit: dispose(), a crash of the worker, and the death of the harness process itself (normal
// exit without dispose, SIGINT, SIGTERM, SIGKILL, an uncaught exception).
import { execFileSync, spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';
import { AdapterFailure } from '../types';
import { createLinuxAdapter } from './adapter';
import { describeLinux } from './gate';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function fdCount(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

/** The network namespace a process is in, e.g. "net:[4026532301]". */
function netnsOf(pid: number): string {
  return fs.readlinkSync(`/proc/${pid}/ns/net`);
}

/** Seconds since boot, as /proc/uptime counts them. */
function uptime(): number {
  return Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
}

/** When a process started, in seconds since boot (/proc/<pid>/stat field 22, in USER_HZ = 100 ticks). */
function startedAt(pid: string): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]) / 100;
}

/**
 * Every process still in namespace ns, or holding an fd to it. Namespace inode numbers are recycled at once,
 * and other test files create namespaces concurrently: a member that started after `setUpBy` (when the
 * namespace under test was fully set up; nothing enters it later) is in a new namespace that reuses the
 * number, and is not counted.
 */
function holdersOf(ns: string, setUpBy: number): string[] {
  const out: string[] = [];
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readlinkSync(`/proc/${p}/ns/net`) === ns && startedAt(p) <= setUpBy) out.push(`${p} (member)`);
      for (const fd of fs.readdirSync(`/proc/${p}/fd`)) {
        if (fs.readlinkSync(`/proc/${p}/fd/${fd}`) === ns) out.push(`${p} (fd ${fd})`);
      }
    } catch {
      // the process went away while we looked
    }
  }
  return out;
}

/** A process that has exited and been reaped has no /proc entry; zombies count as still there. */
/**
 * The namespace's holders once the kill has had time to reach every process (a worker's own children can
 * outlive it by a few milliseconds on a loaded machine). A real leak stays, and still fails after 3 s.
 */
async function holdersAfterSettling(ns: string, setUpBy: number, ms = 3000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let h = holdersOf(ns, setUpBy);
  while (h.length > 0 && Date.now() < deadline) {
    await sleep(50);
    h = holdersOf(ns, setUpBy);
  }
  return h;
}

async function waitGone(pid: number, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!fs.existsSync(`/proc/${pid}`)) return true;
    await sleep(20);
  }
  return !fs.existsSync(`/proc/${pid}`);
}

function hostHasTun(): boolean {
  return execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).includes('tcpc0');
}

/** Compile the adapter and what it imports into a directory, for a helper process run by plain node. */
function buildHelperTree(): string {
  const root = path.resolve(__dirname, '../..');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-cleanup-'));
  const files = [
    'adapters/types.ts',
    'adapters/packet/ipv4-tcp.ts',
    ...['adapter', 'channel', 'diag', 'libc', 'protocol', 'sockets', 'tun-hub', 'worker'].map(
      (f) => `adapters/linux/${f}.ts`,
    ),
    ...['input', 'observation', 'segment', 'seq', 'state'].map((f) => `models/${f}.ts`),
  ];
  for (const f of files) {
    const out = ts.transpileModule(fs.readFileSync(path.join(root, f), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    fs.mkdirSync(path.join(dir, path.dirname(f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f.replace(/\.ts$/, '.js')), out.outputText);
  }
  fs.writeFileSync(
    path.join(dir, 'helper.js'),
    `const fs = require('fs');
const { createLinuxAdapter } = require('./adapters/linux/adapter');
const how = process.argv[2];
(async () => {
  const a = await createLinuxAdapter();
  await a.reset({ profile: 'rfc9293', seed: 1 });
  await a.apply({ kind: 'call', call: 'open', mode: 'passive' });
  console.log(JSON.stringify({ worker: a.channel.pid, ns: fs.readlinkSync('/proc/' + a.channel.pid + '/ns/net') }));
  if (how === 'exit') setTimeout(() => process.exit(0), 50);
  else if (how === 'throw') setTimeout(() => { throw new Error('boom'); }, 50);
  else setInterval(() => {}, 1000);
})();
`,
  );
  return dir;
}

describeLinux('peer')('linux adapter: nothing left behind', () => {
  test('dispose(): the worker is reaped, its namespace has no member and no holder, our fds are back', async () => {
    const before = fdCount();
    const a = await createLinuxAdapter();
    await a.reset({ profile: 'rfc9293', seed: 1 });
    await a.apply({ kind: 'call', call: 'open', mode: 'passive' });
    const pid = a.channel.pid;
    const ns = netnsOf(pid);
    const setUpBy = uptime();
    expect(ns).not.toBe(netnsOf(process.pid)); // it was a namespace of its own
    expect(fdCount()).toBeGreaterThan(before);
    expect(holdersOf(ns, setUpBy)).toContain(`${pid} (member)`); // the check does see a live namespace
    await a.dispose();
    expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
    expect(await holdersAfterSettling(ns, setUpBy)).toEqual([]);
    expect(fdCount()).toBe(before);
    expect(hostHasTun()).toBe(false);
  });

  test('the worker crashes: the next input fails with AdapterFailure and everything is released', async () => {
    const before = fdCount();
    const a = await createLinuxAdapter();
    await a.reset({ profile: 'rfc9293', seed: 1 });
    const pid = a.channel.pid;
    const ns = netnsOf(pid);
    const setUpBy = uptime();
    process.kill(pid, 'SIGKILL');
    await sleep(50);
    await expect(a.apply({ kind: 'call', call: 'open', mode: 'passive' })).rejects.toBeInstanceOf(AdapterFailure);
    expect(await waitGone(pid)).toBe(true);
    expect(fdCount()).toBe(before);
    expect(await holdersAfterSettling(ns, setUpBy)).toEqual([]);
    await a.dispose(); // harmless afterwards
  });

  describe('the harness process dies without dispose()', () => {
    let dir: string;
    beforeAll(() => {
      dir = buildHelperTree();
    });
    afterAll(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    for (const how of ['exit', 'throw', 'SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
      test(`by ${how === 'exit' ? 'process.exit()' : how === 'throw' ? 'an uncaught exception' : how}`, async () => {
        const koffiDir = path.dirname(path.dirname(require.resolve('koffi')));
        const child = spawn(process.execPath, [path.join(dir, 'helper.js'), how], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, NODE_PATH: koffiDir },
        });
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        let out = '';
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        const line = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (d) => {
            out += d;
            if (out.includes('\n')) resolve(out.split('\n')[0]);
          });
          child.once('exit', () => reject(new Error(`helper exited early: ${err}`)));
        });
        const setUpBy = uptime();
        const { worker, ns } = JSON.parse(line) as { worker: number; ns: string };
        expect(fs.existsSync(`/proc/${worker}`)).toBe(true);
        if (how === 'SIGINT' || how === 'SIGTERM' || how === 'SIGKILL') child.kill(how);
        await exited;
        expect(await waitGone(worker)).toBe(true);
        expect(await holdersAfterSettling(ns, setUpBy)).toEqual([]);
        expect(hostHasTun()).toBe(false);
      });
    }
  });
});
