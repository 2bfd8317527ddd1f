// Quoting for the command lines the tool prints (`replay: ...`): a user pastes them into a POSIX shell, so a
// path or command with spaces, quotes or `$` must come out as one word, unchanged.

/** `s` as one POSIX shell word: bare when it is plainly safe, otherwise in single quotes. */
export function shellWord(s: string): string {
  if (/^[A-Za-z0-9_/.,:=@%+-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
