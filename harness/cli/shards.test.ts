// Issue 14 on the command line: --jobs and --shard i/n of check, and merge, with their bad inputs. --jobs on worker
// threads is a long check: shards.long.test.ts (`npm run test:long`).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, lastLine } from './__fixtures__/in-process';
import { withoutTimings } from '../__fixtures__/same-check';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-shards-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const timingless = (json: string) => withoutTimings(JSON.parse(json)) as { divergences: { path: string }[] };

describe('bad values of --jobs and --shard: exit 2 and one line, before any run', () => {
  test.each([
    [['--jobs', 'many'], /--jobs must be a whole number from 1 to 1000 or "auto", got "many"/],
    [['--jobs', '0'], /--jobs must be a whole number/],
    [['--shard', '3'], /--shard must be i\/n with 1 <= i <= n \(part i of n\), got "3"/],
    [['--shard', '4/3'], /--shard must be i\/n/],
    [['--shard', '0/3'], /--shard must be i\/n/],
    [['--runs', '2', '--shard', '1/3'], /--shard 1\/3: 3 parts need at least 3 runs, got --runs 2/],
  ])('check %j', async (args, message) => {
    const r = await cli('check', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('check --shard i/n, then merge', () => {
  async function part(i: number, extra: string[] = []): Promise<string> {
    const r = await cli(
      'check',
      '--runs',
      '150',
      '--seed',
      '9',
      '--shard',
      `${i}/3`,
      '--json',
      '--out-dir',
      tmp,
      ...extra,
    );
    const file = path.join(tmp, `part${i}${extra.length ? '-bug' : ''}.json`);
    fs.writeFileSync(file, r.out); // the whole stdout, as `> part.json` would keep it
    return file;
  }

  test("conformant: merge prints the whole check's JSON and exits 0; JUnit is written", async () => {
    const whole = await cli('check', '--runs', '150', '--seed', '9', '--json', '--out-dir', tmp);
    const files = [await part(1), await part(2), await part(3)];
    const junit = path.join(tmp, 'merged.xml');
    const m = await cli('merge', ...files, '--json', '--junit', junit, '--out-dir', tmp);
    expect(m.code).toBe(0);
    expect(timingless(lastLine(m.out))).toEqual(timingless(lastLine(whole.out)));
    expect(fs.readFileSync(junit, 'utf8')).toMatch(/<testcase classname="tcpconform.simulator.rfc9293" name="check"/);
  });

  test("a seeded bug: merge exits 1 with the whole check's counterexample, and writes its file", async () => {
    const bug = ['--mutant', 'closeUnreadSendsFin'];
    const whole = await cli('check', '--runs', '150', '--seed', '9', '--json', '--out-dir', tmp, ...bug);
    expect(whole.code).toBe(1);
    const files = [await part(1, bug), await part(2, bug), await part(3, bug)];
    const out = path.join(tmp, 'merged-cx');
    const m = await cli('merge', ...files, '--json', '--out-dir', out);
    expect(m.code).toBe(1);
    const merged = JSON.parse(lastLine(m.out));
    expect(timingless(lastLine(m.out)).divergences.map((d) => d.path)).toEqual(
      timingless(lastLine(whole.out)).divergences.map((d) => d.path),
    );
    expect(fs.existsSync(merged.divergences[0].file)).toBe(true);
    expect(merged.divergences[0].file.startsWith(out)).toBe(true);
  });

  test('merge of a missing file, of something else, of an incomplete set: exit 2 and one line', async () => {
    const p1 = await part(1);
    const notJson = path.join(tmp, 'note.txt');
    fs.writeFileSync(notJson, 'hello\n');
    for (const [args, message] of [
      [[path.join(tmp, 'none.json')], /cannot read .*none\.json: ENOENT/],
      [[notJson], /note\.txt is not the --json report of a check/],
      [[p1], /parts 2, 3 of 3 are missing/],
    ] as const) {
      const r = await cli('merge', ...args);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
