// The packetdrill scripts of spec/packetdrill, written for this project and checked by hand with packetdrill
// itself on this kernel, import into scenarios that pass on the linux adapter: against the linux profile in
// lockstep and against every packet and answer the script expects. Skips (printing why) when not root.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../harness/cli/__fixtures__/in-process';
import { describeLinux } from './gate';

jest.setTimeout(120_000);

const DIR = 'spec/packetdrill';
const scripts = fs.readdirSync(DIR).filter((f) => f.endsWith('.pkt'));

describeLinux('peer')('packetdrill scripts on the kernel', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-pkt-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('there are at least ten', () => expect(scripts.length).toBeGreaterThanOrEqual(10));

  test('each imports with every line converted, and all pass on linux', async () => {
    for (const f of scripts) {
      const out = path.join(tmp, f.replace(/\.pkt$/, '.tcs'));
      const r = await cli('import-packetdrill', path.join(DIR, f), '--out', out);
      expect([f, r.err]).toEqual([f, '']);
      expect(r.code).toBe(0);
    }
    const run = await cli('run', tmp, '--adapter', 'linux');
    expect(run.out).not.toContain('FAIL');
    expect(run.out).toContain(`${scripts.length} scenarios on linux: ${scripts.length} passed, 0 failed, 0 skipped`);
    expect(run.code).toBe(0);
  });
});
