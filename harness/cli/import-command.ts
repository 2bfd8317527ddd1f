// `tcpconform import-packetdrill FILE.pkt`: a packetdrill script as a scenario file (harness/packetdrill/import.ts).
import * as fs from 'fs';
import { importPacketdrill } from '../packetdrill/import';
import { writeAtomically } from '../report/files';
import { EXIT, UsageError } from './exit-codes';
import { profileNamed } from './options';
import { checkOutputFile } from './outputs';

export function importCommand(file: string, flags: { out?: string; profile?: string }): number {
  let text: string;
  try {
    text = fs.readFileSync(file, 'latin1');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const profile = profileNamed(flags.profile ?? 'linux').name;
  const out = flags.out ?? file.replace(/(\.pkt)?$/, '.tcs');
  checkOutputFile('--out', out);
  const r = importPacketdrill(text, file, profile);
  if (r.steps === 0) throw new UsageError(`${file}: no line converts to a step: is it a packetdrill script?`);
  for (const n of r.notes) process.stderr.write(`${file}:${n.line}: not converted (${n.reason}): ${n.text}\n`);
  writeAtomically(out, r.text);
  const left = r.notes.length ? `; ${r.notes.length} line${r.notes.length === 1 ? '' : 's'} not converted` : '';
  process.stdout.write(`wrote ${out}: ${r.steps} steps${left}\n`);
  return EXIT.conformant;
}
