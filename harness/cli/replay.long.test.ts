// Issue 11, item 1, the long check (`npm run test:long`): two checks of two process IUTs with the same seed and
// the same fault each write a counterexample file of their own, so that each `replay:` line reproduces its own
// finding. The rest of the replay tests are in replay.test.ts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './__fixtures__/in-process';

import { SERVE } from './__fixtures__/source-cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-replay-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('a counterexample found through the process adapter', () => {
  test('two process IUTs with the same seed and the same fault write two files, not one', async () => {
    const dir = path.join(tmp, 'two');
    for (const c of [
      `node '${SERVE}' simulator rfc9293 passiveRstCloses`,
      `exec node '${SERVE}' simulator rfc9293 passiveRstCloses`,
    ])
      expect(
        (await cli('check', '--adapter', 'process', '--cmd', c, '--runs', '50', '--seed', '1', '--out-dir', dir)).code,
      ).toBe(1);
    // One counterexample file each (each with its pcap beside it).
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.json'))).toHaveLength(2);
  }, 60000);
});
