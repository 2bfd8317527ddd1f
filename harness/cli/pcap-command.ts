// `tcpconform pcap FILE`: a counterexample file's run as a pcap, for Wireshark and tshark (harness/report/pcap.ts).
// `check` writes one beside every counterexample it finds; this makes one from any file.
import { parseCounterexample } from '../counterexample';
import { isPairFile } from '../pair/pair-counterexample';
import { writeAtomically } from '../report/files';
import { counterexamplePcap, pcapFileOf } from '../report/pcap';
import { UsageError } from './exit-codes';
import { checkOutputFile } from './outputs';
import { parsed, readCounterexampleFile } from './replay-command';

export function pcapCommand(file: string, flags: { out?: string }): number {
  const raw = readCounterexampleFile(file);
  if (isPairFile(raw)) throw new UsageError(`${file} is a pair counterexample: a pcap draws one connection`);
  const { cx } = parsed(file, () => parseCounterexample(raw));
  const pcap = counterexamplePcap(cx);
  if (!pcap) throw new UsageError(`${file} records no trace of its run to draw`);
  const out = flags.out ?? pcapFileOf(file);
  checkOutputFile('--out', out);
  writeAtomically(out, pcap);
  process.stdout.write(`${out}\n`);
  return 0;
}
