// Issue 12, acceptance 1: with the input grid (check --grid), 2000 runs of seed 1 reach at least 99% of the cells
// the model and the simulator can reach; the menu alone reaches about half of them.
import { findAdapter } from '../adapters/registry';
import { rfc9293 } from '../models/profiles/rfc9293';
import { runCheck } from './check';

jest.setTimeout(300_000);

describe.each(['model', 'simulator'])('the input grid on %s', (name) => {
  test('2000 runs of seed 1 with --grid: no divergence, at least 99% of the reachable cells', async () => {
    const adapter = await findAdapter(name)!.create({ profile: 'rfc9293' });
    const r = await runCheck({ adapter, profile: rfc9293, runs: 2000, seed: 1, grid: true });
    expect(r.divergences).toHaveLength(0);
    expect(r.coverage.grid!.covered / r.coverage.grid!.reachable).toBeGreaterThanOrEqual(0.99);
    const menu = await runCheck({ adapter, profile: rfc9293, runs: 2000, seed: 1 });
    expect(menu.coverage.grid!.covered).toBeLessThan(r.coverage.grid!.covered);
  });
});
