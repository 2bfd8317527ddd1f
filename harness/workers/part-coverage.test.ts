// A run the adapter fails in adds nothing to a check's coverage (harness/check.ts takes in only the runs that
// ended): on a worker, what such a run counted into its part is taken back, and what the runs before it counted
// stays.
import { PartCoverage } from './part-coverage';

test('a failed run is taken back; the runs kept before it stay counted', () => {
  const c = new PartCoverage();
  c.state('Closed');
  c.state('Listen');
  c.transition('Closed', 'Listen');
  c.rule('open.passive');
  c.keep();
  c.state('Closed');
  c.state('SynSent');
  c.transition('Closed', 'SynSent');
  c.transition('SynSent', 'SynSent'); // no transition: nothing to take back either
  c.rule('open.active');
  c.takeBack();
  expect([...c.states]).toEqual([
    ['Closed', 1],
    ['Listen', 1],
  ]);
  expect([...c.transitions]).toEqual([['Closed->Listen', 1]]);
  expect([...c.rules]).toEqual([['open.passive', 1]]);
});
