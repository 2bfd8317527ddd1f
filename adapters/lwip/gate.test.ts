// The lwIP tests' gate: on a machine without gcc (or liblwip-dev) and without a built shim they skip, naming what
// to install; under CI=true that is a failure, not a skip; with the toolchain the shim is built and they run.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lwipReadiness } from './gate';

let dir: string;
let bin: string;
beforeEach(() => {
  // A copy of the shim's sources, so that building it here leaves the checkout's build/ alone.
  // It keeps the layout of adapters/: the shim includes ../process/shim/jsonl.h and forkserver.h.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-lwip-gate-'));
  dir = path.join(root, 'lwip');
  fs.mkdirSync(dir);
  for (const f of ['build.sh', 'tcpconform-lwip.c']) fs.copyFileSync(path.join(__dirname, f), path.join(dir, f));
  fs.mkdirSync(path.join(root, 'process', 'shim'), { recursive: true });
  for (const h of ['jsonl.h', 'forkserver.h']) {
    const header = path.join('process', 'shim', h);
    fs.copyFileSync(path.join(__dirname, '..', header), path.join(root, header));
  }
  // A PATH with what build.sh needs besides the compiler: the machine "without gcc".
  bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  for (const tool of ['sh', 'dirname', 'mkdir', 'mv', 'rm'])
    for (const d of ['/usr/bin', '/bin']) {
      if (fs.existsSync(path.join(d, tool)) && !fs.existsSync(path.join(bin, tool)))
        fs.symlinkSync(path.join(d, tool), path.join(bin, tool));
    }
});
afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

const gate = (env: NodeJS.ProcessEnv) =>
  lwipReadiness({ buildScript: path.join(dir, 'build.sh'), shim: path.join(dir, 'build', 'tcpconform-lwip'), env });
const withoutGcc = (): NodeJS.ProcessEnv => ({ PATH: bin });

test('without gcc or liblwip-dev and no shim built: skip, saying what to install', () => {
  const r = gate(withoutGcc());
  expect(r).toEqual({
    run: false,
    skip: expect.stringMatching(/(gcc|liblwip-dev) is not installed \(.*apt-get install -y/),
  });
});

test('under CI=true the same machine fails the tests instead of skipping them', () => {
  expect(gate({ ...withoutGcc(), CI: 'true' })).toEqual({
    run: false,
    fail: expect.stringMatching(/^CI=true, but the lwIP shim cannot be built/),
  });
  expect(gate({ ...withoutGcc(), CI: 'true', TCPCONFORM_SKIP_LWIP: '1' })).toMatchObject({
    run: false,
    skip: expect.any(String),
  });
});

test('a shim built earlier runs without the toolchain that built it', () => {
  fs.mkdirSync(path.join(dir, 'build'));
  fs.writeFileSync(path.join(dir, 'build', 'tcpconform-lwip'), '');
  expect(gate({ ...withoutGcc(), CI: 'true' })).toEqual({ run: true });
});

test("a build that breaks fails the tests with the compiler's complaint", () => {
  fs.writeFileSync(path.join(dir, 'build.sh'), 'echo "tcpconform-lwip.c:1: error: oops" >&2; exit 1\n');
  expect(gate(withoutGcc())).toEqual({
    run: false,
    fail: 'npm run build:lwip failed: tcpconform-lwip.c:1: error: oops',
  });
});

const toolchain = fs.existsSync('/usr/include/lwip/lwip/tcp.h') && fs.existsSync('/usr/bin/gcc');
(toolchain ? test : test.skip)(
  `with liblwip-dev and gcc the gate builds the shim${toolchain ? '' : ' (skipped: neither here)'}`,
  () => {
    expect(gate(process.env)).toEqual({ run: true });
    expect(fs.existsSync(path.join(dir, 'build', 'tcpconform-lwip'))).toBe(true);
  },
);
