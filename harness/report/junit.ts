// JUnit XML as Jenkins, GitLab and most CI systems read it (harness/report/junit.xsd): one <testsuite> per
// check, its settings as suite-level <properties>, and test cases whose names never carry a seed, so that a
// CI history lines the same case up across runs. What the cases are is check-junit.ts's business.
export type JunitOutcome =
  | { kind: 'passed' }
  | { kind: 'failed'; type: string; message: string; text?: string }
  | { kind: 'error'; type: string; message: string; text?: string }
  | { kind: 'skipped'; message: string };

export interface JunitCase {
  classname: string;
  name: string;
  timeMs?: number;
  outcome: JunitOutcome;
  systemOut?: string;
}

export interface JunitSuite {
  name: string;
  /** When the check started. */
  timestamp: Date;
  hostname: string;
  timeMs: number;
  properties: [string, string | number][];
  cases: JunitCase[];
}

const esc = (s: string) =>
  s
    // XML 1.0 has no way to write most control characters, even escaped: they would make the file unreadable.
    // eslint-disable-next-line no-control-regex -- matching them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** xs:dateTime without a zone, as the Ant/Jenkins schema has it. */
const isoLocal = (d: Date) => d.toISOString().slice(0, 19);

function counts(cases: JunitCase[]) {
  const n = (kind: JunitOutcome['kind']) => cases.filter((c) => c.outcome.kind === kind).length;
  return { tests: cases.length, failures: n('failed'), errors: n('error'), skipped: n('skipped') };
}

const countAttributes = (c: ReturnType<typeof counts>, ms: number) =>
  `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}" time="${seconds(ms)}"`;

function testcase(c: JunitCase): string {
  const open = `    <testcase classname="${esc(c.classname)}" name="${esc(c.name)}" time="${seconds(c.timeMs ?? 0)}"`;
  const o = c.outcome;
  const inner: string[] = [];
  if (o.kind === 'failed' || o.kind === 'error') {
    const tag = o.kind === 'failed' ? 'failure' : 'error';
    inner.push(`      <${tag} type="${esc(o.type)}" message="${esc(o.message)}">${esc(o.text ?? o.message)}</${tag}>`);
  }
  if (o.kind === 'skipped') inner.push(`      <skipped message="${esc(o.message)}"/>`);
  if (c.systemOut) inner.push(`      <system-out>${esc(c.systemOut)}</system-out>`);
  return inner.length ? `${open}>\n${inner.join('\n')}\n    </testcase>` : `${open}/>`;
}

export function junitXml(s: JunitSuite): string {
  const c = counts(s.cases);
  const props = s.properties.map(([k, v]) => `      <property name="${esc(k)}" value="${esc(String(v))}"/>`);
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="tcpconform" ${countAttributes(c, s.timeMs)}>`,
    `  <testsuite name="${esc(s.name)}" ${countAttributes(c, s.timeMs)} ` +
      `timestamp="${isoLocal(s.timestamp)}" hostname="${esc(s.hostname)}">`,
    ...(props.length ? ['    <properties>', ...props, '    </properties>'] : []),
    ...s.cases.map(testcase),
    `  </testsuite>`,
    `</testsuites>`,
    '',
  ].join('\n');
}
