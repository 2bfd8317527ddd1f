// The JUnit report as CI reads it: valid against the common schema, cases named the same whatever the seed,
// settings at suite level, counts that add up, failures typed by the rule at fault.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ADAPTERS } from '../../adapters/registry';
import { AdapterUnavailable } from '../../adapters/types';
import { cli } from '../cli/__fixtures__/in-process';
import { schemaErrors, withXmllint } from './__fixtures__/xmllint';

const FAKE = path.join(__dirname, '..', '..', 'adapters', 'process', '__fixtures__', 'fake-iut.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-junit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A check that diverges at once: the simulator with a seeded bug. */
const DIVERGING = ['--adapter', 'simulator', '--mutant', 'passiveRstCloses', '--runs', '500', '--seed', '1'];
const MODEL = ['--adapter', 'model', '--runs', '20', '--seed', '1'];
const PAIR = ['--adapter', 'model', '--topology', 'pair', '--loss', '0.1', '--runs', '10', '--seed', '1'];

let n = 0;
/** Run check with --junit and give back the exit code and the report. */
async function junitOf(...args: string[]): Promise<{ code: number; xml: string; file: string }> {
  const file = path.join(tmp, `report-${n++}.xml`);
  const r = await cli('check', '--out-dir', tmp, '--junit', file, ...args);
  return { code: r.code, xml: fs.readFileSync(file, 'utf8'), file };
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
const testcases = (xml: string) => [...xml.matchAll(/<testcase [^>]*>/g)].map((m) => m[0]);
const caseNames = (xml: string) => testcases(xml).map((t) => `${attr(t, 'classname')} ${attr(t, 'name')}`);
/** The element of the case with this name, up to its end. */
const caseNamed = (xml: string, name: string) =>
  xml.match(new RegExp(`<testcase [^>]*\\bname="${name}"[^>]*?(/>|>[\\s\\S]*?</testcase>)`))?.[0];

describe('every kind of report validates against harness/report/junit.xsd', () => {
  const kinds: [string, () => Promise<{ code: number; file: string }>, number][] = [
    ['conformant', () => junitOf(...MODEL), 0],
    ['a divergence', () => junitOf(...DIVERGING), 1],
    ['the pair topology', () => junitOf(...PAIR), 0],
    ['bad usage', () => junitOf('--adapter', 'model', '--profile', 'bsd44'), 2],
    ['an adapter failure', () => junitOf('--adapter', 'process', '--cmd', `node ${FAKE} garbage`, '--seed', '1'), 4],
    ['a crash of the IUT', () => junitOf('--adapter', 'process', '--cmd', `node ${FAKE} crash`, '--seed', '1'), 1],
  ];
  withXmllint.each(kinds)(
    '%s',
    async (_kind, run, exit) => {
      const { code, file } = await run();
      expect(code).toBe(exit);
      expect(schemaErrors(file)).toBe('');
    },
    30000,
  );

  withXmllint('the schema rejects what CI readers reject (properties inside a testcase)', () => {
    const bad = path.join(tmp, 'bad.xml');
    fs.writeFileSync(
      bad,
      '<testsuites><testsuite name="s" tests="1"><testcase name="c"><properties/></testcase></testsuite></testsuites>',
    );
    expect(schemaErrors(bad)).toMatch(/properties.*not expected/);
  });
});

describe('the layout of a report', () => {
  test('two seeds give the same suite and the same test cases, so a CI history lines them up', async () => {
    const a = await junitOf(...MODEL);
    const b = await junitOf(...MODEL.slice(0, -1), '2');
    expect(new Set(caseNames(a.xml))).toEqual(new Set(caseNames(b.xml)));
    const suiteName = (xml: string) => attr(xml.match(/<testsuite [^>]*>/)![0], 'name');
    expect(suiteName(a.xml)).toBe('tcpconform check model/rfc9293');
    expect(suiteName(b.xml)).toBe(suiteName(a.xml));
    // The seed is told once, as a property of the suite.
    expect(a.xml).toContain('<property name="seed" value="1"/>');
    expect(b.xml).toContain('<property name="seed" value="2"/>');
    expect(caseNames(a.xml).join('\n')).not.toMatch(/seed/);
  });

  test('one case for the check, one per rule of the profile; properties at suite level only', async () => {
    const { xml } = await junitOf(...MODEL);
    const names = caseNames(xml);
    expect(names[0]).toBe('tcpconform.model.rfc9293 check');
    expect(names).toContain('tcpconform.model.rfc9293 rule closed.ack');
    expect(names.length).toBeGreaterThan(50);
    expect(xml.match(/<properties>/g)).toHaveLength(1);
    expect(xml.indexOf('<properties>')).toBeLessThan(xml.indexOf('<testcase'));
    // A rule the check did not reach is skipped with the reason, not passed.
    expect(xml).toMatch(/<skipped message="not reached in 20 runs: more --runs may reach it"\/>/);
  });

  test('counts on testsuites and testsuite add up to the cases', async () => {
    const { xml } = await junitOf(...DIVERGING);
    const cases = testcases(xml).length;
    const count = (re: RegExp) => (xml.match(re) ?? []).length;
    for (const tag of [xml.match(/<testsuites [^>]*>/)![0], xml.match(/<testsuite [^>]*>/)![0]]) {
      expect(Number(attr(tag, 'tests'))).toBe(cases);
      expect(Number(attr(tag, 'failures'))).toBe(count(/<failure /g));
      expect(Number(attr(tag, 'errors'))).toBe(count(/<error /g));
      expect(Number(attr(tag, 'skipped'))).toBe(count(/<skipped /g));
      expect(attr(tag, 'time')).toMatch(/^\d+\.\d{3}$/);
    }
    expect(attr(xml.match(/<testsuite [^>]*>/)![0], 'timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  test('a divergence fails the check and the rule at fault, typed by the rule, with the counterexample', async () => {
    const { xml } = await junitOf(...DIVERGING);
    const rule = 'rst.synReceived.passive';
    const check = caseNamed(xml, 'check')!;
    const message = `1 divergence(s); the first: diverged at input 3: rule ${rule} (`;
    expect(check).toContain(`<failure type="${rule}" message="${message}`);
    expect(check).toMatch(/replay: npx tcpconform replay/);
    expect(caseNamed(xml, `rule ${rule}`)).toContain(`<failure type="${rule}"`);
    expect(xml.match(/<failure /g)).toHaveLength(2);
    // What a check that stopped at its first divergence did not reach says nothing about the IUT.
    expect(xml).toMatch(/<skipped message="not reached: the check stopped at its first divergence"\/>/);
  });

  test('the pair topology has a case per end-to-end property', async () => {
    const { xml } = await junitOf(...PAIR);
    const names = caseNames(xml);
    for (const p of ['lockstep', 'data', 'states', 'timeWait'])
      expect(names).toContain(`tcpconform.model.rfc9293.pair property ${p}`);
    expect(xml).toContain('<property name="topology" value="pair"/>');
  });

  test('no verdict on the IUT: the check case errors, typed by the verdict', async () => {
    const lwip = ADAPTERS.find((a) => a.name === 'lwip')!;
    const unavailable = new AdapterUnavailable('liblwip.so not found; run npm run build:lwip');
    const spy = jest.spyOn(lwip, 'create').mockRejectedValue(unavailable);
    try {
      const { code, xml } = await junitOf('--adapter', 'lwip', '--profile', 'lwip', '--seed', '5');
      expect(code).toBe(3);
      expect(caseNamed(xml, 'check')).toMatch(
        /<error type="adapter-unavailable" message="liblwip.so not found; run npm run build:lwip">/,
      );
      expect(xml).toMatch(
        /<testsuite name="tcpconform check lwip\/lwip" tests="1" failures="0" errors="1" skipped="0"/,
      );
      expect(xml).toContain('<property name="seed" value="5"/>');
    } finally {
      spy.mockRestore();
    }
  });
});
