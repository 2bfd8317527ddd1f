// The conformance relation on a call's answer (docs/design.md §3): RFC 9293's words always count; the
// implementation's own error name (errno) counts only where the profile predicts one and the adapter reports one.
import { LINUX_CAPABILITIES } from '../adapters/linux/adapter';
import { CallResult } from '../models/observation';
import { Outcome } from '../models/outcome';
import { closedTcb } from '../models/tcb';
import { matches } from './match';

const expected = (result: CallResult): Outcome => ({ tcb: closedTcb(), segments: [], result, signals: [], rules: [] });
const seen = (result: CallResult) =>
  matches(
    expected({ ok: false, error: 'connection reset', errno: 'ECONNRESET' }),
    { segments: [], result, state: 'Closed' },
    LINUX_CAPABILITIES,
  );

describe('an error answer', () => {
  test('the same words and the same errno match', () => {
    expect(seen({ ok: false, error: 'connection reset', errno: 'ECONNRESET' })).toBe(true);
  });
  test('the same words with another errno (EPIPE for ECONNRESET) do not', () => {
    expect(seen({ ok: false, error: 'connection reset', errno: 'EPIPE' })).toBe(false);
  });
  test('other words do not, whatever the errno', () => {
    expect(seen({ ok: false, error: 'connection refused', errno: 'ECONNRESET' })).toBe(false);
  });
  test('an adapter that reports no errno is judged on the words alone', () => {
    expect(seen({ ok: false, error: 'connection reset' })).toBe(true);
  });
  test('a profile that predicts no errno judges the words alone', () => {
    const o = expected({ ok: false, error: 'connection reset' });
    const obs = { segments: [], result: { ok: false, error: 'connection reset', errno: 'EPIPE' } as CallResult };
    expect(matches(o, obs, LINUX_CAPABILITIES)).toBe(true);
  });
});
