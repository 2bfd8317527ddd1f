// JUnit XML for CI systems: one test case per check, failed with the counterexample when it diverged.
/** What a JUnit report needs from a check, whichever topology ran it. */
export interface JunitInput {
  adapter: string;
  profile: string;
  mutant?: string;
  seed: number;
  runs: number;
  events: number;
  elapsedMs: number;
  coverage: { states: { covered: number; total: number }; rules: { covered: number; total: number } };
  /** One line per divergence found. */
  failures: string[];
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function junitXml(r: JunitInput, counterexampleText: string[]): string {
  const name = `${r.adapter}/${r.profile}${r.mutant ? '/' + r.mutant : ''} seed ${r.seed}`;
  const failures = r.failures.length ? 1 : 0;
  const body = failures
    ? `      <failure message="${esc(r.failures[0])}">${esc(counterexampleText.join('\n'))}</failure>\n`
    : '';
  const props = [
    ['runs', r.runs],
    ['events', r.events],
    ['states', `${r.coverage.states.covered}/${r.coverage.states.total}`],
    ['rules', `${r.coverage.rules.covered}/${r.coverage.rules.total}`],
  ]
    .map(([k, v]) => `      <property name="${k}" value="${esc(String(v))}"/>`)
    .join('\n');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites tests="1" failures="${failures}" time="${(r.elapsedMs / 1000).toFixed(3)}">\n` +
    `  <testsuite name="tcpconform" tests="1" failures="${failures}" time="${(r.elapsedMs / 1000).toFixed(3)}">\n` +
    `    <testcase classname="tcpconform.check" name="${esc(name)}" time="${(r.elapsedMs / 1000).toFixed(3)}">\n` +
    `      <properties>\n${props}\n      </properties>\n` +
    body +
    `    </testcase>\n  </testsuite>\n</testsuites>\n`
  );
}
