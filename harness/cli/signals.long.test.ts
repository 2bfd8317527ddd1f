// Ctrl-C during a check on worker threads, the long check (`npm run test:long`: the workers load the sources
// before the check starts): the CLI exits 130. Against an external process: signals.test.ts.
import { spawn } from 'child_process';

import { sourceCli } from './__fixtures__/source-cli';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('SIGINT during a check on worker threads (an in-process adapter, --jobs 2) ends the CLI with 130', async () => {
  const cli = spawn(
    process.execPath,
    sourceCli('check', '--adapter', 'simulator', '--runs', '1000000', '--seed', '1', '--jobs', '2'),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  cli.stdout.on('data', (d) => (stdout += d));
  cli.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => cli.on('exit', (code) => r(code)));
  // The first line comes once the workers are up.
  for (let i = 0; i < 300 && !stdout.includes('1000000 runs'); i++) await sleep(100);
  expect(stdout).toMatch(/tcpconform check simulator\/rfc9293 seed 1: 1000000 runs/);
  await sleep(300); // the check is under way on the workers
  cli.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stderr).toMatch(/interrupted \(SIGINT\); cleaning up/);
}, 60000);
