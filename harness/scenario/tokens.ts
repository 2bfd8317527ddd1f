// Splitting a line of a scenario or a packetdrill script into words: quoted strings (JSON escapes) and option
// lists in angle brackets stay whole; a comment (# or //) outside a string ends the line.

export class LineError extends Error {}

export function words(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' || line.startsWith('//', i)) break;
    if (c === '"') {
      let j = i + 1;
      while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
      if (j >= line.length) throw new LineError('a string is not closed');
      out.push(line.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    if (c === '<' && i + 1 < line.length && !/\s/.test(line[i + 1])) {
      const j = line.indexOf('>', i);
      if (j < 0) throw new LineError('an option list "<..." is not closed');
      out.push(line.slice(i, j + 1));
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < line.length && !/\s/.test(line[j]) && line[j] !== '"') j++;
    out.push(line.slice(i, j));
    i = j;
  }
  return out;
}

/** The text of a quoted word, with its JSON escapes; only octets 0-255 (latin1), as segments carry. */
export function unquote(word: string | undefined, what: string): string {
  if (word === undefined || !word.startsWith('"')) throw new LineError(`${what} must be a quoted string`);
  let s: unknown;
  try {
    s = JSON.parse(word);
  } catch {
    throw new LineError(`${what} is not a valid string: ${word}`);
  }
  if (typeof s !== 'string' || [...s].some((c) => c.charCodeAt(0) > 0xff))
    throw new LineError(`${what} may hold only octets (characters U+0000 to U+00FF)`);
  return s;
}

export const quote = (s: string): string => JSON.stringify(s);
