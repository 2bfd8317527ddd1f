// A user's own profile from a file (--profile ./my-profile.js): docs/examples/my-profile.js, copied outside the
// checkout, works for check, rules, diff and replay; a missing file, a module that throws and an object that is
// not a profile are each one line and exit 2.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './cli/__fixtures__/in-process';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-profile-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};
const example = file(
  'my-profile.js',
  fs.readFileSync(path.join(__dirname, '..', 'docs', 'examples', 'my-profile.js'), 'utf8'),
);

test('check --adapter model --profile <file> --runs 5: the model playing the profile conforms to it', async () => {
  const r = await cli('check', '--adapter', 'model', '--profile', example, '--runs', '5', '--seed', '1');
  expect(r.err).not.toMatch(/tcpconform: /);
  expect(r.out).toMatch(/^tcpconform check model\/my-stack seed 1: 5 runs/);
  expect(r.code).toBe(0);
});

test('rules --profile <file> lists the rules the profile keeps and its overrides', async () => {
  const r = await cli('rules', '--profile', example);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^\d+ rules of profile my-stack — my-stack 1\.0/);
  expect(r.out).toContain('TIME-WAIT lasts 2·30 s');
  // The override that switches RFC 5961 §5 off takes its rule away (no entry of its own; other profiles' rules
  // that replace a kept rule may still name it).
  expect(r.out).not.toMatch(/^ {2}ack\.tooOld$/m);
  expect(r.out).toMatch(/^ {2}ack\.duplicate$/m);
});

test('diff --profile <file> shows the departure behind an override with its counterexample', async () => {
  const r = await cli('diff', '--adapter', 'model', '--profile', example, '--runs', '50', '--tries', '1');
  expect(r.code).toBe(0);
  expect(r.out).toContain('no ACK validation against MAX.SND.WND');
  expect(r.out).toContain('rule: ack.tooOld');
});

test('a counterexample found under a profile file replays with the printed command, which names the file', async () => {
  const mine = file(
    'mine.js',
    "const { rfc9293 } = require('tcpconform');\nmodule.exports = { ...rfc9293, name: 'mine' };\n",
  );
  const outDir = path.join(tmp, 'cx');
  const found = await cli(
    'check',
    '--profile',
    mine,
    '--mutant',
    'noTimeWait',
    '--runs',
    '500',
    '--seed',
    '1',
    '--out-dir',
    outDir,
  );
  expect(found.code).toBe(1);
  const replay = /npx tcpconform replay (\S+) --profile (\S+)/.exec(found.out);
  expect(replay?.[2]).toBe(mine);
  expect((await cli('replay', replay![1], '--profile', mine)).code).toBe(1);
  // Without the file (in a process that never loaded it) the recorded name means nothing: one line saying so.
  const cx = JSON.parse(fs.readFileSync(replay![1], 'utf8'));
  const elsewhere = file('elsewhere.json', JSON.stringify({ ...cx, profile: 'never-loaded' }));
  const without = await cli('replay', elsewhere);
  expect([without.code, without.err]).toEqual([
    2,
    expect.stringMatching(/^tcpconform: unknown profile "never-loaded" .*profile file/),
  ]);
});

describe('a bad profile file: exit 2, one line naming the file and what is wrong', () => {
  test.each([
    ['a missing file', path.join(tmp, 'nope.js'), /nope\.js does not exist$/],
    ['a module that throws', file('throws.js', "throw new Error('boom');\n"), /throws\.js threw when loaded: boom$/],
    ['a module that exports a number', file('number.js', 'module.exports = 42;\n'), /exports number, not a profile$/],
    [
      'an object without a summary',
      file('bare.js', "module.exports = { name: 'bare' };\n"),
      /"summary" must be a string/,
    ],
    [
      'a misspelt feature',
      file(
        'feature.js',
        "const { rfc9293 } = require('tcpconform');\nmodule.exports = { ...rfc9293, name: 'f', features: ['rfc5961.rsts'] };\n",
      ),
      /"features" has "rfc5961\.rsts", which no rule uses \(known: .*rfc5961\.rst,/,
    ],
    [
      'a misspelt parameter',
      file(
        'param.js',
        "const { rfc9293 } = require('tcpconform');\nmodule.exports = { ...rfc9293, name: 'p', params: { ...rfc9293.params, timeWaitHI: 1 } };\n",
      ),
      /"params\.timeWaitHI" is not a profile parameter/,
    ],
    [
      'a parameter of the wrong type',
      file(
        'type.js',
        "const { rfc9293 } = require('tcpconform');\nmodule.exports = { ...rfc9293, name: 't', params: { ...rfc9293.params, mss: '1460' } };\n",
      ),
      /"params\.mss" must be number, got "1460"/,
    ],
    [
      'a built-in name',
      file('builtin.js', "module.exports = require('tcpconform').rfc9293;\n"),
      /"name" is "rfc9293", a built-in profile's/,
    ],
  ])('%s', async (_what, f, message) => {
    const r = await cli('check', '--adapter', 'model', '--profile', f, '--runs', '1');
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/^tcpconform: profile file /)]);
    expect(r.err.trimEnd()).toMatch(message);
  });
});
