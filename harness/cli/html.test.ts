// --html FILE of check, diff and mutants: the page is written (whole) with what the command found, and a path
// that cannot be written is bad usage, found before any run: exit 2 and one line.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from './__fixtures__/in-process';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-html-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const read = (f: string) => fs.readFileSync(f, 'utf8');
/** The states the steps of the page's first trace were in, as its data attributes say. */
const stepStates = (html: string) =>
  [...html.slice(html.indexOf('<section class="trace"')).matchAll(/<li class="step[^"]*"[^>]*data-state="(\w+)"/g)].map(
    (m) => m[1],
  );

describe('check --html', () => {
  test('a check that finds a seeded bug writes its page, with the counterexample as its file records it', async () => {
    const f = path.join(tmp, 'sub', 'check.html');
    const out = path.join(tmp, 'cx');
    const r = await cli(
      'check',
      '--mutant',
      'passiveRstCloses',
      '--seed',
      '1',
      '--runs',
      '300',
      '--out-dir',
      out,
      '--html',
      f,
    );
    expect(r.code).toBe(1);
    const html = read(f);
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<span class="verdict bad">divergence</span>');
    const [cxFile] = fs.readdirSync(out).filter((x) => x.endsWith('.json'));
    const cx = JSON.parse(read(path.join(out, cxFile)));
    expect(stepStates(html)).toEqual([
      'Closed',
      ...cx.trace.map((s: { state: string }) => s.state),
      cx.divergence.stateBefore,
    ]);
    expect(html).toContain(cx.divergence.rule);
    expect(html).toContain('--seed 1');
    // No temporary file is left beside it.
    expect(fs.readdirSync(path.dirname(f))).toEqual(['check.html']);
  });

  test('a conformant check writes its page too, with its coverage and rules', async () => {
    const f = path.join(tmp, 'pass.html');
    const r = await cli('check', '--adapter', 'model', '--runs', '20', '--seed', '1', '--out-dir', tmp, '--html', f);
    expect(r.code).toBe(0);
    const html = read(f);
    expect(html).toContain('<span class="verdict ok">conformant</span>');
    expect(html).toContain('<section id="coverage">');
    expect(html).toContain('<section id="rules">');
    expect(html).not.toContain('<section class="trace"');
  });
});

test('a check that ends in an error writes a page that says the error, as --junit does', async () => {
  const f = path.join(tmp, 'error.html');
  const r = await cli('check', '--adapter', 'process', '--html', f);
  expect(r.code).toBe(2);
  const html = read(f);
  expect(html).toContain('<span class="verdict bad">usage: --adapter process needs --cmd');
});

describe('an --html path that cannot be written is exit 2 and one line, before any run', () => {
  const aFile = path.join(tmp, 'a-file');
  beforeAll(() => fs.writeFileSync(aFile, ''));
  const check = ['check', '--adapter', 'model', '--runs', '200', '--seed', '1'];
  test.each([
    ['check: under /proc', [...check, '--html', '/proc/x.html'], /--html \/proc\/x\.html: cannot create files in/],
    ['check: a directory', [...check, '--html', tmp], /--html .* is a directory; give a file name/],
    ['check: below a file', [...check, '--html', path.join(aFile, 'r.html')], /a-file is a file, not a directory/],
    [
      'check: the pair topology',
      [...check, '--topology', 'pair', '--html', path.join(tmp, 'p.html')],
      /--html works with --topology peer only/,
    ],
    [
      'diff: under /proc',
      ['diff', '--adapter', 'simulator', '--profile', 'linux', '--runs', '1', '--html', '/proc/d.html'],
      /--html \/proc\/d\.html: cannot create/,
    ],
    ['mutants: a directory', ['mutants', '--runs', '1', '--html', tmp], /--html .* is a directory/],
  ])('%s', async (_name, args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    // Nothing ran: a check would have named itself on stdout, diff its first check on stderr.
    expect(r.out).toBe('');
  });
});

test('diff --html writes the departures and a counterexample for each one shown', async () => {
  const f = path.join(tmp, 'diff.html');
  const md = path.join(tmp, 'diff.md');
  const r = await cli(
    'diff',
    '--adapter',
    'simulator',
    '--profile',
    'linux',
    '--runs',
    '30',
    '--tries',
    '1',
    '--out',
    md,
    '--html',
    f,
  );
  expect(r.code).toBe(0);
  const html = read(f);
  const doc = read(md);
  const departures = doc.match(/^## \d+\. /gm) ?? [];
  const shown = doc.match(/^- counterexample without this override:/gm) ?? [];
  expect(departures.length).toBeGreaterThan(0);
  expect(html.match(/<section id="departures">[\s\S]*?<\/section>/)![0].match(/<tr class/g)).toHaveLength(
    departures.length,
  );
  expect(html.match(/<section class="trace"/g) ?? []).toHaveLength(shown.length);
  expect(html).toContain('<section id="overrides">');
});

test('mutants --html writes the table of the seeded bugs found and missed, and the counterexample of each', async () => {
  const f = path.join(tmp, 'mutants.html');
  const r = await cli('mutants', '--only', 'passiveRstCloses,noTimeWait', '--runs', '300', '--html', f);
  expect(r.code).toBe(0);
  const html = read(f);
  expect(html.match(/<section class="trace"/g)).toHaveLength(2);
  const table = html.match(/<section id="mutants">[\s\S]*?<\/section>/)![0];
  expect(table.match(/<tr class="ok">/g)).toHaveLength(2);
  expect(table).toContain('<td>passiveRstCloses</td>');
  expect(table).toContain('<td>noTimeWait</td>');
});
