// The HTML report's page, pure: what an IUT said is shown as text and never becomes markup or script, the page
// asks for nothing from the network, and a trace's steps carry the states they were in.
import { createHash } from 'crypto';
import type { CoverageReport } from '../../coverage';
import type { TraceStepJson } from '../../counterexample';
import { HtmlPage, HtmlTrace, htmlReport } from './page';

const HOSTILE = '</pre><script>alert(1)</script><img src=x onerror="alert(2)">';

// A passive open, a SYN whose reply carries data the IUT chose, and a RECEIVE answered with hostile text.
const steps: TraceStepJson[] = [
  {
    input: { kind: 'call', call: 'open', mode: 'passive' },
    observed: { segments: [], result: { ok: true } },
    state: 'Listen',
  },
  {
    input: { kind: 'segment', segment: { seq: 100, ctl: 'SYN', wnd: 8192 } },
    observed: { segments: [{ seq: 300, ack: 101, ctl: 'SYN,ACK', wnd: 8192, data: HOSTILE }] },
    state: 'SynReceived',
  },
  {
    input: { kind: 'call', call: 'send', data: HOSTILE },
    observed: { segments: [], result: { ok: true, data: HOSTILE } },
    state: 'SynReceived',
  },
];

const trace: HtmlTrace = {
  title: `scenario ${HOSTILE}`,
  verdict: { ok: false, text: HOSTILE },
  steps,
  divergence: {
    stateBefore: 'SynReceived',
    input: { kind: 'segment', segment: { seq: 101, ctl: 'RST', wnd: 0 } },
    expected: [{ state: 'Listen', segments: [], signals: [], rules: ['rst.synReceived.passive'] }],
    observed: { state: 'Closed', segments: [] },
    rule: 'rst.synReceived.passive',
    citation: 'RFC 9293 §3.10.7.4',
  },
  notes: [HOSTILE],
};

const coverage: CoverageReport = {
  states: { covered: 9, total: 11, missing: ['Closing', 'TimeWait'] },
  transitions: { covered: 2, list: ['Closed->Listen', 'Listen->SynReceived'] },
  rules: {
    covered: 1,
    total: 3,
    missing: ['fin.closing'],
    notShown: [],
    unreachable: [{ id: 'x.y', reason: HOSTILE }],
  },
};

const page: HtmlPage = {
  title: `report ${HOSTILE}`,
  command: `npx tcpconform check --cmd '${HOSTILE}'`,
  adapter: 'process',
  profile: 'rfc9293',
  verdict: { ok: false, text: 'divergence' },
  summary: [HOSTILE],
  coverage,
  traces: [trace, { title: 'a passing scenario', verdict: { ok: true, text: 'pass' }, steps: steps.slice(0, 2) }],
  tables: [{ id: 'mutants', title: 'mutants', columns: ['id', HOSTILE], rows: [[HOSTILE, 'yes']], looks: ['bad'] }],
  rules: {
    profile: 'rfc9293',
    list: [
      {
        id: 'rst.synReceived.passive',
        event: 'SEGMENT ARRIVES',
        states: ['SYN-RECEIVED'],
        summary: HOSTILE,
        citation: 'RFC 9293 §3.10.7.4',
        notes: [HOSTILE],
      },
    ],
  },
  overrides: {
    profile: 'lwip',
    base: 'rfc9293',
    list: [{ what: HOSTILE, because: HOSTILE, cite: HOSTILE, kind: 'bug' }],
  },
};

const html = htmlReport(page);

describe('what an IUT or a user wrote is escaped, everywhere it is shown', () => {
  test('the page holds one script element, its own, and no element the data brought', () => {
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain('<img');
    // Attribute values hold no quote once escaped: without them, no tag may carry an event handler.
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z]+[^>]*\son[a-z]+=/i);
    expect(html).not.toContain('</pre><script>');
  });

  test('the hostile text is there, as text', () => {
    const shown = '&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;';
    // Title, verdict, summary, trace title and notes, table, rule, override, unreachable reason, command.
    expect(html.split(shown).length - 1).toBeGreaterThanOrEqual(10);
  });

  test("the Content-Security-Policy lets only the page's own script and style run, by their hashes", () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1];
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
    const hash = (s: string) => createHash('sha256').update(s).digest('base64');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('the page is self-contained', () => {
  test('no URL with a scheme or a host anywhere', () => {
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*\/\//i);
  });

  test('every link and reference stays inside the page', () => {
    const refs = [...html.matchAll(/\b(src|href)\s*=\s*"([^"]*)"/g)].map((m) => m[2]);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r).toMatch(/^#[\w-]+$/);
    for (const u of html.matchAll(/url\(([^)]*)\)/g)) expect(u[1]).toMatch(/^#[\w-]+$/);
  });
});

describe('a trace as steps on the diagram', () => {
  const section = html.slice(html.indexOf('<section class="trace" id="trace-1"'), html.indexOf('id="trace-2"'));
  const lis = [...section.matchAll(/<li class="step[^"]*"[^>]*>/g)].map((m) => m[0]);

  test('a step for the start (CLOSED), one per input, and one for the input that diverged', () => {
    expect(lis).toHaveLength(1 + steps.length + 1);
  });

  test('each step carries the state the model was in after it, and the one it came from', () => {
    const states = lis.map((l) => /data-state="(\w+)"/.exec(l)?.[1]);
    expect(states).toEqual(['Closed', 'Listen', 'SynReceived', 'SynReceived', 'SynReceived']);
    expect(lis.map((l) => /data-from="(\w+)"/.exec(l)?.[1])).toEqual([
      undefined,
      'Closed',
      'Listen',
      'SynReceived',
      undefined,
    ]);
  });

  test('the divergent step names the states expected and the one observed', () => {
    expect(lis[4]).toContain('class="step divergent"');
    expect(lis[4]).toContain('data-expected="Listen"');
    expect(lis[4]).toContain('data-observed="Closed"');
    expect(section).toContain('rst.synReceived.passive');
    expect(section).toContain('RFC 9293 §3.10.7.4');
  });

  test("its lines are the RFC-notation renderer's: the SYN arrives in SYN-RECEIVED", () => {
    expect(section).toMatch(/SYN-RECEIVED\s+&lt;-- &lt;SEQ=100&gt;&lt;CTL=SYN&gt;/);
  });

  test('the path it needs outside Figure 5 (SYN-RECEIVED to CLOSED, observed) is on its diagram', () => {
    expect(section).toContain('data-from="SynReceived" data-to="Closed"');
  });

  test('a state name no model has (from a malformed trace) never reaches an attribute', () => {
    const odd = htmlReport({
      ...page,
      traces: [{ ...trace, steps: [{ ...steps[0], state: 'Bogus" onclick="x' as never }] }],
    });
    expect(odd).not.toContain('onclick="x');
    expect(odd).not.toMatch(/data-state="Bogus/);
  });
});

test('coverage shades the page diagram: CLOSING and TIME-WAIT not reached', () => {
  const cov = html.slice(html.indexOf('<section id="coverage"'), html.indexOf('</section>'));
  expect(cov).toContain('<g class="state missing" data-state="Closing">');
  expect(cov).toContain('<g class="state missing" data-state="TimeWait">');
  expect(cov).toContain('<g class="state covered" data-state="Listen">');
  expect(cov).toContain('<g class="edge figure covered" data-from="Closed" data-to="Listen">');
});

test('the same data gives the same page', () => {
  expect(htmlReport(page)).toBe(html);
});
