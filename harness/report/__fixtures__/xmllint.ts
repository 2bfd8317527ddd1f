// Tests only: validation against harness/report/junit.xsd with xmllint (Debian: libxml2-utils). Without
// xmllint the tests that need it are skipped with a warning saying so: they never pass unchecked.
import { spawnSync } from 'child_process';
import * as path from 'path';

export const JUNIT_XSD = path.join(__dirname, '..', 'junit.xsd');

export const xmllintMissing: string | null = (() => {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  return r.error ? `xmllint not found (${(r.error as NodeJS.ErrnoException).code}); install libxml2-utils` : null;
})();

/** A test that needs xmllint: skipped, with the reason printed, where there is none. */
export const withXmllint: jest.It = xmllintMissing ? test.skip : test;
if (xmllintMissing) console.warn(`JUnit schema validation skipped: ${xmllintMissing}`);

/** xmllint's complaints, or '' when the file is valid. */
export function schemaErrors(file: string): string {
  const r = spawnSync('xmllint', ['--noout', '--schema', JUNIT_XSD, file], { encoding: 'utf8' });
  return r.status === 0 ? '' : r.stderr || `xmllint exited with ${r.status}`;
}
