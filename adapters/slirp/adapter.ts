// libslirp 4.7.0 (QEMU's user-mode network stack) as an IUT: the C shim in this folder, built against Debian's
// libslirp-dev, run as a process adapter.
import * as fs from 'fs';
import * as path from 'path';
import { Adapter, AdapterOptions, AdapterUnavailable } from '../types';
import { createProcessAdapter } from '../process/adapter';

/** The project's root, whether this file runs from the sources (ts-jest) or from dist/ (the CLI). */
function projectRoot(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d))
    if (fs.existsSync(path.join(d, 'package.json'))) return d;
  return dir;
}

export const SLIRP_SHIM = path.join(projectRoot(__dirname), 'adapters', 'slirp', 'build', 'tcpconform-slirp');

/** Why the slirp adapter cannot run here, or undefined when it can. */
export function slirpUnavailable(shim = SLIRP_SHIM, uid = process.getuid?.()): string | undefined {
  if (!fs.existsSync(shim))
    return (
      'slirp: the shim is not built; run `apt-get install -y libslirp-dev gcc` (Debian/Ubuntu) ' +
      'then `npm run build:slirp`'
    );
  // slirp's user is a host socket: the shim keeps those in a network namespace of its own, which needs root.
  if (uid !== 0) return 'slirp: needs root (the shim makes a private network namespace for its host sockets)';
  return undefined;
}

export async function createSlirpAdapter(_options: AdapterOptions): Promise<Adapter> {
  const why = slirpUnavailable();
  if (why) throw new AdapterUnavailable(why);
  // slirp keeps its clock in a process-wide variable (`curtime`): the shim serves each run from a fork of its
  // image before any run, which makes the run's namespace and Slirp at its reset; one process per check.
  return createProcessAdapter({ cmd: JSON.stringify(SLIRP_SHIM), name: 'slirp' });
}
