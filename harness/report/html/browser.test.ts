// The HTML report in a real browser (headless Chromium, driven by playwright-core): a check that finds a
// seeded bug writes its page; the page loads with no error and asks the network for nothing; the diagram
// shows the eleven states; and stepping through the counterexample moves the highlight to each step's state,
// as the counterexample's own trace records them. Without Chromium or playwright-core it skips, saying so
// (under CI=true, which installs both, it fails instead).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findAdapter } from '../../../adapters/registry';
import { describeWhenReady, Readiness } from '../../../adapters/shim-gate';
import { rfc9293 } from '../../../models/profiles/rfc9293';
import { CheckResult, runCheck } from '../../check';
import { checkPage } from './gather';
import { writeHtmlReport } from './write';

const CHROMIUM = process.env.TCPCONFORM_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = path.join(__dirname, '..', '..', '..', 'artifacts', 'html-report.png');

type Playwright = typeof import('playwright-core');

function playwright(): Playwright | null {
  try {
    // Optional at run time: the test skips without it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('playwright-core') as Playwright;
  } catch {
    return null;
  }
}

function readiness(): Readiness {
  const missing = [
    ...(fs.existsSync(CHROMIUM) ? [] : [`${CHROMIUM} is missing (apt-get install -y chromium)`]),
    ...(playwright() ? [] : ['playwright-core is not installed (npm ci)']),
  ].join('; ');
  if (!missing) return { run: true };
  if (process.env.CI === 'true' && process.env.TCPCONFORM_SKIP_BROWSER !== '1')
    return { run: false, fail: `CI=true, but ${missing}; or set TCPCONFORM_SKIP_BROWSER=1 to skip` };
  return { run: false, skip: missing };
}

const describeBrowser = describeWhenReady(readiness, 'HTML report browser test', 'Chromium and playwright-core');

// The seeded bug: a RST in a passively opened SYN-RECEIVED closes instead of returning to LISTEN.
const MUTANT = 'passiveRstCloses';
const RFC_NAMES = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

describeBrowser('the HTML report of a check that found a seeded bug, in headless Chromium', () => {
  let dir: string;
  let file: string;
  let result: CheckResult;
  let browser: import('playwright-core').Browser;
  let page: import('playwright-core').Page;
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-html-'));
    file = path.join(dir, 'report.html');
    const adapter = await findAdapter('simulator')!.create({ profile: rfc9293.name, mutant: MUTANT });
    try {
      result = await runCheck({ adapter, profile: rfc9293, runs: 300, seed: 1, mutant: MUTANT });
    } finally {
      await adapter.dispose();
    }
    const page0 = checkPage(result, {
      command: `npx tcpconform check --mutant ${MUTANT} --runs 300 --seed 1`,
      adapter: 'simulator',
      profile: rfc9293,
      verdict: result.divergences.length ? 'divergence' : 'conformant',
      summary: [],
      compared: adapter.capabilities,
    });
    writeHtmlReport(file, page0);
    browser = await playwright()!.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`file://${file}`);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the check found the bug, with its trace recorded', () => {
    expect(result.divergences).toHaveLength(1);
    expect(result.divergences[0].trace?.length).toBeGreaterThan(0);
  });

  test('the page loads with no console error, no failed request, and fetches nothing but itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([`file://${file}`]);
  });

  test('the coverage diagram shows the eleven states by their RFC names', async () => {
    const names = await page.locator('#coverage svg.diagram g.state text').allTextContents();
    expect(names.sort()).toEqual([...RFC_NAMES].sort());
  });

  describe("stepping through the counterexample highlights each step's state in turn", () => {
    // From the counterexample itself: CLOSED at the start, the model's state after each input, then the
    // state the input that diverged met.
    const expectedStates = () => {
      const cx = result.divergences[0];
      return ['Closed', ...cx.trace!.map((s) => s.state), cx.divergence.stateBefore];
    };
    const section = () => page.locator('section.trace').first();
    const highlighted = async () => {
      const current = section().locator('svg.diagram g.state.current');
      expect(await current.count()).toBe(1);
      return current.getAttribute('data-state');
    };

    test('clicking each trace line', async () => {
      const steps = section().locator('.step');
      const want = expectedStates();
      expect(await steps.count()).toBe(want.length);
      const seen: (string | null)[] = [];
      for (let k = 0; k < want.length; k++) {
        await steps.nth(k).click();
        seen.push(await highlighted());
        expect(await steps.nth(k).getAttribute('aria-current')).toBe('step');
      }
      expect(seen).toEqual(want);
    });

    test('with the buttons, from the first step to the last', async () => {
      const want = expectedStates();
      await section().locator('button[data-go="first"]').click();
      const seen = [await highlighted()];
      for (let k = 1; k < want.length; k++) {
        await section().locator('button[data-go="next"]').click();
        seen.push(await highlighted());
      }
      expect(seen).toEqual(want);
    });

    test('at the divergent step, the states expected and the one observed are marked', async () => {
      const cx = result.divergences[0];
      await section().locator('button[data-go="last"]').click();
      const observed = await section().locator('svg.diagram g.state.observed').getAttribute('data-state');
      const expected = await section()
        .locator('svg.diagram g.state.expected')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
      expect(observed).toBe(cx.divergence.observed.state);
      expect(expected.sort()).toEqual([...new Set(cx.divergence.expected.map((o) => o.state))].sort());
      expect(await section().locator('.divergence').textContent()).toContain(cx.divergence.citation);
      fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await section().screenshot({ path: SCREENSHOT });
      expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    });
  });
});
