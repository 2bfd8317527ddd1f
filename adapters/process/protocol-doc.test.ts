// The adapter documents against the code: every request they show is one the protocol accepts with the fields
// it needs, and the exit code they promise for an adapter failure is the CLI's.
import * as fs from 'fs';
import * as path from 'path';
import { EXIT } from '../../harness/cli/exit-codes';
import { parseRequest } from './protocol';

const DOCS = ['adapters/process/PROTOCOL.md', 'adapters/README.md'].map((f) => ({
  file: f,
  text: fs.readFileSync(path.join(__dirname, '..', '..', f), 'utf8'),
}));

/** Every request object a document shows, inline or in a block. */
function requestsIn(text: string): string[] {
  return [...text.matchAll(/\{(?:"id":\d+,)?"op":"[a-z]+"[^`\n]*?\}(?=`|\s|$)/g)].map((m) => m[0]);
}

describe.each(DOCS)('$file', ({ text }) => {
  test('every request shown parses as the protocol defines it', () => {
    const shown = requestsIn(text);
    expect(shown.length).toBeGreaterThan(3);
    for (const line of shown) {
      const o = JSON.parse(line);
      // Packets are elided in the documents: for a segment only the fields are checked.
      if (o.op === 'segment') expect(Object.keys(o).filter((k) => k !== 'id')).toEqual(['op', 'packet']);
      else expect(() => parseRequest(JSON.stringify({ id: 1, ...o }))).not.toThrow();
    }
  });

  test('an adapter failure is promised the exit code the CLI gives it', () => {
    const promised = [...text.matchAll(/adapter ?failure`?\s+\(CLI exit code (\d+)/gi)].map((m) => Number(m[1]));
    expect(promised.length).toBeGreaterThan(0);
    for (const code of promised) expect(code).toBe(EXIT.adapterFailed);
  });
});
