import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from './main';

/** Run the CLI in-process, capturing what it writes. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  const before = process.exitCode;
  try {
    const code = await main(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = before;
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('bad input gives exit 2 and one line on stderr, never a stack trace', () => {
  const oneLine = (err: string) => {
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^tcpconform: /);
    expect(err).not.toMatch(/\n\s+at /);
  };
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
    ['unknown mutant', ['check', '--mutant', 'noSuchBug', '--runs', '1'], /unknown mutant "noSuchBug"; valid mutants are: noTimeWait/],
    ['mutant on an adapter without mutants', ['check', '--adapter', 'model', '--mutant', 'noTimeWait'], /--mutant injects a seeded bug into the simulator/],
    ['unknown topology', ['check', '--topology', 'ring'], /--topology must be peer or pair/],
    ['loss without the pair topology', ['check', '--loss', '0.1'], /need --topology pair/],
    ['a probability above 1', ['check', '--topology', 'pair', '--loss', '2'], /--loss must be a probability from 0 to 1/],
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
    ['inputs missing', '{"tcpconform":1,"adapter":"model","profile":"rfc9293","peerIss":1,"runSeed":1}', /"inputs" must be a non-empty array/],
    ['a bad input', '{"tcpconform":1,"adapter":"model","profile":"rfc9293","peerIss":1,"runSeed":1,"inputs":[{"kind":"jump"}]}', /inputs\[0\]: unknown input kind "jump"/],
    ['a bad control bit', '{"tcpconform":1,"adapter":"model","profile":"rfc9293","peerIss":1,"runSeed":1,"inputs":[{"kind":"segment","segment":{"ctl":"SYN,URG","seq":{"from":"rcvNxt","delta":0}}}]}', /unknown control bit "URG"/],
    ['an unknown adapter', '{"tcpconform":1,"adapter":"vax","profile":"rfc9293","peerIss":1,"runSeed":1,"inputs":[{"kind":"wait","ms":1}]}', /unknown adapter "vax"/],
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
    for (const k of ['adapter', 'profile', 'seed', 'runs', 'events', 'divergences', 'coverage', 'elapsedMs', 'eventsPerSecond']) expect(j).toHaveProperty(k);
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
    expect(xml).toMatch(/<testsuite name="tcpconform" tests="1" failures="0"/);
    expect(xml).toMatch(/<testcase classname="tcpconform.check" name="model\/rfc9293 seed 1"/);
  });

  test('rules lists every rule with its citations', async () => {
    const r = await cli('rules', '--profile', 'rfc9293');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/rst\.synReceived\.passive\n.*SYN-RECEIVED\n.*\n\s+RFC 793 §3\.9 p\.70, RFC 9293 §3\.10\.7\.4/);
    expect(r.out).toMatch(/rst\.challenge/);
    const r793 = await cli('rules', '--profile', 'rfc793');
    expect(r793.out).not.toMatch(/rst\.challenge/);
  });
});

describe('replay', () => {
  test('a counterexample written by check replays to the same divergence, and conforms on a fixed IUT', async () => {
    const r = await cli('check', '--adapter', 'simulator', '--mutant', 'passiveRstCloses', '--runs', '500', '--seed', '1', '--json', '--out-dir', tmp);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.out.trimEnd().split('\n').pop()!);
    const file: string = result.divergences[0].file;
    expect(fs.existsSync(file)).toBe(true);
    const again = await cli('replay', file);
    expect(again.code).toBe(1);
    // The figure numbers events: the header names the figure's line of the diverging input as well as its index.
    expect(again.out).toMatch(/DIVERGES at line 5 \(input 3 of 3\)/);
    expect(again.out).toMatch(/\n  5\. \?\?\? /);
    expect(again.out).toMatch(/expected LISTEN, sending nothing\n\s+observed CLOSED, sending nothing/);
    // The same inputs against the simulator without the seeded bug: the RFC's behaviour, exit 0.
    const fixed = await cli('replay', file, '--no-mutant');
    expect(fixed.code).toBe(0);
    expect(fixed.out).toMatch(/CONFORMS: all 3 inputs/);
  });
});
