// Whether the gVisor tests can run here, for Jest files: they build the shim first (build.sh), skip, saying
// what to install, on a machine without Go or golang-gvisor-gvisor-dev, and fail where skipping would hide a
// broken build or an untested stack (CI=true, which installs both).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { GVISOR_SHIM } from './adapter';

/** What build.sh exits with when Go or golang-gvisor-gvisor-dev is missing (and only then). */
const PREREQUISITE_MISSING = 3;

export type GvisorReadiness = { run: true } | { run: false; skip: string } | { run: false; fail: string };

export interface GateOptions {
  buildScript?: string;
  shim?: string;
  env?: NodeJS.ProcessEnv;
}

/** Builds the shim (or keeps the one built) and says whether the gVisor tests run, skip or fail, and why. */
export function gvisorReadiness(o: GateOptions = {}): GvisorReadiness {
  const env = o.env ?? process.env;
  const shim = o.shim ?? GVISOR_SHIM;
  const build = spawnSync('sh', [o.buildScript ?? path.join(__dirname, 'build.sh')], { env, encoding: 'utf8' });
  const said = (build.stderr || build.error?.message || '').trim().split('\n').pop() ?? '';
  if (build.status === 0) return { run: true };
  if (build.status !== PREREQUISITE_MISSING) return { run: false, fail: `npm run build:gvisor failed: ${said}` };
  // A shim built earlier still runs without the toolchain that built it.
  if (fs.existsSync(shim)) return { run: true };
  if (env.CI === 'true' && env.TCPCONFORM_SKIP_GVISOR !== '1')
    return {
      run: false,
      fail: `CI=true, but the gVisor shim cannot be built: ${said}; install what it names, or set TCPCONFORM_SKIP_GVISOR=1 to skip`,
    };
  return { run: false, skip: `${said}; then the gvisor tests build the shim themselves` };
}

/** The part of Jest's `describe` used here; typed locally so that this file compiles outside Jest too. */
type DescribeFn = (name: string, fn: () => void) => void;
type Jest = { describe: DescribeFn & { skip: DescribeFn }; test: (name: string, fn: () => void) => void };

let readiness: GvisorReadiness | undefined;

/** `describe` for tests that need the gVisor shim: skipped with the reason printed, or failing with it. */
export function describeGvisor(title: string, body: () => void): void {
  const { describe, test } = globalThis as unknown as Jest;
  readiness ??= gvisorReadiness();
  const r = readiness;
  if (r.run) return describe(title, body);
  if ('skip' in r) {
    // Straight to stderr: Jest does not print the console output of a file whose tests are all skipped.
    process.stderr.write(`SKIPPED gvisor adapter tests (${title}): ${r.skip}\n`);
    return describe.skip(`${title} (skipped: ${r.skip})`, body);
  }
  describe(title, () => {
    test('the gVisor shim is built', () => {
      throw new Error(r.fail);
    });
  });
}
