// What the HTML report gathers from a profile and a coverage report: each rule with how coverage saw it, and
// the profile's overrides as the profile declares them.
import { findProfile } from '../../../models/profiles';
import { profileRules } from '../../../models/profile';
import type { CoverageReport } from '../../coverage';
import { overridesOf, rulesOf } from './gather';

const rfc9293 = findProfile('rfc9293')!;
const linux = findProfile('linux')!;

test("the rules table lists every rule of the profile, in the profile's order", () => {
  expect(rulesOf(rfc9293).list.map((r) => r.id)).toEqual(profileRules(rfc9293).map((r) => r.id));
});

test('a rule is covered unless coverage lists it missing, not shown or unreachable (with the reason)', () => {
  const [a, b, c, d] = profileRules(rfc9293).map((r) => r.id);
  const coverage: CoverageReport = {
    states: { covered: 11, total: 11, missing: [] },
    transitions: { covered: 0, list: [] },
    rules: { covered: 1, total: 4, missing: [b], notShown: [c], unreachable: [{ id: d, reason: 'no such call' }] },
  };
  const seen = Object.fromEntries(rulesOf(rfc9293, coverage).list.map((r) => [r.id, r.coverage]));
  expect([seen[a], seen[b], seen[c], seen[d]]).toEqual([
    'covered',
    'missing',
    'not shown',
    'unreachable: no such call',
  ]);
});

test('without coverage no rule is said to be covered or not', () => {
  expect(rulesOf(rfc9293).list.every((r) => r.coverage === undefined)).toBe(true);
});

test("an implementation profile's overrides are listed over the profile it extends, the bugs marked", () => {
  const o = overridesOf(linux);
  expect(o.base).toBe(linux.extends);
  expect(o.list.map((x) => x.what)).toEqual(linux.overrides.map((x) => x.what));
  expect(o.list.filter((x) => x.kind === 'bug')).toHaveLength(linux.overrides.filter((x) => x.kind === 'bug').length);
});

test('a catalogue rule an implementation profile replaces says where, and by which rule', () => {
  const replaced = rulesOf(rfc9293).list.filter((r) => r.replacedIn?.some((x) => x.startsWith('linux by ')));
  expect(replaced.length).toBeGreaterThan(0);
});
