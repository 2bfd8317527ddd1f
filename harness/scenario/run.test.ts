// `tcpconform run`: scenarios are checked against the model in lockstep and against their own expectations;
// run on the model adapter they test the model's predictions.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, lastLine } from '../cli/__fixtures__/in-process';
import { schemaErrors, withXmllint } from '../report/__fixtures__/xmllint';

jest.setTimeout(60_000);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-run-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, text);
  return f;
};

describe('the scenarios of spec/scenarios', () => {
  const count = fs.readdirSync('spec/scenarios', { recursive: true }).filter((f) => String(f).endsWith('.tcs')).length;

  test.each(['model', 'simulator'])('all pass on %s', async (adapter) => {
    const r = await cli('run', 'spec/scenarios', '--adapter', adapter);
    expect(r.err).toBe('');
    expect(lastLine(r.out)).toBe(`${count} scenarios on ${adapter}: ${count} passed, 0 failed, 0 skipped`);
    expect(r.code).toBe(0);
  });

  test('a seeded bug fails the figure it breaks, at the line that shows it', async () => {
    // passiveRstCloses: a RST in a passively opened SYN-RECEIVED goes to CLOSED, not back to LISTEN (RFC 9293
    // §3.10.7.4, second check) — Figure 12's line 5 with the IUT as TCP B.
    const f = 'spec/scenarios/rfc793-figures/figure12-b.tcs';
    const r = await cli('run', f, '--mutant', 'passiveRstCloses');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${f}:10: the IUT left the outcomes the model allows: rule rst.synReceived.passive`);
    expect(r.out).toContain(`${f}:12: expected state LISTEN; the IUT is in CLOSED`);
  });
});

describe('a scenario is an oracle test', () => {
  test('an expectation that contradicts the model fails on the model adapter, naming the line', async () => {
    // The SYN,ACK of a passive OPEN acknowledges the peer's ISS + 1 (RFC 9293 §3.10.7.2): "ack 2" is wrong.
    const f = write('wrong.tcs', 'OPEN passive\n< S 0:0(0)\n  > S. 0:0(0) ack 2\n  state SYN-RECEIVED\n');
    const r = await cli('run', f, '--adapter', 'model');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `${f}:3: no outcome the model allows here fits these expectations; it allows: SYN-RECEIVED, > S. 0:0(0) ack 1`,
    );
    expect(r.out).not.toContain(`${f}:4:`);
    // On another IUT, the same line also says what that IUT did.
    const sim = await cli('run', f, '--adapter', 'simulator');
    expect(sim.out).toContain(`${f}:3: expected > S. 0:0(0) ack 2; the IUT sent > S. 0:0(0) ack 1`);
  });

  test("the allowed set, not the model adapter's pick: both readings of Figure 8's line 6 pass on the model", async () => {
    // B's SYN,ACK at SEQ=300 reaches A in SYN-RECEIVED. RFC 9293's Figure 7 draws A ESTABLISHED at once, sending
    // nothing; the event processing (§3.10.7.4, first check) finds SEQ below RCV.NXT and has A answer with an ACK
    // and wait for B's. The model allows both; a scenario of either passes on the model whichever it picks.
    const head = 'peer-iss 300\nOPEN active\n< S 0:0(0)\n  > S. 0:0(0) ack 1\n< S. 0:0(0) ack 1\n';
    const drawn = write('fig8-drawn.tcs', `${head}  > none\n  state ESTABLISHED\n`);
    const text = write(
      'fig8-text.tcs',
      `${head}  > . 1:1(0) ack 1\n  state SYN-RECEIVED\n< . 1:1(0) ack 1\n  state ESTABLISHED\n`,
    );
    const r = await cli('run', drawn, text, '--adapter', 'model');
    expect(lastLine(r.out)).toBe('2 scenarios on model: 2 passed, 0 failed, 0 skipped');
    // And one the RFC allows in neither reading fails: ESTABLISHED with a RST.
    const neither = write('fig8-neither.tcs', `${head}  > R 1:1(0)\n  state ESTABLISHED\n`);
    expect((await cli('run', neither, '--adapter', 'model')).code).toBe(1);
  });

  test('a wrong state, answer or signal is named too', async () => {
    const f = write(
      'wrong2.tcs',
      'OPEN active\n  state LISTEN\nRECEIVE = ok "x"\n< R. 0:0(0) ack 1\n  signal "connection refused"\n',
    );
    const model = await cli('run', f, '--adapter', 'model');
    expect(model.code).toBe(1);
    // RFC 9293 §3.10.7.3: an acceptable RST in SYN-SENT tells the user "connection reset" (sockets say
    // ECONNREFUSED, but the RFC's word is reset).
    expect(model.out).toContain(`${f}:5: no outcome the model allows here fits these expectations; it allows: CLOSED`);
    expect(model.out).toContain('signals "connection reset"');
    const r = await cli('run', f, '--adapter', 'simulator');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`${f}:2: expected state LISTEN; the IUT is in SYN-SENT`);
    expect(r.out).toContain(`${f}:3: expected the answer ok "x"; the IUT answered`);
    expect(r.out).toContain(`${f}:5: expected the signals "connection refused"; the IUT gave "connection reset"`);
  });
});

describe('counterexamples as scenarios', () => {
  test('check writes one beside each counterexample: it fails on the IUT and passes on the model', async () => {
    const out = path.join(tmp, 'cx');
    const c = await cli('check', '--mutant', 'passiveRstCloses', '--seed', '1', '--out-dir', out);
    expect(c.code).toBe(1);
    const tcs = /scenario: (\S+\.tcs)/.exec(c.out)?.[1];
    expect(tcs).toBeDefined();
    expect((await cli('run', tcs!, '--mutant', 'passiveRstCloses')).code).toBe(1);
    const onModel = await cli('run', tcs!, '--adapter', 'model');
    expect(onModel.out).toContain('1 passed, 0 failed');
    expect(onModel.code).toBe(0);
  });
});

describe('bad input: one line, exit 2, before anything runs', () => {
  test.each([
    [['run', '/nonexistent.tcs'], 'cannot read /nonexistent.tcs: ENOENT'],
    [['run', 'harness'], 'harness holds no scenario files (.tcs)'],
    [['run', 'spec/scenarios', '--profile', 'nope'], 'unknown profile "nope"'],
    [['run', 'spec/scenarios', '--adapter', 'model', '--mutant', 'passiveRstCloses'], '--mutant injects'],
  ])('%j', async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  test('a mistake in a file is FILE:LINE', async () => {
    const f = write('bad.tcs', 'OPEN active\n< S 0:0(0) ack\n');
    const r = await cli('run', f);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`tcpconform: ${f}:2: "ack" needs a value\n`);
  });
});

describe('adapters that cannot play a scenario skip it, saying why', () => {
  test('a scenario the adapter cannot play is skipped, and a run that plays none exits 3', async () => {
    // The process adapter's example IUT answers segments on a closed port only: no user calls.
    const f = write('calls.tcs', 'OPEN passive\n');
    const cmd = `node ${path.resolve('adapters/process/example/echo-closed-port.js')}`;
    const r = await cli('run', f, '--adapter', 'process', '--cmd', cmd);
    expect(r.out).toContain(`SKIP  ${f}: line 1: adapter`);
    expect(r.out).toContain('has no user call open.passive');
    expect(r.code).toBe(3);
  });
});

describe('--html', () => {
  test('writes one page with every scenario, the failing one with its rule', async () => {
    const page = path.join(tmp, 'run.html');
    const f = 'spec/scenarios/rfc793-figures/figure12-b.tcs';
    const r = await cli(
      'run',
      f,
      'spec/scenarios/rfc793-figures/figure07-a.tcs',
      '--mutant',
      'passiveRstCloses',
      '--html',
      page,
    );
    expect(r.code).toBe(1);
    const html = fs.readFileSync(page, 'utf8');
    expect(html).toContain('Figure 12, old duplicate SYN initiates a reset on two passive sockets');
    expect(html).toContain('Figure 7, basic three-way handshake: the IUT as TCP A');
    expect(html).toContain('rst.synReceived.passive');
    expect(html).toContain(`${f}:12: expected state LISTEN; the IUT is in CLOSED`);
  });

  test('a path that cannot be written: exit 2 before anything runs', async () => {
    const r = await cli('run', 'spec/scenarios', '--html', '/proc/nope/run.html');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});

describe('--junit', () => {
  withXmllint('one case per scenario: passed, failed with the rule; valid against junit.xsd', async () => {
    const file = path.join(tmp, 'run.xml');
    const pass = 'spec/scenarios/rfc793-figures/figure07-a.tcs';
    const fail = 'spec/scenarios/rfc793-figures/figure12-b.tcs';
    const r = await cli('run', pass, fail, '--mutant', 'passiveRstCloses', '--junit', file);
    expect(r.code).toBe(1);
    const xml = fs.readFileSync(file, 'utf8');
    expect(xml).toMatch(/<testsuite [^>]*tests="2"[^>]*failures="1"/);
    expect(xml).toMatch(
      new RegExp(`<testcase [^>]*name="${fail}: Figure 12[^"]*"[^>]*>\\s*<failure [^>]*type="rst.synReceived.passive"`),
    );
    expect(xml).toMatch(new RegExp(`<testcase [^>]*name="${pass}: Figure 7[^"]*"[^>]*/>`));
    expect(schemaErrors(file)).toBe('');
  });
});
