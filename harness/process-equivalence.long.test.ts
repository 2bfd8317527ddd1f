// Issue 5, acceptance 1: the suite run through the external-process protocol gives the same verdicts and
// coverage as the in-process adapter for the same seed.
import * as path from 'path';
import { createProcessAdapter } from '../adapters/process/adapter';
import { createSimulatorAdapter } from '../adapters/simulator/adapter';
import { findProfile } from '../models/profiles';
import { CheckResult, runCheck } from './check';

const SERVE = path.join(__dirname, '..', 'adapters', 'process', '__fixtures__', 'serve-registry.js');
const profile = findProfile('rfc9293')!;
const untimed = (r: CheckResult) => ({ ...r, elapsedMs: 0, eventsPerSecond: 0 });

describe('a stack behind the process protocol is checked exactly as in-process', () => {
  test('simulator served over stdin/stdout ≡ simulator in-process (same seed, same JSON)', async () => {
    const served = await createProcessAdapter({ cmd: `node ${SERVE} simulator rfc9293` });
    try {
      const viaProcess = await runCheck({ adapter: served, profile, runs: 150, seed: 1 });
      const inProcess = await runCheck({
        adapter: createSimulatorAdapter({ profile: 'rfc9293' }),
        profile,
        runs: 150,
        seed: 1,
      });
      expect(untimed(viaProcess)).toEqual(untimed(inProcess));
      expect(viaProcess.divergences).toEqual([]);
    } finally {
      await served.dispose();
    }
  }, 60000);

  test('a seeded bug is found and shrunk to the same counterexample either way', async () => {
    const served = await createProcessAdapter({ cmd: `node ${SERVE} simulator rfc9293 passiveRstCloses` });
    try {
      const viaProcess = await runCheck({ adapter: served, profile, runs: 300, seed: 4 });
      const inProcess = await runCheck({
        adapter: createSimulatorAdapter({ profile: 'rfc9293', mutant: 'passiveRstCloses' }),
        profile,
        runs: 300,
        seed: 4,
      });
      expect(inProcess.divergences).toHaveLength(1);
      expect(viaProcess.divergences.map((d) => d.inputs)).toEqual(inProcess.divergences.map((d) => d.inputs));
      expect(viaProcess.divergences[0].divergence.rule).toBe('rst.synReceived.passive');
    } finally {
      await served.dispose();
    }
  }, 60000);
});
