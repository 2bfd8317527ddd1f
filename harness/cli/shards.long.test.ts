// Issue 14 on the command line, the long checks (`npm run test:long`): --jobs on an in-process adapter starts worker
// threads, and the JSON is that of one thread. --shard, merge and the bad inputs are in shards.test.ts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, lastLine } from './__fixtures__/in-process';
import { withoutTimings } from '../__fixtures__/same-check';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-shards-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const timingless = (json: string) => withoutTimings(JSON.parse(json)) as { divergences: { path: string }[] };

describe('--jobs on an in-process adapter: its lanes are worker threads, and the JSON is that of one thread', () => {
  const json = (out: string) => JSON.parse(lastLine(out));

  test('a seeded bug in the simulator, --jobs 1 and --jobs 3: the same counterexample, runs and coverage', async () => {
    const args = ['check', '--runs', '300', '--seed', '3', '--mutant', 'closeUnreadSendsFin', '--json'];
    const one = await cli(...args, '--out-dir', path.join(tmp, 'jobs1'), '--jobs', '1');
    const three = await cli(...args, '--out-dir', path.join(tmp, 'jobs3'), '--jobs', '3');
    expect([one.code, three.code]).toEqual([1, 1]);
    expect(json(three.out).lanes).toBe(3);
    const noFile = (out: string) => {
      const r = timingless(lastLine(out)) as { divergences: { file?: string }[] };
      for (const d of r.divergences) delete d.file; // in the --out-dir of each
      return r;
    };
    expect(noFile(three.out)).toEqual(noFile(one.out));
  });

  test('the model, a profile from a file, part 2 of 3 (--shard) on --jobs 2: the part one thread makes', async () => {
    const profile = path.join(tmp, 'my-profile.js');
    fs.copyFileSync(path.join(__dirname, '..', '..', 'docs', 'examples', 'my-profile.js'), profile);
    const args = ['check', '--adapter', 'model', '--profile', profile, '--runs', '600', '--seed', '4'];
    const part = [...args, '--shard', '2/3', '--json', '--out-dir', tmp];
    const one = await cli(...part, '--jobs', '1');
    const two = await cli(...part, '--jobs', '2');
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(json(two.out).lanes).toBe(2);
    expect(json(two.out).shard).toEqual(json(one.out).shard);
    expect(timingless(lastLine(two.out))).toEqual(timingless(lastLine(one.out)));
  });
});
