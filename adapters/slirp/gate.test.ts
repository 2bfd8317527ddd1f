// The libslirp tests' gate: without libslirp-dev (and no shim built) or without root they skip, saying why;
// under CI=true that is a failure, not a skip, unless TCPCONFORM_SKIP_SLIRP=1.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { slirpReadiness } from './gate';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-slirp-gate-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A build script standing in for build.sh on a machine without libslirp-dev (exit 3, its message). */
function missingPackage(): string {
  const script = path.join(dir, 'build.sh');
  fs.writeFileSync(
    script,
    'echo "build:slirp: libslirp-dev is not installed (apt-get install -y libslirp-dev)" >&2; exit 3\n',
  );
  return script;
}
const gate = (buildScript: string, env: NodeJS.ProcessEnv, uid = 0) =>
  slirpReadiness({ buildScript, shim: path.join(dir, 'build', 'tcpconform-slirp'), env, uid });

test('without libslirp-dev and no shim built: skip, naming the package', () => {
  expect(gate(missingPackage(), {})).toEqual({
    run: false,
    skip: expect.stringMatching(/libslirp-dev is not installed/),
  });
});

test('without root: skip, saying the namespace needs it', () => {
  const ok = path.join(dir, 'ok.sh');
  fs.writeFileSync(ok, 'exit 0\n');
  expect(gate(ok, {}, 1000)).toEqual({ run: false, skip: expect.stringMatching(/needs root/) });
  expect(gate(ok, {}, 0)).toEqual({ run: true });
});

test('under CI=true the same machine fails the tests instead, unless TCPCONFORM_SKIP_SLIRP=1', () => {
  expect(gate(missingPackage(), { CI: 'true' })).toEqual({
    run: false,
    fail: expect.stringMatching(/^CI=true, but the slirp tests cannot run/),
  });
  expect(gate(missingPackage(), { CI: 'true', TCPCONFORM_SKIP_SLIRP: '1' })).toMatchObject({
    run: false,
    skip: expect.any(String),
  });
});

test("a build that breaks fails the tests with the compiler's complaint", () => {
  const broken = path.join(dir, 'broken.sh');
  fs.writeFileSync(broken, 'echo "tcpconform-slirp.c:1:1: error: expected" >&2; exit 1\n');
  expect(gate(broken, {})).toEqual({
    run: false,
    fail: 'npm run build:slirp failed: tcpconform-slirp.c:1:1: error: expected',
  });
});
