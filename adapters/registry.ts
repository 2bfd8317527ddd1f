// The adapters the CLI and the suite know by name. Each entry loads its module lazily, so that an adapter
// needing native code or privileges costs nothing unless chosen.
import { Adapter, AdapterConfigError, AdapterOptions } from './types';

export interface AdapterEntry {
  name: string;
  summary: string;
  create(options: AdapterOptions): Promise<Adapter>;
}

export const ADAPTERS: AdapterEntry[] = [
  {
    name: 'model',
    summary: 'the reference model itself as an IUT (self-check; the reference for teaching)',
    create: async (o) => (await import('./model/adapter')).createModelAdapter(o),
  },
  {
    name: 'linux',
    summary: 'the Linux kernel TCP in a private network namespace, tester-as-peer through a TUN device (root)',
    create: async (o) => (await import('./linux/adapter')).createLinuxAdapter(o),
  },
  {
    name: 'process',
    summary: 'any stack in any language, as a child process speaking adapters/process/PROTOCOL.md (--cmd "<command>")',
    create: async (o) => {
      if (!o.cmd)
        throw new AdapterConfigError('--adapter process needs --cmd "<command>" (see adapters/process/PROTOCOL.md)');
      return (await import('./process/adapter')).createProcessAdapter({ cmd: o.cmd });
    },
  },
  {
    name: 'lwip',
    summary: "lwIP 2.1.3 (Debian's liblwip-dev) through a C shim; build it with `npm run build:lwip`",
    create: async (o) => (await import('./lwip/adapter')).createLwipAdapter(o),
  },
  {
    name: 'gvisor',
    summary:
      "gVisor's netstack (Debian's golang-gvisor-gvisor-dev) through a Go shim; build it with `npm run build:gvisor`",
    create: async (o) => (await import('./gvisor/adapter')).createGvisorAdapter(o),
  },
  {
    name: 'slirp',
    summary:
      "libslirp 4.7.0, QEMU's user-mode stack (Debian's libslirp-dev), through a C shim (root); build it with " +
      '`npm run build:slirp`',
    create: async (o) => (await import('./slirp/adapter')).createSlirpAdapter(o),
  },
  {
    name: 'simulator',
    summary: 'an independent TCP endpoint on a virtual clock (default)',
    create: async (o) => (await import('./simulator/adapter')).createSimulatorAdapter(o),
  },
  // Further adapters register here: simulator, linux, linux-pair, process, lwip, gvisor, slirp.
];

export const DEFAULT_ADAPTER = 'simulator';

export function findAdapter(name: string): AdapterEntry | undefined {
  return ADAPTERS.find((a) => a.name === name);
}
