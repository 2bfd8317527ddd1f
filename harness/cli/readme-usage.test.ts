// The README against the CLI itself: every command `tcpconform --help` lists is in the usage block, each
// command's line names exactly the flags its --help lists, no more and no fewer, and the sample counterexample
// is what the tool prints.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from './main';

async function helpText(...args: string[]): Promise<string> {
  let out = '';
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  try {
    expect(await main([...args, '--help'])).toBe(0);
  } finally {
    spy.mockRestore();
  }
  return out;
}

/** The lines of a --help section ("Options:", "Commands:") up to the next blank line. */
function section(help: string, title: string): string[] {
  const lines = help.split('\n');
  const start = lines.indexOf(title);
  if (start < 0) return [];
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

const flagsOf = (text: string) =>
  new Set([...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map((m) => m[0]).filter((f) => f !== '--help'));

/** The README's usage block: each command with the flags on its line and the lines continuing it. */
function readmeUsage(): Map<string, Set<string>> {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const block = /## The commands\n+```\n([\s\S]*?)```/.exec(readme);
  expect(block).not.toBeNull();
  const usage = new Map<string, string>();
  let current = '';
  for (const line of block![1].split('\n')) {
    const m = /^npx tcpconform (\S+)(.*)$/.exec(line);
    if (m) usage.set((current = m[1]), m[2]);
    else if (current && /^\s+\S/.test(line)) usage.set(current, usage.get(current) + line);
  }
  return new Map([...usage].map(([c, text]) => [c, flagsOf(text)]));
}

test('the README lists every command the CLI has', async () => {
  const commands = section(await helpText(), 'Commands:')
    .map((l) => /^ {2}(\S+)/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined && c !== 'help');
  expect(commands.length).toBeGreaterThan(3);
  expect([...readmeUsage().keys()].sort()).toEqual(commands.sort());
});

describe('each README usage line names the flags of its command', () => {
  const usage = readmeUsage();
  test.each([...usage.keys()])('%s', async (command) => {
    const listed = flagsOf(section(await helpText(command), 'Options:').join('\n'));
    expect([...usage.get(command)!].sort()).toEqual([...listed].sort());
  });
});

test("the README's sample counterexample is what the command it names prints", async () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const sample = /## Reading a counterexample\n+```\n([\s\S]*?)```/.exec(readme)![1];
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-readme-'));
  let out = '';
  const o = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await main(['check', '--mutant', 'passiveRstCloses', '--seed', '1', '--out-dir', outDir])).toBe(1);
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = undefined;
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  // The figure: from its header to the replay line, written under the default --out-dir.
  const figure = out.slice(out.indexOf('     IUT'), out.indexOf('\n', out.indexOf('  replay: ')) + 1);
  expect(figure.split(outDir).join('counterexamples')).toBe(sample);
});
