// Issue 11, item 1: a replay runs the IUT that failed — the adapter the file records or the one --adapter
// names, never another — so that the `replay:` line a check prints reproduces what the check found. Two checks of
// two process IUTs side by side are a long check: replay.long.test.ts (`npm run test:long`).
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './__fixtures__/in-process';

import { MAIN, REGISTER, ROOT, SERVE } from './__fixtures__/source-cli';

/** Run a printed command line in a POSIX shell, with `npx tcpconform` standing for this checkout's CLI. */
function shell(line: string, cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  const npx = `npx() { shift; node -r '${REGISTER}' '${MAIN}' "$@"; }`;
  const child = spawn('sh', ['-c', `${npx}\n${line}`], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-replay-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const readJson = (f: string) => JSON.parse(fs.readFileSync(f, 'utf8'));
const oneLine = (err: string) => {
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).toMatch(/^tcpconform: /);
};

describe('a counterexample found through the process adapter', () => {
  // `serve` of the simulator with a seeded bug calls itself "simulator": the name of a bug-free built-in IUT.
  // The command first leaves a mark, so that a test can tell whether the process IUT was started.
  const mark = path.join(tmp, 'started');
  const cmd = `touch '${mark}' && node '${SERVE}' simulator rfc9293 passiveRstCloses`;
  const outDir = path.join(tmp, "out dir's"); // a path a shell must be given quoted
  let file = '';
  let replayLine = '';

  beforeAll(async () => {
    const r = await cli(
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
    );
    expect(r.code).toBe(1);
    replayLine = /replay: (.*)/.exec(r.out)![1];
    file = fs.readdirSync(outDir).map((f) => path.join(outDir, f))[0];
  }, 60000);
  beforeEach(() => fs.rmSync(mark, { force: true }));

  test('records the process adapter and its command, not the name the IUT gave itself', () => {
    const cx = readJson(file);
    expect(cx.adapter).toBe('process');
    expect(cx.cmd).toBe(cmd);
    expect(cx.iutName).toBe('simulator');
  });

  test('its printed replay line, run in a shell, starts the recorded command and diverges again', async () => {
    expect(replayLine).toMatch(/^npx tcpconform replay /);
    const r = await shell(replayLine, ROOT);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^DIVERGES at line 5 \(input 3 of 3\) on process \(touch /);
    expect(fs.existsSync(mark)).toBe(true);
  }, 60000);

  test('with --adapter it runs the adapter named, and the recorded command is not started', async () => {
    const r = await cli('replay', file, '--adapter', 'simulator');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/CONFORMS: all 3 inputs gave allowed outcomes on simulator\n$/);
    expect(fs.existsSync(mark)).toBe(false);
  });

  test('an older file recording the IUT\'s name "simulator" is refused, not replayed on the simulator', async () => {
    const { cmd: _, iutName: __, ...cx } = readJson(file);
    const old = path.join(tmp, 'old.json');
    fs.writeFileSync(
      old,
      JSON.stringify({ ...cx, adapter: 'simulator', file: 'counterexamples/process-rfc9293-seed1-x.json' }),
    );
    const r = await cli('replay', old);
    expect(r.code).toBe(2);
    oneLine(r.err);
    expect(r.err).toMatch(/--adapter process --cmd/);
    expect(r.out).toBe('');
  });

  test('a file recording an adapter this tcpconform does not know fails with exit 2 and one line', async () => {
    const { cmd: _, ...cx } = readJson(file);
    const toy = path.join(tmp, 'toy.json');
    fs.writeFileSync(toy, JSON.stringify({ ...cx, adapter: 'toy' }));
    const r = await cli('replay', toy);
    expect(r.code).toBe(2);
    oneLine(r.err);
    expect(r.err).toMatch(/records unknown adapter "toy"/);
    expect(fs.existsSync(mark)).toBe(false);
  });
});

describe('a pair-topology counterexample', () => {
  test('replays: its printed replay line diverges again, and conforms without the seeded bug', async () => {
    const dir = path.join(tmp, 'pair');
    const faults = ['--loss', '0.1', '--dup', '0.05', '--reorder', '0.1'];
    const r = await cli(
      'check',
      '--topology',
      'pair',
      '--mutant',
      'noTimeWait',
      '--runs',
      '1000',
      '--seed',
      '1',
      ...faults,
      '--out-dir',
      dir,
    );
    expect(r.code).toBe(1);
    const line = /replay: npx tcpconform replay (\S+)\n/.exec(r.out);
    expect(line).not.toBeNull();
    const again = await cli('replay', line![1]);
    expect(again.err).toBe('');
    expect(again.code).toBe(1);
    expect(again.out).toMatch(/^DIVERGES: property broken on simulator with mutant noTimeWait: /);
    const fixed = await cli('replay', line![1], '--no-mutant');
    expect(fixed.code).toBe(0);
    expect(fixed.out).toMatch(/^CONFORMS: the recorded pair run/);
  }, 60000);
});
