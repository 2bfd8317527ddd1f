import { duration, progressReporter } from './progress';

/** A terminal of the given width that records what is written to it. */
function fakeTerminal(columns: number, isTTY = true) {
  const chunks: string[] = [];
  const stream = { isTTY, columns, write: (s: string) => (chunks.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, chunks };
}

/** What a terminal shows: every line between carriage returns and newlines, without escape sequences. */
const visibleLines = (chunks: string[]) =>
  chunks
    .join('')
    .split(/[\r\n]/)
    // eslint-disable-next-line no-control-regex -- terminal escapes are what is stripped
    .map((l) => l.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''));

const LABEL = 'check linux/linux';

/** A 100-run check as a linux check reports it, one run a second. */
function runWith(stream: NodeJS.WriteStream, runs = 100, label = LABEL) {
  let t = 0;
  const p = progressReporter(stream, label, () => t);
  for (let done = 1; done <= runs; done++) {
    t += 1000;
    p.update(done, runs, done * 1234);
  }
  p.end();
}

describe('the progress line on a terminal', () => {
  const ci = process.env.CI;
  beforeAll(() => delete process.env.CI);
  afterAll(() => (ci === undefined ? delete process.env.CI : (process.env.CI = ci)));

  test.each([
    [80, LABEL],
    [80, 'tcpconform check linux/linux seed 1234567890'],
    [60, LABEL],
    [40, LABEL],
  ])('never fills the last column of a %i-column terminal, so a redraw never wraps (%s)', (columns, label) => {
    const { stream, chunks } = fakeTerminal(columns);
    runWith(stream, 100, label);
    const lines = visibleLines(chunks);
    expect(lines.some((l) => l.includes('100/100 runs'))).toBe(true);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(columns - 1);
  });

  test('each redraw clears the line before writing it', () => {
    const { stream, chunks } = fakeTerminal(80);
    runWith(stream);
    for (const c of chunks) expect(c.startsWith('\r\x1b[K')).toBe(true);
  });

  test('shows the time elapsed and an estimate of the time left', () => {
    const { stream, chunks } = fakeTerminal(80);
    runWith(stream);
    const lines = visibleLines(chunks);
    // After 20 of 100 runs at one a second: 20 s gone, 80 s to go.
    expect(lines).toContainEqual(
      expect.stringMatching(/^check linux\/linux \[#+\.+\] 20\/100 runs, 20s elapsed, ETA 1m20s$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^check linux\/linux \[#+\] 100\/100 runs, (\d+ events, )?1m40s elapsed$/),
    );
  });

  test('cuts a label too long for the terminal rather than wrapping', () => {
    const { stream, chunks } = fakeTerminal(80);
    runWith(stream, 10, 'tcpconform check linux/linux seed 1234567890');
    const lines = visibleLines(chunks).filter((l) => l);
    expect(lines[0]).toMatch(/^tcpconform check linux.*\.\.\. \[#*\.+\] 1\/10 runs, 1s elapsed, ETA 9s$/);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(79);
  });
});

test('a CI log gets a line per tenth, each with the time elapsed', () => {
  const { stream, chunks } = fakeTerminal(80, false);
  runWith(stream);
  expect(chunks).toHaveLength(10);
  expect(chunks[1]).toBe('check linux/linux: 20/100 runs, 24680 events, 20s elapsed, ETA 1m20s\n');
});

test('durations stay short', () => {
  expect([duration(400), duration(59_400), duration(61_000), duration(3_725_000)]).toEqual([
    '0s',
    '59s',
    '1m01s',
    '1h02m',
  ]);
});
