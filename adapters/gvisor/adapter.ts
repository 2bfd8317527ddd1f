// gVisor's netstack as an IUT: the Go shim in this folder, built against Debian's golang-gvisor-gvisor-dev,
// run as a process adapter.
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

export const GVISOR_SHIM = path.join(projectRoot(__dirname), 'adapters', 'gvisor', 'build', 'tcpconform-gvisor');

export async function createGvisorAdapter(_options: AdapterOptions): Promise<Adapter> {
  if (!fs.existsSync(GVISOR_SHIM)) {
    throw new AdapterUnavailable(
      'gvisor: the shim is not built; run `apt-get install -y golang-go golang-gvisor-gvisor-dev` (Debian/Ubuntu) ' +
        'then `npm run build:gvisor`',
    );
  }
  // The shim builds a fresh stack on every reset, seeded from the run seed; a fresh process per run as well
  // keeps a run from seeing anything an earlier run left behind in the Go runtime (goroutines, timers).
  return createProcessAdapter({ cmd: JSON.stringify(GVISOR_SHIM), name: 'gvisor', restartOnReset: true });
}
