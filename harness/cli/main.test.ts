import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ADAPTERS } from '../../adapters/registry';
import { AdapterUnavailable } from '../../adapters/types';
import { cli, lastLine } from './__fixtures__/in-process';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const oneLine = (err: string) => {
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  expect(err).toMatch(/^tcpconform: /);
  expect(err).not.toMatch(/\n\s+at /);
};

describe('bad input gives exit 2 and one line on stderr, never a stack trace', () => {
  test.each([
    ['unknown adapter', ['check', '--adapter', 'no-such-stack'], /unknown adapter "no-such-stack" \(known: .*model/],
    ['unknown profile', ['check', '--adapter', 'model', '--profile', 'bsd44'], /unknown profile "bsd44"/],
    ['unknown flag', ['check', '--frobnicate'], /unknown option '--frobnicate'/],
    ['non-numeric runs', ['check', '--adapter', 'model', '--runs', 'many'], /--runs must be a whole number/],
    ['zero runs', ['check', '--adapter', 'model', '--runs', '0'], /--runs must be a whole number/],
    ['fractional seed', ['check', '--adapter', 'model', '--seed', '1.5'], /--seed must be an integer/],
    ['unknown command', ['frob'], /unknown command 'frob'/],
    ['unknown profile for rules', ['rules', '--profile', 'nope'], /unknown profile "nope"/],
    ['process adapter without --cmd', ['check', '--adapter', 'process'], /--adapter process needs --cmd/],
    [
      'unknown mutant',
      ['check', '--mutant', 'noSuchBug', '--runs', '1'],
      /unknown mutant "noSuchBug"; valid mutants are: noTimeWait/,
    ],
    [
      'mutant on an adapter without mutants',
      ['check', '--adapter', 'model', '--mutant', 'noTimeWait'],
      /--mutant injects a seeded bug into the simulator/,
    ],
    ['unknown topology', ['check', '--topology', 'ring'], /--topology must be peer or pair/],
    ['loss without the pair topology', ['check', '--loss', '0.1'], /need --topology pair/],
    [
      'a probability above 1',
      ['check', '--topology', 'pair', '--loss', '2'],
      /--loss must be a probability from 0 to 1/,
    ],
  ])('%s', async (_name, args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    oneLine(r.err);
  });

  test('unreadable counterexample file', async () => {
    const r = await cli('replay', path.join(tmp, 'missing.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read counterexample file .*missing\.json: ENOENT/);
    oneLine(r.err);
  });

  test.each([
    ['not JSON', '{"tcpconform": 1,', /is not valid JSON/],
    ['not a counterexample', '{"hello": "world"}', /not a tcpconform counterexample/],
    ['an array', '[1,2,3]', /expected a JSON object/],
    [
      'inputs missing',
      '{"tcpconform":1,"adapter":"model","profile":"rfc9293","peerIss":1,"runSeed":1}',
      /"inputs" must be a non-empty array/,
    ],
    [
      'a bad input',
      '{"tcpconform":1,"adapter":"model","profile":"rfc9293","peerIss":1,"runSeed":1,"inputs":[{"kind":"jump"}]}',
      /inputs\[0\]: unknown input kind "jump"/,
    ],
    [
      'a bad control bit',
      '{"tcpconform":1,"adapter":"model","profile":"rfc9293","peerIss":1,"runSeed":1,"inputs":[{"kind":"segment","segment":{"ctl":"SYN,URG","seq":{"from":"rcvNxt","delta":0}}}]}',
      /unknown control bit "URG"/,
    ],
    [
      'an unknown adapter',
      '{"tcpconform":1,"adapter":"vax","profile":"rfc9293","peerIss":1,"runSeed":1,"inputs":[{"kind":"wait","ms":1}]}',
      /unknown adapter "vax"/,
    ],
  ])('malformed counterexample file: %s', async (_name, content, message) => {
    const f = path.join(tmp, `bad-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(f, content);
    const r = await cli('replay', f);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    oneLine(r.err);
  });
});

describe('check on the model adapter', () => {
  const timingFree = (line: string) => {
    const j = JSON.parse(line);
    delete j.elapsedMs;
    delete j.eventsPerSecond;
    return JSON.stringify(j);
  };

  test('--json ends stdout with one object carrying the documented fields', async () => {
    const r = await cli('check', '--adapter', 'model', '--runs', '50', '--seed', '3', '--json', '--out-dir', tmp);
    expect(r.code).toBe(0);
    const last = r.out.trimEnd().split('\n').pop()!;
    const j = JSON.parse(last);
    for (const k of [
      'adapter',
      'profile',
      'seed',
      'runs',
      'events',
      'divergences',
      'coverage',
      'elapsedMs',
      'eventsPerSecond',
    ])
      expect(j).toHaveProperty(k);
    expect(j).toMatchObject({ adapter: 'model', profile: 'rfc9293', seed: 3, runs: 50, divergences: [] });
    expect(j.coverage.states.total).toBe(11);
    expect(j.coverage.rules.total).toBeGreaterThan(50);
  });

  test('the same seed twice gives byte-identical JSON apart from timings', async () => {
    const a = await cli('check', '--adapter', 'model', '--runs', '200', '--seed', '42', '--json', '--out-dir', tmp);
    const b = await cli('check', '--adapter', 'model', '--runs', '200', '--seed', '42', '--json', '--out-dir', tmp);
    expect(timingFree(a.out.trimEnd().split('\n').pop()!)).toBe(timingFree(b.out.trimEnd().split('\n').pop()!));
    const c = await cli('check', '--adapter', 'model', '--runs', '200', '--seed', '43', '--json', '--out-dir', tmp);
    expect(timingFree(c.out.trimEnd().split('\n').pop()!)).not.toBe(timingFree(a.out.trimEnd().split('\n').pop()!));
  });

  test('--junit writes a JUnit report', async () => {
    const f = path.join(tmp, 'junit.xml');
    const r = await cli('check', '--adapter', 'model', '--runs', '20', '--seed', '1', '--junit', f, '--out-dir', tmp);
    expect(r.code).toBe(0);
    const xml = fs.readFileSync(f, 'utf8');
    expect(xml).toMatch(/<testsuite name="tcpconform check model\/rfc9293" tests="\d+" failures="0" errors="0"/);
    expect(xml).toMatch(/<testcase classname="tcpconform.model.rfc9293" name="check"/);
  });

  test('rules lists every rule with its citations', async () => {
    const r = await cli('rules', '--profile', 'rfc9293');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /rst\.synReceived\.passive\n.*SYN-RECEIVED\n.*\n\s+RFC 793 §3\.9 p\.70, RFC 9293 §3\.10\.7\.4/,
    );
    expect(r.out).toMatch(/rst\.challenge/);
    const r793 = await cli('rules', '--profile', 'rfc793');
    expect(r793.out).not.toMatch(/rst\.challenge/);
  });
});

describe('replay', () => {
  test('a counterexample written by check replays to the same divergence, and conforms on a fixed IUT', async () => {
    const r = await cli(
      'check',
      '--adapter',
      'simulator',
      '--mutant',
      'passiveRstCloses',
      '--runs',
      '500',
      '--seed',
      '1',
      '--json',
      '--out-dir',
      tmp,
    );
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out.trimEnd().split('\n').pop()!);
    const file: string = result.divergences[0].file;
    expect(fs.existsSync(file)).toBe(true);
    const again = await cli('replay', file);
    expect(again.code).toBe(1);
    // The figure numbers events: the header names the figure's line of the diverging input as well as its index.
    expect(again.out).toMatch(/DIVERGES at line 5 \(input 3 of 3\)/);
    expect(again.out).toMatch(/\n {2}5\. \?\?\? /);
    expect(again.out).toMatch(/expected LISTEN, sending nothing\n\s+observed CLOSED, sending nothing/);
    // The same inputs against the simulator without the seeded bug: the RFC's behaviour, exit 0.
    const fixed = await cli('replay', file, '--no-mutant');
    expect(fixed.code).toBe(0);
    expect(fixed.out).toMatch(/CONFORMS: all 3 inputs/);
  });
});

describe('an output path that cannot be written fails at once, before any run', () => {
  const aFile = path.join(tmp, 'a-file');
  beforeAll(() => fs.writeFileSync(aFile, ''));
  // Had a check run first, it would have printed its first line on stdout (diff: on stderr).
  const check = ['check', '--adapter', 'model', '--runs', '200', '--seed', '1'];
  const diff = ['diff', '--adapter', 'simulator', '--profile', 'linux', '--runs', '1', '--tries', '1'];
  test.each([
    ['--junit under /proc', [...check, '--junit', '/proc/x.xml'], /--junit \/proc\/x\.xml: cannot create files in/],
    ['--junit naming a directory', [...check, '--junit', tmp], /--junit .* is a directory; give a file name/],
    ['--junit below a file', [...check, '--junit', path.join(aFile, 'j.xml')], /--junit .*: .*a-file is a file, not a/],
    ['--out-dir naming a file', [...check, '--out-dir', aFile], /--out-dir .*a-file is a file, not a directory/],
    ['--out-dir under /proc', [...check, '--out-dir', '/proc/tcp/cx'], /--out-dir \/proc\/tcp\/cx: cannot create/],
    ['pair: --out-dir in /proc', [...check, '--topology=pair', '--out-dir', '/proc/cx'], /\/proc\/cx: cannot create/],
    ['diff --out under /proc', [...diff, '--out', '/proc/d.md'], /--out \/proc\/d\.md: cannot create files in \/proc/],
    ['diff --out naming a directory', [...diff, '--out', tmp], /--out .* is a directory/],
  ])('%s', async (_name, args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    oneLine(r.err);
    // Nothing ran: a check prints its progress and verdict on stdout, and this one printed nothing (no timing
    // bound here: a simulator check is itself faster than a loaded machine is predictable).
    expect(r.out).toBe('');
  });

  test('--json still says why, as its one object', async () => {
    const r = await cli(...check, '--json', '--junit', '/proc/x.xml');
    expect(r.code).toBe(2);
    const error = expect.stringMatching(/--junit \/proc\/x\.xml/);
    expect(JSON.parse(lastLine(r.out))).toMatchObject({ verdict: 'usage', error });
  });

  test('the probe leaves nothing behind', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'clean-'));
    await cli(...check, '--junit', path.join(dir, 'r.xml'), '--out-dir', path.join(dir, 'cx'));
    expect(fs.readdirSync(dir)).toEqual(['r.xml']);
  });
});

describe('asking for nothing, the version, and a near miss', () => {
  test('no arguments: the help on stderr and exit 2, not a silent pass', async () => {
    const r = await cli();
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Usage: tcpconform \[options\] \[command\]/);
    expect(r.err).toMatch(/\n\s+check \[options\]\s+run random lockstep tests/);
    expect(r.out).toBe('');
  });

  test('help and --help, asked for, are on stdout with exit 0', async () => {
    for (const args of [['help'], ['--help'], ['help', 'check'], ['check', '--help']]) {
      const r = await cli(...args);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage: tcpconform /);
    }
  });

  test('--version prints the version of package.json', async () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    for (const flag of ['--version', '-V']) {
      const r = await cli(flag);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`${version}\n`);
    }
  });

  test.each([
    ['a misspelt option', ['check', '--rnus', '5'], /^tcpconform: unknown option '--rnus' \(Did you mean --runs\?\)$/],
    ['a misspelt command', ['chek'], /^tcpconform: unknown command 'chek' \(Did you mean check\?\)$/],
  ])('%s gets a suggestion, on one line', async (_name, args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd()).toMatch(message);
    oneLine(r.err);
  });
});

describe('--junit and --json are written whatever the exit code', () => {
  const FAKE = path.join(__dirname, '..', '..', 'adapters', 'process', '__fixtures__', 'fake-iut.js');
  let n = 0;
  async function reports(...args: string[]) {
    const junit = path.join(tmp, `every-${n++}.xml`);
    const r = await cli('check', '--json', '--junit', junit, '--out-dir', tmp, ...args);
    return { code: r.code, json: JSON.parse(lastLine(r.out)), xml: fs.readFileSync(junit, 'utf8'), err: r.err };
  }

  test('0, conformant', async () => {
    const r = await reports('--adapter', 'model', '--runs', '10', '--seed', '1');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ verdict: 'conformant', divergences: [] });
    expect(r.xml).toMatch(/<testsuites [^>]*failures="0" errors="0"/);
  });

  test('0, conformant, pair topology', async () => {
    const r = await reports('--adapter', 'model', '--topology', 'pair', '--runs', '10', '--seed', '1');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ verdict: 'conformant', topology: 'pair' });
    expect(r.xml).toMatch(/<testsuites [^>]*failures="0" errors="0"/);
  });

  test('1, a divergence', async () => {
    const r = await reports('--adapter', 'simulator', '--mutant', 'passiveRstCloses', '--runs', '500', '--seed', '1');
    expect(r.code).toBe(1);
    const divergences = [{ divergence: { rule: 'rst.synReceived.passive' } }];
    expect(r.json).toMatchObject({ verdict: 'divergence', divergences });
    expect(r.xml).toMatch(/<failure type="rst.synReceived.passive"/);
  });

  test('2, bad usage found after the flags were read', async () => {
    const r = await reports('--adapter', 'model', '--profile', 'bsd44', '--seed', '7');
    expect(r.code).toBe(2);
    const error = expect.stringMatching(/^unknown profile "bsd44"/);
    expect(r.json).toEqual({ verdict: 'usage', error, adapter: 'model', profile: 'bsd44', seed: 7 });
    expect(r.xml).toMatch(/<error type="usage" message="unknown profile &quot;bsd44&quot;/);
    oneLine(r.err);
  });

  test('2, bad usage in the pair topology', async () => {
    const r = await reports('--adapter', 'model', '--topology', 'pair', '--loss', '0.7', '--dup', '0.7');
    expect(r.code).toBe(2);
    expect(r.json).toMatchObject({ verdict: 'usage', error: expect.stringMatching(/must add up to at most 1/) });
    expect(r.xml).toMatch(/<error type="usage"/);
  });

  test('3, adapter unavailable', async () => {
    const lwip = ADAPTERS.find((a) => a.name === 'lwip')!;
    const spy = jest.spyOn(lwip, 'create').mockRejectedValue(new AdapterUnavailable('liblwip.so not found'));
    try {
      const r = await reports('--adapter', 'lwip', '--profile', 'lwip', '--seed', '1');
      expect(r.code).toBe(3);
      const error = 'liblwip.so not found';
      expect(r.json).toEqual({ verdict: 'adapter-unavailable', error, adapter: 'lwip', profile: 'lwip', seed: 1 });
      expect(r.xml).toMatch(/<error type="adapter-unavailable" message="liblwip.so not found"/);
      expect(r.err).toBe('tcpconform: adapter unavailable: liblwip.so not found\n');
    } finally {
      spy.mockRestore();
    }
  });

  test('4, adapter failed', async () => {
    // A child that breaks the protocol (a crash on an input is a finding, exit 1: process-failures.test.ts).
    const r = await reports('--adapter', 'process', '--cmd', `node ${FAKE} garbage`, '--runs', '20', '--seed', '1');
    expect(r.code).toBe(4);
    const error = expect.stringMatching(/expected a JSON reply to request 2/);
    expect(r.json).toMatchObject({ verdict: 'adapter-failed', error, adapter: 'process' });
    expect(r.xml).toMatch(/<error type="adapter-failed" message="[^"]*">the run so far:/);
    expect(lastLine(r.err)).toMatch(/^tcpconform: adapter failed: /);
  }, 30000);
});

describe('diff --baseline passes over the known bugs in every one of its checks', () => {
  // The simulator is no Linux: against the linux profile its departures play the part of an IUT's known bugs.
  const diff = ['diff', '--adapter', 'simulator', '--profile', 'linux', '--runs', '30', '--tries', '1'];
  const file = path.join(tmp, 'simulator-as-linux.json');
  beforeAll(async () => {
    const r = await cli(
      'check',
      '--adapter',
      'simulator',
      '--profile',
      'linux',
      '--runs',
      '30',
      '--seed',
      '1',
      '--baseline',
      file,
      '--update-baseline',
    );
    expect(r.code).toBe(0);
  });

  test('without it the check with every override diverges; with it that check meets only known ones', async () => {
    const bare = await cli(...diff);
    expect(bare.out).toMatch(/With every override, \d+ runs gave 1 divergence\(s\);/);
    const known = await cli(...diff, '--baseline', file);
    expect(known.code).toBe(0);
    expect(known.out).toMatch(/With every override, 30 runs gave 0 divergence\(s\) beside [1-9]\d* known bug\(s\);/);
    expect(known.out).toMatch(/passes over the known bugs of `.*simulator-as-linux\.json`/);
  });

  test('an unreadable baseline is exit 2 with one line, before any check', async () => {
    const r = await cli(...diff, '--baseline', path.join(tmp, 'none.json'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot read baseline file .*none\.json: ENOENT/);
    oneLine(r.err);
  });
});
