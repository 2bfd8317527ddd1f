// Whether the libslirp tests can run here, for Jest files: they build the shim first (build.sh), skip, saying
// what is missing, on a machine without libslirp-dev, gcc or root, and fail where skipping would hide a broken
// build or an untested stack (CI=true, which installs libslirp-dev and runs as root). The mechanism is
// adapters/shim-gate.ts.
import * as path from 'path';
import { Readiness, describeWhenReady, shimReadiness } from '../shim-gate';
import { SLIRP_SHIM } from './adapter';

export type SlirpReadiness = Readiness;

export interface GateOptions {
  buildScript?: string;
  shim?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
}

/** Builds the shim (or keeps the one built) and says whether the slirp tests run, skip or fail, and why. */
export function slirpReadiness(o: GateOptions = {}): SlirpReadiness {
  const env = o.env ?? process.env;
  const uid = 'uid' in o ? o.uid : process.getuid?.();
  const missing = (why: string): SlirpReadiness =>
    env.CI === 'true' && env.TCPCONFORM_SKIP_SLIRP !== '1'
      ? { run: false, fail: `CI=true, but the slirp tests cannot run: ${why}; or set TCPCONFORM_SKIP_SLIRP=1 to skip` }
      : { run: false, skip: why };
  return shimReadiness({
    buildScript: o.buildScript ?? path.join(__dirname, 'build.sh'),
    shim: o.shim ?? SLIRP_SHIM,
    env,
    npmScript: 'build:slirp',
    missing: (said) => missing(`${said}; then the slirp tests build the shim themselves`),
    thenNeeds: () =>
      uid !== 0 ? missing('slirp: needs root (the shim makes a private network namespace for its host sockets)') : null,
  });
}

/** `describe` for tests that need the slirp shim: skipped with the reason printed, or failing with it. */
export const describeSlirp = describeWhenReady(
  () => slirpReadiness(),
  'slirp adapter tests',
  'the slirp shim is built and can run',
);
