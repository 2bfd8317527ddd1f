// `tcpconform replay FILE` for a pair-topology counterexample: the recorded case (seeds, actions, network
// fates, fault rates) is run again on two endpoints of the recorded adapter, or of the one --adapter names.
import { PairCounterexample, pairArgs } from '../pair/pair-counterexample';
import { replayPairCase } from '../pair/pair-check';
import { openAdapter } from './check-command';
import { EXIT, UsageError } from './exit-codes';
import { profileNamed } from './options';
import type { ReplayFlags } from './replay-command';
import { replayAdapter, replayLine, replayMutant } from './replay-adapter';

export async function replayPairCommand(file: string, cx: PairCounterexample, flags: ReplayFlags): Promise<number> {
  const profile = profileNamed(cx.profile);
  const name = replayAdapter(file, cx.adapter, cx.file, flags.adapter);
  if (flags.cmd) throw new UsageError('--cmd has no use here: the pair topology runs in-process adapters only');
  const mutant = replayMutant(flags.mutant, name, cx);
  const make = () => openAdapter(name, profile.name, { mutant });
  const probe = await make();
  const inProcess = probe.synchronous;
  await probe.dispose();
  if (!inProcess) throw new UsageError(`the pair topology needs an in-process adapter (model, simulator), not ${name}`);
  const failure = await replayPairCase({ makeAdapter: make, profile, rates: cx.rates }, pairArgs(cx));
  const on = `${name}${mutant ? ' with mutant ' + mutant : ''}`;
  const print = (...lines: string[]) => process.stdout.write(lines.join('\n') + '\n');
  if (flags.json) {
    const verdict = failure ? { property: failure.property, message: failure.message } : {};
    print(JSON.stringify({ file, adapter: name, topology: 'pair', diverged: !!failure, ...verdict }));
  } else if (failure) {
    const head = `DIVERGES: property broken on ${on}: ${failure.property}: ${failure.message}`;
    print(head, ...failure.trace.map((l) => '  ' + l), `  replay: ${replayLine(file, flags, mutant, cx.mutant)}`);
  } else {
    print(`CONFORMS: the recorded pair run kept every end-to-end property on ${on}`);
  }
  return failure ? EXIT.divergence : EXIT.conformant;
}
