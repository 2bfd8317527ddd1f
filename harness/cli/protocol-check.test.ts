// `tcpconform protocol-check --cmd "..."`: the protocol's own test from the command line. A child that speaks
// PROTOCOL.md passes every check (exit 0); one that breaks it is named check by check (exit 4); no --cmd is usage.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './__fixtures__/in-process';

// `tcpconform serve`, run from the TypeScript sources.
const SERVE = `node ${JSON.stringify(path.join(__dirname, '..', '..', 'adapters', 'process', '__fixtures__', 'serve-registry.js'))} simulator rfc9293`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-protocol-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('serve speaks the protocol: every check ok, exit 0', async () => {
  const r = await cli('protocol-check', '--cmd', SERVE);
  expect(r.err).toBe('');
  expect(r.out.trimEnd().split('\n')).toEqual([
    expect.stringMatching(/^ok {4}hello \(/),
    'ok    reset',
    'ok    state',
    'ok    a SYN',
    'ok    wait 10 ms',
    'ok    an unknown op gets an error reply',
    'ok    reset after an unknown op',
    'ok    one reply per request, no extra lines',
    'ok    exits at end of input',
    'PASS  9 checks: the child speaks the protocol (PROTOCOL.md)',
  ]);
  expect(r.code).toBe(0);
});

test('a child that answers with the wrong id: the failing check named, exit 4, one line on stderr', async () => {
  // Says hello and answers every request, but always with id 7.
  const broken = path.join(tmp, 'wrong-id.js');
  fs.writeFileSync(
    broken,
    [
      "process.stdout.write(JSON.stringify({ tcpconform: 1, iut: 'broken', capabilities: { calls: [], segments: false, state: false, signals: false, clock: 'virtual' } }) + '\\n');",
      "require('readline').createInterface({ input: process.stdin }).on('line', () => process.stdout.write('{\"id\":7}\\n'));",
    ].join('\n'),
  );
  const r = await cli('protocol-check', '--cmd', `node ${JSON.stringify(broken)}`, '--timeout', '2000');
  expect(r.out).toMatch(/^ok {4}hello \(broken\)\n/);
  expect(r.out).toMatch(/^FAIL {2}reset: .*id 7/m);
  expect(r.err.trimEnd().split('\n')).toEqual([
    expect.stringMatching(/^tcpconform: adapter failed: the child breaks the protocol: reset: /),
  ]);
  expect(r.code).toBe(4);
});

test('no --cmd, or an empty one: exit 2', async () => {
  expect((await cli('protocol-check')).code).toBe(2);
  const empty = await cli('protocol-check', '--cmd', ' ');
  expect([empty.code, empty.err]).toEqual([2, 'tcpconform: --cmd must name the command that starts the IUT\n']);
});
