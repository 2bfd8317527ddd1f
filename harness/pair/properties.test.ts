import { EndSummary, endToEnd } from './properties';

const end = (over: Partial<EndSummary>): EndSummary => ({
  state: 'Closed',
  history: ['Closed', 'SynSent', 'Established', 'FinWait1', 'FinWait2', 'TimeWait', 'Closed'],
  signals: [],
  sent: '',
  received: '',
  discardedSends: false,
  ...over,
});
const passiveCloser = (over: Partial<EndSummary> = {}) =>
  end({ history: ['Closed', 'Listen', 'SynReceived', 'Established', 'CloseWait', 'LastAck', 'Closed'], ...over });

describe('end-to-end properties of two TCPs over a faulty network', () => {
  test('a clean close with every byte delivered both ways passes', () => {
    expect(
      endToEnd(end({ sent: 'abc', received: 'xy' }), passiveCloser({ sent: 'xy', received: 'abc' }), false),
    ).toBeNull();
  });

  test('data is delivered in order: a reordered arrival is caught', () => {
    expect(endToEnd(end({ sent: 'abc' }), passiveCloser({ received: 'acb' }), false)?.property).toBe('data');
  });

  test('data is delivered exactly once: a duplicate is caught', () => {
    expect(endToEnd(end({ sent: 'abc' }), passiveCloser({ received: 'abcabc' }), false)?.property).toBe('data');
  });

  test('data may fall short only when an error was reported', () => {
    expect(endToEnd(end({ sent: 'abc' }), passiveCloser({ received: 'a' }), false)?.property).toBe('data');
    expect(
      endToEnd(end({ sent: 'abc', signals: ['connection reset'] }), passiveCloser({ received: 'a' }), false),
    ).toBeNull();
    expect(endToEnd(end({ sent: 'abc' }), passiveCloser({ received: 'a' }), true)).toBeNull();
  });

  test('once quiet, ESTABLISHED facing CLOSED is not a pair the RFC allows', () => {
    const v = endToEnd(
      end({ state: 'Established', history: ['Closed', 'SynSent', 'Established'] }),
      passiveCloser(),
      false,
    );
    expect(v?.property).toBe('states');
    expect(v?.message).toMatch(/ESTABLISHED and CLOSED/);
  });

  test('FIN-WAIT-2 facing CLOSE-WAIT may last forever', () => {
    const a = end({ state: 'FinWait2', history: ['Closed', 'SynSent', 'Established', 'FinWait1', 'FinWait2'] });
    const b = passiveCloser({
      state: 'CloseWait',
      history: ['Closed', 'Listen', 'SynReceived', 'Established', 'CloseWait'],
    });
    expect(endToEnd(a, b, false)).toBeNull();
  });

  test('the active closer passes through TIME-WAIT', () => {
    const a = end({ history: ['Closed', 'SynSent', 'Established', 'FinWait1', 'FinWait2', 'Closed'] });
    const v = endToEnd(a, passiveCloser(), false);
    expect(v?.property).toBe('timeWait');
    expect(v?.message).toMatch(/FIN-WAIT-1 → FIN-WAIT-2 → CLOSED/);
  });
});
