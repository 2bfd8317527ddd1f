// Writing the HTML report: whole or not at all (temp file, then rename). The command checks the path first
// with checkOutputFile('--html', file) (harness/cli/outputs.ts), so a bad path is exit 2 before any run.
import { writeAtomically } from '../files';
import { HtmlPage, htmlReport } from './page';

export function writeHtmlReport(file: string, page: HtmlPage): void {
  writeAtomically(file, htmlReport(page));
}
