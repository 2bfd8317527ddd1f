// lwIP 2.1.3 as an IUT: the C shim in this folder, built against Debian's liblwip-dev, run as a process adapter.
import * as fs from 'fs';
import * as path from 'path';
import { Adapter, AdapterOptions, AdapterUnavailable } from '../types';
import { createProcessAdapter } from '../process/adapter';

export const LWIP_SHIM = path.join(__dirname, 'build', 'tcpconform-lwip');

export async function createLwipAdapter(_options: AdapterOptions): Promise<Adapter> {
  if (!fs.existsSync(LWIP_SHIM)) {
    throw new AdapterUnavailable(
      'lwip: the shim is not built; run `apt-get install -y liblwip-dev gcc` (Debian/Ubuntu) then `npm run build:lwip`',
    );
  }
  return createProcessAdapter({ cmd: JSON.stringify(LWIP_SHIM), name: 'lwip' });
}
