// Issue 11 at the command line: --baseline / --update-baseline on a seeded bug (known → 0, new → 1, fixed →
// reported), and the coverage gates (--min-states, --min-rules: exit 5; a PASS that missed rules says so).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './__fixtures__/in-process';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-baseline-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const baseline = path.join(tmp, 'baseline.json');
const check = (...args: string[]) => cli('check', '--out-dir', tmp, '--baseline', baseline, ...args);
const lastJson = (out: string) => JSON.parse(out.trimEnd().split('\n').pop()!);

describe('check --baseline on the seeded bug passiveRstCloses', () => {
  beforeAll(async () => {
    const r = await check('--mutant', 'passiveRstCloses', '--seed', '1', '--runs', '100', '--update-baseline');
    if (r.code !== 0) throw new Error(`recording the baseline gave exit ${r.code}: ${r.err}`);
  });

  test('--update-baseline wrote the versioned file with the divergence', () => {
    const file = JSON.parse(fs.readFileSync(baseline, 'utf8'));
    expect(file['tcpconform-baseline']).toBe(1);
    expect(file.entries.map((e: { rule: string }) => e.rule)).toEqual(['rst.synReceived.passive']);
  });

  test('known: under another seed the check passes, exit 0, and lists the known divergence', async () => {
    const r = await check('--mutant', 'passiveRstCloses', '--seed', '2', '--runs', '200');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^PASS {2}200 runs/m);
    expect(r.out).toMatch(/^ {2}known: rst\.synReceived\.passive in SynReceived \(met in \d+ runs?\)$/m);
  });

  test('new: another seeded bug fails the check, exit 1', async () => {
    const r = await check('--mutant', 'listenRstCloses', '--seed', '2', '--runs', '200');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/rule: listen\.rst/);
  });

  test('fixed: without the bug the entry is reported as no longer reproducing (text, --json), exit 0', async () => {
    const r = await check('--seed', '2', '--runs', '50');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}fixed: rst\.synReceived\.passive in SynReceived — no longer reproduces$/m);
    const j = await check('--seed', '2', '--runs', '50', '--json');
    expect(lastJson(j.out).baseline.fixed).toEqual([{ signature: 'rst.synReceived.passive in SynReceived' }]);
  });
});

describe('bad baseline usage: exit 2 and one line', () => {
  test.each([
    [
      '--update-baseline without --baseline',
      ['check', '--update-baseline'],
      /--update-baseline needs --baseline FILE to write/,
    ],
    [
      'a missing baseline file',
      ['check', '--baseline', path.join(tmp, 'none.json')],
      /cannot read baseline file .*none\.json: ENOENT/,
    ],
    [
      'a baseline with the pair topology',
      ['check', '--topology', 'pair', '--baseline', 'x.json'],
      /work with --topology peer only/,
    ],
    [
      'a baseline that cannot be written',
      ['check', '--baseline', '/proc/x/b.json', '--update-baseline'],
      /cannot write baseline file/,
    ],
    [
      '--min-states beyond the states there are',
      ['check', '--min-states', '12'],
      /--min-states must be a whole number from 0 to 11/,
    ],
  ])('%s', async (_name, args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('coverage', () => {
  test('a short check that passes but missed required rules ends PASS (incomplete) with a --runs hint', async () => {
    const r = await cli('check', '--seed', '1', '--runs', '3');
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n').pop()).toMatch(
      /^PASS \(incomplete\): \d+ required rules not reached — try --runs 30$/,
    );
  });

  test('--min-states above what was reached exits 5, with coverage.gate in the --json summary', async () => {
    const r = await cli('check', '--seed', '1', '--runs', '3', '--min-states', '11', '--json');
    expect(r.code).toBe(5);
    const gate = lastJson(r.out).coverage.gate;
    expect(gate).toMatchObject({ passed: false, states: { min: 11, passed: false } });
    expect(r.err).toMatch(/--min-states asks for 11/);
  });

  test('--min-rules met exits 0', async () => {
    const r = await cli('check', '--seed', '1', '--runs', '3', '--min-rules', '1%');
    expect(r.code).toBe(0);
  });
});
