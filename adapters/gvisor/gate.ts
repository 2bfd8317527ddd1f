// Whether the gVisor tests can run here, for Jest files: they build the shim first (build.sh), skip, saying
// what to install, on a machine without Go or golang-gvisor-gvisor-dev, and fail where skipping would hide a
// broken build or an untested stack (CI=true, which installs both). The mechanism is adapters/shim-gate.ts.
import * as path from 'path';
import { Readiness, describeWhenReady, shimReadiness } from '../shim-gate';
import { GVISOR_SHIM } from './adapter';

export type GvisorReadiness = Readiness;

export interface GateOptions {
  buildScript?: string;
  shim?: string;
  env?: NodeJS.ProcessEnv;
}

/** Builds the shim (or keeps the one built) and says whether the gVisor tests run, skip or fail, and why. */
export function gvisorReadiness(o: GateOptions = {}): GvisorReadiness {
  const env = o.env ?? process.env;
  return shimReadiness({
    buildScript: o.buildScript ?? path.join(__dirname, 'build.sh'),
    shim: o.shim ?? GVISOR_SHIM,
    env,
    npmScript: 'build:gvisor',
    missing: (said) =>
      env.CI === 'true' && env.TCPCONFORM_SKIP_GVISOR !== '1'
        ? {
            run: false,
            fail: `CI=true, but the gVisor shim cannot be built: ${said}; install what it names, or set TCPCONFORM_SKIP_GVISOR=1 to skip`,
          }
        : { run: false, skip: `${said}; then the gvisor tests build the shim themselves` },
  });
}

/** `describe` for tests that need the gVisor shim: skipped with the reason printed, or failing with it. */
export const describeGvisor = describeWhenReady(
  () => gvisorReadiness(),
  'gvisor adapter tests',
  'the gVisor shim is built',
);
