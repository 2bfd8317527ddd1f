// Issue 5, acceptance 3, at the CLI, the long checks (`npm run test:long`): an external IUT that crashes or hangs
// (the harness waits out the 5 s request timeout) gives a finding with the right exit code within a bounded time,
// and a crash found in a check of 2000 runs is shrunk like a divergence, a fresh child for each attempt. The
// other misbehaving IUTs are in process-failures.test.ts.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { CRASHY, FAKE, checkProcess, lastLine } from './__fixtures__/process-check';
import { sourceCli } from './__fixtures__/source-cli';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-process-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const cli = (cmd: string, extra: string[] = []) => checkProcess(cmd, tmp, extra);

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
});
