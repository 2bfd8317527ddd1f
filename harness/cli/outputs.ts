// Output paths are checked before any run: a report that cannot be written is a usage error found in a
// millisecond, not an internal error found after an hour of runs with the results lost.
import * as fs from 'fs';
import * as path from 'path';
import { UsageError } from './exit-codes';

const isDirectory = (p: string) => fs.statSync(p).isDirectory();

/** The nearest directory that exists on the way up from dir, which is where creating dir would start. */
function existingAncestor(flag: string, given: string, dir: string): string {
  let d = dir;
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  if (!isDirectory(d)) throw new UsageError(`${flag} ${given}: ${d} is a file, not a directory`);
  return d;
}

/** Creating and removing a file is the only test of writability that also holds for root and for /proc. */
function probeWritable(flag: string, given: string, dir: string): void {
  const probe = path.join(dir, `.tcpconform-probe-${process.pid}`);
  try {
    fs.writeFileSync(probe, '', { flag: 'wx' });
  } catch (e) {
    throw new UsageError(`${flag} ${given}: cannot create files in ${dir} (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  fs.rmSync(probe, { force: true });
}

/** A file the command will write (whole, by rename): its directory must exist or be creatable, and writable. */
export function checkOutputFile(flag: string, file: string): void {
  if (file.trim() === '') throw new UsageError(`${flag} needs a file name`);
  const target = path.resolve(file);
  if (fs.existsSync(target) && isDirectory(target))
    throw new UsageError(`${flag} ${file} is a directory; give a file name`);
  probeWritable(flag, file, existingAncestor(flag, file, path.dirname(target)));
}

/** A directory the command may write files into; it is created only when the first file goes there. */
export function checkOutputDirectory(flag: string, dir: string): void {
  if (dir.trim() === '') throw new UsageError(`${flag} needs a directory name`);
  const target = path.resolve(dir);
  if (fs.existsSync(target) && !isDirectory(target)) throw new UsageError(`${flag} ${dir} is a file, not a directory`);
  probeWritable(flag, dir, existingAncestor(flag, dir, target));
}
