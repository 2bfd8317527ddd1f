// Which specs test which rule, learned from the specs' own declarations without running them: each spec
// module is required in catalogue mode (spec/support/catalogue.ts), where suite() records and defines no test.
// From dist/ the compiled modules are read (dist/spec/*.spec.js); under ts-jest, the sources.
import * as fs from 'fs';
import * as path from 'path';
import { SpecEntry, cataloguing, recorded } from '../spec/support/catalogue';

/** The socket-level kernel experiments are plain Jest tests (no suite(), no rule declarations): left out. */
const NOT_SUITES = new Set(['linux-pair.spec']);

let cache: readonly SpecEntry[] | undefined;

/** Every spec of the conformance suite with the rules it declares, in file order. */
export function specCatalogue(): readonly SpecEntry[] {
  if (cache) return cache;
  const ext = path.extname(__filename); // .ts under ts-jest, .js from dist/
  const dir = path.join(__dirname, '..', 'spec');
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(`.spec${ext}`) && !NOT_SUITES.has(path.basename(f, ext)))
    .sort();
  const before = recorded().length;
  for (const f of files) {
    cataloguing(`spec/${path.basename(f, ext)}.ts`);
    try {
      // A dynamic require on purpose: the spec files are found at run time, and only their side effect counts.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(dir, f));
    } finally {
      cataloguing(null);
    }
  }
  cache = recorded().slice(before);
  return cache;
}

/** Rule id -> the specs that declare it. */
export function specsByRule(): Map<string, SpecEntry[]> {
  const by = new Map<string, SpecEntry[]>();
  for (const e of specCatalogue()) for (const r of e.rules) by.set(r, [...(by.get(r) ?? []), e]);
  return by;
}
