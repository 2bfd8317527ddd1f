// Ctrl-C during a check against an external process: the CLI exits 130 and takes the child with it. Ctrl-C during
// a check on worker threads is a long check: signals.long.test.ts (`npm run test:long`).
import { spawn, execFileSync } from 'child_process';

import { SERVE, sourceCli } from './__fixtures__/source-cli';

function pidsMatching(marker: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map(Number);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('SIGINT during a check ends the CLI with 130 and leaves no child process behind', async () => {
  const marker = `tcpconform-signal-test-${process.pid}-${Date.now()}`;
  const cli = spawn(
    process.execPath,
    sourceCli(
      'check',
      '--adapter',
      'process',
      '--cmd',
      `node ${SERVE} simulator rfc9293 "" ${marker}`,
      '--runs',
      '1000000',
      '--seed',
      '1',
    ),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  cli.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => cli.on('exit', (code) => r(code)));
  // The CLI's own command line names the marker too: count only the IUT's processes.
  const children = () => pidsMatching(marker).filter((p) => p !== cli.pid);
  for (let i = 0; i < 100 && children().length === 0; i++) await sleep(100);
  expect(children().length).toBeGreaterThan(0); // the IUT's process is running
  await sleep(300); // the check is under way
  cli.kill('SIGINT');
  expect(await exited).toBe(130);
  expect(stderr).toMatch(/interrupted \(SIGINT\); cleaning up/);
  for (let i = 0; i < 30 && children().length > 0; i++) await sleep(100);
  expect(children()).toEqual([]);
}, 30000);
