// Every rule the model can fire names a rule of the catalogue (models/rules.ts) or of an implementation
// profile: otherwise a counterexample could blame a rule that has no citation.
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from './rules';
import { PROFILES } from './profiles';

const known = new Set([...RULES.map((r) => r.id), ...PROFILES.flatMap((p) => p.extraRules.map((r) => r.id))]);

/** Rule ids passed to fire(), ok() or fail() in the model's sources. */
function firedIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const f of fs.readdirSync(__dirname)) {
    if (!f.endsWith('.ts') || f.endsWith('.test.ts')) continue;
    const src = fs.readFileSync(path.join(__dirname, f), 'utf8');
    for (const m of src.matchAll(/\b(?:fire|ok|fail)\(\s*(?:\w+,\s*)?'([A-Za-z0-9.]+)'/g)) ids.set(m[1], f);
  }
  return ids;
}

test('every rule id the model fires is a catalogued, cited rule', () => {
  const ids = firedIds();
  expect(ids.size).toBeGreaterThan(100); // the scan finds the model's rules at all
  expect([...ids].filter(([id]) => !known.has(id)).map(([id, f]) => `${id} (${f})`)).toEqual([]);
});
