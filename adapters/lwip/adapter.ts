// lwIP 2.1.3 as an IUT: the C shim in this folder, built against Debian's liblwip-dev, run as a process adapter.
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

export const LWIP_SHIM = path.join(projectRoot(__dirname), 'adapters', 'lwip', 'build', 'tcpconform-lwip');

export async function createLwipAdapter(_options: AdapterOptions): Promise<Adapter> {
  if (!fs.existsSync(LWIP_SHIM)) {
    throw new AdapterUnavailable(
      'lwip: the shim is not built; run `apt-get install -y liblwip-dev gcc` (Debian/Ubuntu) then `npm run build:lwip`',
    );
  }
  // lwIP keeps state across runs that no API resets (tcp_next_iss()'s static `iss += tcp_ticks`, the IP
  // identification counter): the shim serves each run from a fork of its image before any run, so one process
  // serves the whole check and the same run seed still gives the same run.
  return createProcessAdapter({ cmd: JSON.stringify(LWIP_SHIM), name: 'lwip' });
}
