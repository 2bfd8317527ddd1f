// The gVisor tests' gate: on a machine without Go (or golang-gvisor-gvisor-dev) and without a built shim they
// skip, naming what to install; under CI=true that is a failure, not a skip; with both the shim is built and
// they run (that build takes a while: gate.long.test.ts, `npm run test:long`).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gvisorReadiness } from './gate';

let dir: string;
let bin: string;
beforeEach(() => {
  // A copy of the shim's sources, so that building it here leaves the checkout's build/ alone.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-gvisor-gate-'));
  for (const f of fs.readdirSync(__dirname).filter((f) => f === 'build.sh' || f.endsWith('.go')))
    fs.copyFileSync(path.join(__dirname, f), path.join(dir, f));
  // A PATH with what build.sh needs besides Go: the machine "without Go".
  bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  for (const tool of ['sh', 'dirname', 'mkdir', 'mv', 'rm'])
    for (const d of ['/usr/bin', '/bin']) {
      if (fs.existsSync(path.join(d, tool)) && !fs.existsSync(path.join(bin, tool)))
        fs.symlinkSync(path.join(d, tool), path.join(bin, tool));
    }
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const gate = (env: NodeJS.ProcessEnv) =>
  gvisorReadiness({ buildScript: path.join(dir, 'build.sh'), shim: path.join(dir, 'build', 'tcpconform-gvisor'), env });
const withoutGo = (): NodeJS.ProcessEnv => ({ PATH: bin });

test('without Go and no shim built: skip, saying what to install', () => {
  expect(gate(withoutGo())).toEqual({
    run: false,
    skip: expect.stringMatching(/Go is not installed \(.*apt-get install -y golang-go golang-gvisor-gvisor-dev\)/),
  });
});

const hasGo = fs.existsSync('/usr/bin/go');
(hasGo ? test : test.skip)('with Go but without the gVisor sources: skip, naming the package', () => {
  const r = gate({ ...process.env, CI: '', TCPCONFORM_GOCODE: path.join(dir, 'no-gocode') });
  expect(r).toEqual({
    run: false,
    skip: expect.stringMatching(/^build:gvisor: golang-gvisor-gvisor-dev is not installed/),
  });
});

test('under CI=true the same machine fails the tests instead of skipping them', () => {
  expect(gate({ ...withoutGo(), CI: 'true' })).toEqual({
    run: false,
    fail: expect.stringMatching(/^CI=true, but the gVisor shim cannot be built/),
  });
  expect(gate({ ...withoutGo(), CI: 'true', TCPCONFORM_SKIP_GVISOR: '1' })).toMatchObject({
    run: false,
    skip: expect.any(String),
  });
});

test('a shim built earlier runs without the toolchain that built it', () => {
  fs.mkdirSync(path.join(dir, 'build'));
  fs.writeFileSync(path.join(dir, 'build', 'tcpconform-gvisor'), '');
  expect(gate({ ...withoutGo(), CI: 'true' })).toEqual({ run: true });
});

test("a build that breaks fails the tests with the compiler's complaint", () => {
  fs.writeFileSync(path.join(dir, 'build.sh'), 'echo "./main.go:1:1: expected package" >&2; exit 1\n');
  expect(gate(withoutGo())).toEqual({
    run: false,
    fail: 'npm run build:gvisor failed: ./main.go:1:1: expected package',
  });
});
