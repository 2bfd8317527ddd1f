// The reports of a check for CI: --junit FILE and the --json line. Both are written whatever the verdict,
// so a CI step that publishes them always finds them: after a divergence or none, and when the check ended
// on bad usage or an adapter that could not be used.
import { AdapterFailure } from '../../adapters/types';
import { CheckIdentity, CheckOutcome, checkSuite, errorSuite } from '../report/check-junit';
import { writeAtomically } from '../report/files';
import { junitXml } from '../report/junit';
import { writeHtmlReport } from '../report/html/write';
import { failedRunLines } from '../report/notation';
import { firstLine, Verdict, verdictOfError } from './verdict';

export interface ReportFlags {
  json?: boolean;
  /** Only a path already found writable (cli/outputs.ts). */
  junit?: string;
  /** --html: the check's page (written by reportCheck, which has what it shows); an error's page here. */
  html?: string;
}

/** A verdict on the IUT; json is the --json object, which gets the verdict as its first field. */
export function writeCheckReports(flags: ReportFlags, id: CheckIdentity, outcome: CheckOutcome, json: object): Verdict {
  const verdict: Verdict = outcome.findings.length
    ? 'divergence'
    : outcome.gateFailure
      ? 'coverage-below-gate'
      : 'conformant';
  if (flags.junit) writeAtomically(flags.junit, junitXml(checkSuite(id, outcome)));
  if (flags.json) process.stdout.write(JSON.stringify({ verdict, ...json }) + '\n');
  return verdict;
}

/** No verdict on the IUT: the error takes its place in both reports. The caller then rethrows it. */
export function writeErrorReports(flags: ReportFlags, id: CheckIdentity, e: unknown, elapsedMs: number): void {
  const verdict = verdictOfError(e);
  const message = firstLine(e);
  const run =
    e instanceof AdapterFailure && e.trace && e.failedInput
      ? ['the run so far:', ...failedRunLines(e.trace, e.failedInput)]
      : [];
  try {
    if (flags.junit) writeAtomically(flags.junit, junitXml(errorSuite(id, verdict, message, run, elapsedMs)));
  } catch {
    // The error being reported says more than a failure to report it.
  }
  try {
    if (flags.html)
      writeHtmlReport(flags.html, {
        title: `tcpconform check ${id.adapter}/${id.profile}: ${verdict}`,
        command: `tcpconform check --adapter ${id.adapter} --profile ${id.profile}${id.seed !== undefined ? ` --seed ${id.seed}` : ''}`,
        adapter: id.adapter,
        profile: id.profile,
        verdict: { ok: false, text: `${verdict}: ${message}` },
        summary: run,
        traces: [],
      });
  } catch {
    // As for the JUnit file.
  }
  if (flags.json) process.stdout.write(JSON.stringify({ verdict, error: message, ...id }) + '\n');
}
