import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeAtomically } from './files';

const REGISTER = path.join(__dirname, '..', '..', 'adapters', 'process', '__fixtures__', 'ts-register.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-files-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('writes the file whole, creating its directories', () => {
  const f = path.join(tmp, 'a', 'b', 'c.json');
  writeAtomically(f, '{}\n');
  expect(fs.readFileSync(f, 'utf8')).toBe('{}\n');
  expect(fs.readdirSync(path.dirname(f))).toEqual(['c.json']);
});

test('a directory that cannot be made is an error at once, not a loop (in a child: a loop would never end)', () => {
  // Under /proc mkdir fails with ENOENT although the parent exists; mkdirSync({ recursive: true }) then retries
  // forever at full CPU, deaf to Ctrl-C.
  const files = path.join(__dirname, 'files.ts');
  const script = `try { require(${JSON.stringify(files)}).writeAtomically('/proc/tcpconform-no/x.json', '{}'); }
    catch (e) { console.log(e.code); }`;
  const r = spawnSync(process.execPath, ['-r', REGISTER, '-e', script], { timeout: 10000, encoding: 'utf8' });
  expect(r.signal).toBeNull();
  expect(r.stdout.trim()).toBe('ENOENT');
});

test('a path through a file is an error', () => {
  const file = path.join(tmp, 'plain');
  fs.writeFileSync(file, '');
  expect(() => writeAtomically(path.join(file, 'x', 'y.json'), '{}')).toThrow(/ENOTDIR|EEXIST/);
});
