// The gvisor profile's own pieces, read against gVisor's source (pkg/tcpip/, 20221219) and checked against the
// stack itself by `tcpconform check --adapter gvisor --profile gvisor` (adapters/gvisor/NOTES.md). ISS = 5000 for
// the model, the peer's ISS = 1000.
import { ConcreteInput } from '../input';
import { Outcome } from '../outcome';
import { Profile } from '../profile';
import { RST, SYN } from '../segment';
import { step } from '../step';
import { Tcb, closedTcb } from '../tcb';
import { gvisor } from './gvisor';
import { rfc9293 } from './rfc9293';
import { call, seg } from '../testing';

const ISS = 5000;
const run = (t: Tcb, i: ConcreteInput, p: Profile = gvisor): Outcome[] => step(t, i, p, { iss: ISS });
const only = (os: Outcome[], state: string): Tcb => {
  const found = os.filter((o) => o.tcb.state === state);
  expect(found).toHaveLength(1);
  return found[0].tcb;
};
const listen = (p: Profile = gvisor) => only(run(closedTcb(), call({ call: 'open', mode: 'passive' }), p), 'Listen');
const passiveSynReceived = (p: Profile = gvisor) => only(run(listen(p), seg(SYN, 1000), p), 'SynReceived');

describe('closing the listener before the accept (endpoint.closePendingAcceptableConnectionsLocked())', () => {
  test.each(['close', 'abort'] as const)('%s ends the half-open connection without a segment: CLOSED', (name) => {
    const [o, ...more] = run(passiveSynReceived(), call({ call: name }));
    expect(more).toEqual([]);
    expect(o.tcb.state).toBe('Closed');
    expect(o.segments).toEqual([]);
    expect(o.result).toEqual({ ok: true });
    expect(o.rules).toContain('close.synReceived.dropped');
  });
  test('rfc9293: ABORT there sends <SEQ=SND.NXT><CTL=RST> (§3.10.5)', () => {
    const outs = run(passiveSynReceived(rfc9293), call({ call: 'abort' }), rfc9293);
    expect(outs.map((o) => o.segments.map((s) => [s.seq, s.ctl]))).toEqual([[[ISS + 1, RST]]]);
  });
});
