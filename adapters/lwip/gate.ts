// Whether the lwIP tests can run here, for Jest files: they build the shim first (build.sh), skip, saying what
// to install, on a machine without liblwip-dev or gcc, and fail where skipping would hide a broken build or an
// untested stack (CI=true, which installs both). The mechanism is adapters/shim-gate.ts.
import * as path from 'path';
import { Readiness, describeWhenReady, shimReadiness } from '../shim-gate';
import { LWIP_SHIM } from './adapter';

export type LwipReadiness = Readiness;

export interface GateOptions {
  buildScript?: string;
  shim?: string;
  env?: NodeJS.ProcessEnv;
}

/** Builds the shim (or keeps the one built) and says whether the lwIP tests run, skip or fail, and why. */
export function lwipReadiness(o: GateOptions = {}): LwipReadiness {
  const env = o.env ?? process.env;
  return shimReadiness({
    buildScript: o.buildScript ?? path.join(__dirname, 'build.sh'),
    shim: o.shim ?? LWIP_SHIM,
    env,
    npmScript: 'build:lwip',
    missing: (said) =>
      env.CI === 'true' && env.TCPCONFORM_SKIP_LWIP !== '1'
        ? {
            run: false,
            fail: `CI=true, but the lwIP shim cannot be built: ${said}; install what it names, or set TCPCONFORM_SKIP_LWIP=1 to skip`,
          }
        : { run: false, skip: `${said}; then the lwip tests build the shim themselves` },
  });
}

/** `describe` for tests that need the lwIP shim: skipped with the reason printed, or failing with it. */
export const describeLwip = describeWhenReady(() => lwipReadiness(), 'lwip adapter tests', 'the lwIP shim is built');
