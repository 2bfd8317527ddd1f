// Whether the Linux adapters can run here, for Jest specs: they skip, loudly, when not.
import { WorkerMode, missingPrerequisite } from './channel';

/** Why the linux adapters cannot run on this machine, or undefined when they can (or may, rootless). */
export function linuxSkipReason(mode: WorkerMode): string | undefined {
  if (process.env.TCPCONFORM_LINUX_ROOTLESS !== '1' && process.getuid?.() !== 0) {
    const needs = mode === 'peer' ? 'a private network namespace with a TUN device' : 'a private network namespace';
    return (
      `not root: the linux adapters need root for ${needs} ` +
      '(set TCPCONFORM_LINUX_ROOTLESS=1 to try unprivileged user namespaces)'
    );
  }
  return missingPrerequisite(mode);
}

/** The part of Jest's `describe` used here; typed locally so that this file compiles outside Jest too. */
type DescribeFn = (name: string, fn: () => void) => void;
type Describe = DescribeFn & { skip: DescribeFn };

/** `describe`, or `describe.skip` with the reason printed (never a silent pass). For Jest files only. */
export function describeLinux(mode: WorkerMode): DescribeFn {
  const { describe, test } = globalThis as unknown as {
    describe: Describe;
    test: (name: string, fn: () => void) => void;
  };
  const reason = linuxSkipReason(mode);
  if (reason === undefined) return describe;
  const what = `linux${mode === 'pair' ? '-pair' : ''} adapter specs`;
  // Straight to stderr: Jest does not print the console output of a file whose tests are all skipped.
  process.stderr.write(`SKIPPED ${what}: ${reason}\n`);
  // And a skipped test that carries the reason, visible in Jest's own report.
  describe.skip(`${what} (skipped: ${reason})`, () => {
    test('needs the linux adapters', () => undefined);
  });
  return describe.skip;
}
