// Every rule the RFC requires has a spec that checks it: the conformance suite is complete by its own
// declarations (s.spec(name, { rules }, ...)), not by chance. "Required" is what coverage counts as missing when
// a check against a fully capable adapter (the model's capabilities: every call, crafted segments, a virtual
// clock) reaches nothing under profile rfc9293: neither optional (models/rules.ts) nor unreachable.
import { MODEL_CAPABILITIES } from '../../adapters/model/adapter';
import { Coverage, coverageReport } from '../../harness/coverage';
import { specCatalogue, specsByRule } from '../../harness/spec-catalogue';
import { findProfile } from '../../models/profiles';
import type { CatalogueRuleId } from '../../models/rules';

/** Required rules that have no spec yet, each listed on purpose: none here now. A rule missing from both the
 *  specs and this list fails the test; a rule listed here that gained a spec must leave the list. */
const NOT_YET_SPECIFIED: ReadonlySet<CatalogueRuleId> = new Set<CatalogueRuleId>([]);

const required = coverageReport(new Coverage(), findProfile('rfc9293')!, MODEL_CAPABILITIES, true).rules.missing;
const tested = specsByRule();

test('the catalogue of specs is read from the spec files', () => {
  const files = new Set(specCatalogue().map((e) => e.file));
  expect(files).toContain('spec/handshake.spec.ts');
  expect(files).not.toContain('spec/linux-pair.spec.ts'); // plain Jest tests, no declarations
  expect(specCatalogue().length).toBeGreaterThan(80);
});

test('required rules are what coverage calls required under rfc9293 (not optional, not unreachable)', () => {
  expect(required).toContain('listen.syn');
  expect(required).not.toContain('receive.windowUpdate'); // optional: an IUT may never send a window update
  expect(required).not.toContain('syn.reset'); // rfc9293 replaces it by RFC 5961's challenge ACK
});

test('every required rule has a spec that declares it, or is listed as not yet specified', () => {
  const untested = required.filter((id) => !tested.has(id) && !NOT_YET_SPECIFIED.has(id as CatalogueRuleId));
  expect(untested).toEqual([]);
});

test('a rule listed as not yet specified has indeed no spec, and is required', () => {
  for (const id of NOT_YET_SPECIFIED) {
    expect(tested.get(id) ?? []).toEqual([]);
    expect(required).toContain(id);
  }
});

test('only the random walk declares no rule', () => {
  const none = specCatalogue().filter((e) => e.rules.length === 0);
  expect(none.map((e) => e.file)).toEqual(['spec/random-walk.spec.ts']);
});
