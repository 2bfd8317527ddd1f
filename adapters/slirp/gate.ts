// Whether the libslirp tests can run here, for Jest files: they build the shim first (build.sh), skip, saying
// what is missing, on a machine without libslirp-dev, gcc or root, and fail where skipping would hide a broken
// build or an untested stack (CI=true, which installs libslirp-dev and runs as root).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SLIRP_SHIM } from './adapter';

/** What build.sh exits with when libslirp-dev or gcc is missing (and only then). */
const PREREQUISITE_MISSING = 3;

export type SlirpReadiness = { run: true } | { run: false; skip: string } | { run: false; fail: string };

export interface GateOptions {
  buildScript?: string;
  shim?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
}

/** Builds the shim (or keeps the one built) and says whether the slirp tests run, skip or fail, and why. */
export function slirpReadiness(o: GateOptions = {}): SlirpReadiness {
  const env = o.env ?? process.env;
  const shim = o.shim ?? SLIRP_SHIM;
  const uid = 'uid' in o ? o.uid : process.getuid?.();
  const missing = (why: string): SlirpReadiness =>
    env.CI === 'true' && env.TCPCONFORM_SKIP_SLIRP !== '1'
      ? { run: false, fail: `CI=true, but the slirp tests cannot run: ${why}; or set TCPCONFORM_SKIP_SLIRP=1 to skip` }
      : { run: false, skip: why };
  const build = spawnSync('sh', [o.buildScript ?? path.join(__dirname, 'build.sh')], { env, encoding: 'utf8' });
  const said = (build.stderr || build.error?.message || '').trim().split('\n').pop() ?? '';
  if (build.status !== 0 && build.status !== PREREQUISITE_MISSING)
    return { run: false, fail: `npm run build:slirp failed: ${said}` };
  // A shim built earlier still runs without the toolchain that built it.
  if (build.status !== 0 && !fs.existsSync(shim))
    return missing(`${said}; then the slirp tests build the shim themselves`);
  if (uid !== 0) return missing('slirp: needs root (the shim makes a private network namespace for its host sockets)');
  return { run: true };
}

/** The part of Jest's `describe` used here; typed locally so that this file compiles outside Jest too. */
type DescribeFn = (name: string, fn: () => void) => void;
type Jest = { describe: DescribeFn & { skip: DescribeFn }; test: (name: string, fn: () => void) => void };

let readiness: SlirpReadiness | undefined;

/** `describe` for tests that need the slirp shim: skipped with the reason printed, or failing with it. */
export function describeSlirp(title: string, body: () => void): void {
  const { describe, test } = globalThis as unknown as Jest;
  readiness ??= slirpReadiness();
  const r = readiness;
  if (r.run) return describe(title, body);
  if ('skip' in r) {
    // Straight to stderr: Jest does not print the console output of a file whose tests are all skipped.
    process.stderr.write(`SKIPPED slirp adapter tests (${title}): ${r.skip}\n`);
    return describe.skip(`${title} (skipped: ${r.skip})`, body);
  }
  describe(title, () => {
    test('the slirp shim is built and can run', () => {
      throw new Error(r.fail);
    });
  });
}
