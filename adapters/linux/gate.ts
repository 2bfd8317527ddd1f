// Whether the Linux adapters can run here, for Jest specs: they skip, loudly, when not.
import { WorkerMode, missingPrerequisite } from './channel';

/** Why the linux adapters cannot run on this machine, or undefined when they can (or may, rootless). */
export function linuxSkipReason(mode: WorkerMode): string | undefined {
  if (process.env.TCPCONFORM_LINUX_ROOTLESS !== '1' && process.getuid?.() !== 0) {
    return 'not root: the linux adapters need root for a private network namespace with a TUN device ' +
      '(set TCPCONFORM_LINUX_ROOTLESS=1 to try unprivileged user namespaces)';
  }
  return missingPrerequisite(mode);
}

/** `describe`, or `describe.skip` with the reason printed (never a silent pass). */
export function describeLinux(mode: WorkerMode): jest.Describe {
  const reason = linuxSkipReason(mode);
  if (reason === undefined) return describe;
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED linux${mode === 'pair' ? '-pair' : ''} adapter specs: ${reason}`);
  return describe.skip;
}
