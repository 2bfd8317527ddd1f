// Issue 5, acceptance 3, at the CLI: an external IUT that crashes, hangs, prints malformed lines or answers
// with the wrong sequence number gives a clear message and the right exit code within a bounded time.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { ROOT, sourceCli } from './__fixtures__/source-cli';
const FAKE = path.join(ROOT, 'adapters', 'process', '__fixtures__', 'fake-iut.js');
const EXAMPLE = path.join(ROOT, 'adapters', 'process', 'example', 'echo-closed-port.js');
const CRASHY = path.join(ROOT, 'adapters', 'process', '__fixtures__', 'crash-on-abort.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-process-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function cli(
  cmd: string,
  extra: string[] = [],
): Promise<{ code: number | null; out: string; err: string; ms: number }> {
  const t0 = Date.now();
  const child = spawn(
    process.execPath,
    sourceCli('check', '--adapter', 'process', '--cmd', cmd, '--runs', '50', '--seed', '1', '--out-dir', tmp, ...extra),
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err, ms: Date.now() - t0 })));
}

const lastLine = (s: string) => s.trimEnd().split('\n').pop() ?? '';

describe('a misbehaving external IUT never crashes or hangs the harness', () => {
  test('a child that dies on an input: a finding (exit 1), the input it died on and its last words', async () => {
    // The fake dies at the first input of every run: one input is the shortest run that shows it.
    const r = await cli(`node ${FAKE} crash`, ['--json']);
    expect(r.code).toBe(1);
    const cx = JSON.parse(lastLine(r.out)).divergences[0];
    expect(cx.inputs).toHaveLength(1);
    expect(cx.divergence.rule).toBe('iut.crash');
    expect(cx.divergence.observed.crash.how).toMatch(/the child exited with code 134 \(while waiting for the reply/);
    expect(cx.divergence.observed.crash.stderr).toContain(
      'fake-iut: assertion "pcb->state != LISTEN" failed in tcp_input',
    );
    // Drawn as a counterexample: the step it died on, then its last words.
    expect(r.err).toMatch(/observed the IUT crashed: .*exited with code 134.*\n(.*\n)*\s+\| fake-iut: assertion/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.ms).toBeLessThan(20000);
  }, 30000);

  test('a child that stops answering: a finding after the request timeout, shown as seen, not a hung job', async () => {
    const r = await cli(`node ${FAKE} hang`);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/observed the IUT stopped answering: .*no answer within 5000 ms/);
    expect(r.out).toMatch(/\| fake-iut: request 2 call\n/);
    expect(r.ms).toBeLessThan(20000);
  }, 30000);

  test('a crash is shrunk like a divergence, a fresh child for each attempt, and replay reproduces it', async () => {
    // The fixture dies only on an ABORT in SYN-RECEIVED after an active OPEN (as gVisor's netstack panics
    // there): OPEN active, the peer's SYN, ABORT is the only shortest way in.
    const r = await cli(`node ${CRASHY}`, ['--runs', '2000', '--json']);
    expect(r.code).toBe(1);
    const cx = JSON.parse(lastLine(r.out)).divergences[0];
    expect(
      cx.inputs.map((i: { kind: string; call?: string; segment?: { ctl: string } }) => i.call ?? i.segment?.ctl),
    ).toEqual(['open', 'SYN', 'abort']);
    expect(cx.divergence.observed.crash.stderr).toContain(
      'panic: runtime error: invalid memory address or nil pointer dereference',
    );
    const again = spawnSync(process.execPath, sourceCli('replay', cx.file), { encoding: 'utf8' });
    expect(again.stdout).toMatch(/DIVERGES at line 6 \(input 3 of 3\)/);
    expect(again.stdout).toMatch(/observed the IUT crashed: .*exited with code 2/);
    expect(again.status).toBe(1);
  }, 60000);

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
