// Writing result files without ever leaving half a file behind: write beside, then rename.
import * as fs from 'fs';
import * as path from 'path';

/** mkdir -p one level at a time. fs.mkdirSync({ recursive: true }) loops forever, deaf to signals, where
 *  mkdir fails with ENOENT although the parent exists (under /proc, say); here every failure is thrown. */
export function makeDirectories(dir: string): void {
  const absolute = path.resolve(dir);
  const missing: string[] = [];
  for (let d = absolute; !fs.existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) fs.mkdirSync(d);
}

export function writeAtomically(file: string, content: string | Uint8Array): void {
  makeDirectories(path.dirname(path.resolve(file)));
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}
