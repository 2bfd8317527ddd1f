// Proof that nothing is left behind — no worker process, no network namespace, no TUN device — when the harness
// process itself dies without dispose(): normal exit, SIGINT, SIGTERM, SIGKILL, an uncaught exception. The long
// part of cleanup.test.ts (`npm run test:long`): each case starts a helper process with an adapter of its own.
import { spawn } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import ts from 'typescript';
import { describeLinux } from './gate';
import { holdersAfterSettling, hostHasTun, uptime, waitGone } from './__fixtures__/leftovers';

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
