// Running the CLI from its TypeScript sources in a child process, for the tests that need a real process (signals,
// crashing children, shell replay lines): the paths once, and the node arguments that start it.
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..', '..');
export const REGISTER = path.join(ROOT, 'adapters', 'process', '__fixtures__', 'ts-register.js');
export const MAIN = path.join(ROOT, 'harness', 'cli', 'main.ts');
/** A process IUT that serves any registered adapter (`node SERVE <adapter> <profile> <mutant> <marker>`). */
export const SERVE = path.join(ROOT, 'adapters', 'process', '__fixtures__', 'serve-registry.js');

/** `node` arguments that run `tcpconform <args>` from the sources. */
export const sourceCli = (...args: string[]): string[] => ['-r', REGISTER, MAIN, ...args];
