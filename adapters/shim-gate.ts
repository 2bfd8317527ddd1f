// The common part of the gates of the stacks reached through a built shim (lwip, gvisor, slirp): build the
// shim first, skip with what to install where its prerequisites are missing, and fail where skipping would hide
// a broken build or an untested stack. Each adapter's gate.ts says its own words.
import { spawnSync } from 'child_process';
import * as fs from 'fs';

/** What a shim's build.sh exits with when a prerequisite is missing (and only then). */
const PREREQUISITE_MISSING = 3;

export type Readiness = { run: true } | { run: false; skip: string } | { run: false; fail: string };

export interface ShimBuild {
  buildScript: string;
  shim: string;
  env: NodeJS.ProcessEnv;
  /** The npm script that builds it, named when the build fails. */
  npmScript: string;
  /** The answer where a prerequisite is missing and no shim was built before; `said` is build.sh's last line. */
  missing(said: string): Readiness;
  /** Once the shim is there: what else the tests need, or null. */
  thenNeeds?(): Readiness | null;
}

/** Builds the shim (or keeps the one built) and says whether the tests run, skip or fail, and why. */
export function shimReadiness(o: ShimBuild): Readiness {
  const build = spawnSync('sh', [o.buildScript], { env: o.env, encoding: 'utf8' });
  const said = (build.stderr || build.error?.message || '').trim().split('\n').pop() ?? '';
  if (build.status !== 0 && build.status !== PREREQUISITE_MISSING)
    return { run: false, fail: `npm run ${o.npmScript} failed: ${said}` };
  // A shim built earlier (or shipped) still runs without the toolchain that built it.
  if (build.status !== 0 && !fs.existsSync(o.shim)) return o.missing(said);
  return o.thenNeeds?.() ?? { run: true };
}

/** The part of Jest's `describe` used here; typed locally so that this file compiles outside Jest too. */
type DescribeFn = (name: string, fn: () => void) => void;
type Jest = { describe: DescribeFn & { skip: DescribeFn }; test: (name: string, fn: () => void) => void };

/**
 * A `describe` for tests that need the shim: skipped with the reason printed, or failing with it in a test of
 * that name. The readiness is found once per test file, at the first use.
 */
export function describeWhenReady(
  readiness: () => Readiness,
  what: string,
  failingTest: string,
): (title: string, body: () => void) => void {
  let r: Readiness | undefined;
  return (title, body) => {
    const { describe, test } = globalThis as unknown as Jest;
    r ??= readiness();
    const ready = r;
    if (ready.run) return describe(title, body);
    if ('skip' in ready) {
      // Straight to stderr: Jest does not print the console output of a file whose tests are all skipped.
      process.stderr.write(`SKIPPED ${what} (${title}): ${ready.skip}\n`);
      return describe.skip(`${title} (skipped: ${ready.skip})`, body);
    }
    describe(title, () => {
      test(failingTest, () => {
        throw new Error(ready.fail);
      });
    });
  };
}
