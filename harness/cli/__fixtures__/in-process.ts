// Tests only: run the CLI in-process, capturing what it writes.
import { main } from '../main';

export async function cli(...args: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  let out = '';
  let err = '';
  const o = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = jest
    .spyOn(process.stderr, 'write')
    .mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  const before = process.exitCode;
  const t0 = Date.now();
  try {
    const code = await main(args);
    return { code, out, err, ms: Date.now() - t0 };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = before;
  }
}

export const lastLine = (s: string) => s.trimEnd().split('\n').pop() ?? '';
