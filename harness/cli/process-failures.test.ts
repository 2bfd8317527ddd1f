// Issue 5, acceptance 3, at the CLI: an external IUT that crashes, hangs, prints malformed lines or answers
// with the wrong sequence number gives a clear message and the right exit code within a bounded time. The
// crashes (shrunk with a fresh child for each attempt) and the hang (which waits out the 5 s request timeout)
// are long checks: process-failures.long.test.ts (`npm run test:long`).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { EXAMPLE, FAKE, checkProcess, lastLine } from './__fixtures__/process-check';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-process-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const cli = (cmd: string, extra: string[] = []) => checkProcess(cmd, tmp, extra);

describe('a misbehaving external IUT never crashes or hangs the harness', () => {
  test('a child that prints malformed lines: exit 4 naming the bad line', async () => {
    const r = await cli(`node ${FAKE} garbage`);
    expect(r.code).toBe(4);
    expect(lastLine(r.err)).toMatch(/adapter failed: .*(JSON|malformed|not a)/i);
    expect(r.err).toMatch(/\| fake-iut: request 2 call\ntcpconform: adapter failed: /);
  }, 30000);

  test('a child that exits before its hello: exit 4, with what it said on stderr', async () => {
    const r = await cli(`node ${FAKE} exit-early`);
    expect(r.code).toBe(4);
    expect(lastLine(r.err)).toMatch(/adapter failed: .*exited with code 3 \(while waiting for the hello line\)/);
    expect(r.err).toMatch(/\| fake-iut: cannot open \/dev\/tun0: permission denied\n/);
  }, 30000);

  test('a child that answers with the wrong sequence number: exit 1 with a counterexample naming the rule', async () => {
    // The worked example with one bug: its RST takes SEQ from SEG.ACK plus one.
    const buggy = path.join(tmp, 'echo-closed-port-bug.js');
    const src = fs.readFileSync(EXAMPLE, 'utf8');
    const bugged = src.replace(
      'return { seq: seg.ack, ack: 0, ctl: RST };',
      'return { seq: (seg.ack + 1) >>> 0, ack: 0, ctl: RST };',
    );
    expect(bugged).not.toBe(src); // the bug went in
    fs.writeFileSync(buggy, bugged);
    const r = await cli(`node ${buggy}`, ['--json']);
    expect(r.code).toBe(1);
    const result = JSON.parse(lastLine(r.out));
    expect(result.divergences).toHaveLength(1);
    expect(result.divergences[0].divergence.rule).toBe('closed.ack');
    expect(result.divergences[0].inputs).toHaveLength(1); // one segment with ACK to a closed port suffices
    expect(r.err).toMatch(/rule: closed\.ack/);
  }, 30000);

  test('the worked example itself conforms', async () => {
    const r = await cli(`node ${EXAMPLE}`);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/PASS/);
  }, 30000);
});
