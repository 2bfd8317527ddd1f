// `tcpconform check --adapter process --cmd CMD --runs 50 --seed 1` in a child process, as a user runs it, for the
// tests of misbehaving external IUTs (process-failures.test.ts and its long checks).
import { spawn } from 'child_process';
import * as path from 'path';

import { ROOT, sourceCli } from './source-cli';

export const FAKE = path.join(ROOT, 'adapters', 'process', '__fixtures__', 'fake-iut.js');
export const EXAMPLE = path.join(ROOT, 'adapters', 'process', 'example', 'echo-closed-port.js');
export const CRASHY = path.join(ROOT, 'adapters', 'process', '__fixtures__', 'crash-on-abort.js');

/** Exit code, stdout, stderr and the wall-clock time the check took; `extra` flags come after the defaults. */
export function checkProcess(
  cmd: string,
  outDir: string,
  extra: string[] = [],
): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const t0 = Date.now();
  const child = spawn(
    process.execPath,
    sourceCli(
      'check',
      '--adapter',
      'process',
      '--cmd',
      cmd,
      '--runs',
      '50',
      '--seed',
      '1',
      '--out-dir',
      outDir,
      ...extra,
    ),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err, ms: Date.now() - t0 })));
}

export const lastLine = (s: string) => s.trimEnd().split('\n').pop() ?? '';
