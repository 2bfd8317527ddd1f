// Acceptance item 2 of issue 2: the harness finds a deliberately injected fault and shrinks it to the known
// minimal sequence; and item 3: the same seed gives the same result.
import { ModelAdapter } from '../adapters/model/adapter';
import { Adapter, RunSetup } from '../adapters/types';
import { ConcreteInput } from '../models/input';
import { Observation } from '../models/observation';
import { rfc9293 } from '../models/profiles/rfc9293';
import { RST } from '../models/segment';
import { State } from '../models/state';
import { CheckResult, runCheck } from './check';

/**
 * The model with one bug: a RST on a passively opened SYN-RECEIVED connection reports CLOSED instead of
 * LISTEN (the correct behaviour: RFC 793 §3.9 p.70, RFC 9293 §3.10.7.4 second check).
 */
class PassiveRstToClosed implements Adapter {
  readonly name = 'model+fault';
  readonly synchronous = true;
  private inner = new ModelAdapter(rfc9293);
  readonly capabilities = this.inner.capabilities;
  private last: State = 'Closed';

  reset(setup: RunSetup): void {
    this.inner.reset(setup);
    this.last = 'Closed';
  }

  apply(input: ConcreteInput): Observation {
    const obs = this.inner.apply(input);
    const before = this.last;
    this.last = obs.state ?? this.last;
    if (before === 'SynReceived' && input.kind === 'segment' && input.segment.ctl & RST && obs.state === 'Listen')
      return { ...obs, state: 'Closed' };
    return obs;
  }

  dispose(): void {}
}

const strip = (r: CheckResult) => ({ ...r, elapsedMs: 0, eventsPerSecond: 0 });

describe('runCheck on an injected fault', () => {
  let first: CheckResult;

  beforeAll(async () => {
    first = await runCheck({ adapter: new PassiveRstToClosed(), profile: rfc9293, runs: 300, seed: 42 });
  });

  test('finds the divergence', () => {
    expect(first.divergences).toHaveLength(1);
  });

  test('shrinks it to [open passive, SYN, RST at RCV.NXT] citing rst.synReceived.passive', () => {
    const cx = first.divergences[0];
    expect(cx.inputs).toHaveLength(3);
    expect(cx.inputs[0]).toEqual({ kind: 'call', call: 'open', mode: 'passive' });
    expect(cx.inputs[1]).toMatchObject({
      kind: 'segment',
      segment: { ctl: 'SYN', seq: { from: 'peerIss', delta: 0 } },
    });
    expect(cx.inputs[2]).toMatchObject({ kind: 'segment', segment: { ctl: 'RST', seq: { from: 'rcvNxt', delta: 0 } } });
    expect(cx.divergence.index).toBe(2);
    expect(cx.divergence.stateBefore).toBe('SynReceived');
    expect(cx.divergence.observed.state).toBe('Closed');
    expect(cx.divergence.expected.map((o) => o.state)).toEqual(['Listen']);
    expect(cx.divergence.rule).toBe('rst.synReceived.passive');
    expect(cx.divergence.citation).toContain('RFC 9293 §3.10.7.4');
  });

  test('the same seed twice gives identical results apart from timings', async () => {
    const again = await runCheck({ adapter: new PassiveRstToClosed(), profile: rfc9293, runs: 300, seed: 42 });
    expect(JSON.stringify(strip(again))).toBe(JSON.stringify(strip(first)));
  });

  test('the same seed twice gives identical results on a conformant run too', async () => {
    const a = await runCheck({ adapter: new ModelAdapter(rfc9293), profile: rfc9293, runs: 100, seed: 7 });
    const b = await runCheck({ adapter: new ModelAdapter(rfc9293), profile: rfc9293, runs: 100, seed: 7 });
    expect(a.divergences).toEqual([]);
    expect(JSON.stringify(strip(b))).toBe(JSON.stringify(strip(a)));
  });
});
