// Departures an implementation shows, as fixed inputs (the tests of adapters/*/grid-departures.test.ts): each
// conforms to the implementation's profile, the rule that describes it firing at the last input, and diverges
// from rfc9293 where the other profile parts from it.
import { Adapter } from '../../adapters/types';
import { Input } from '../../models/input';
import { Profile } from '../../models/profile';
import { rfc9293 } from '../../models/profiles/rfc9293';
import { fixedSource, runOnce } from '../check';

export interface Departure {
  rule: string;
  what: string;
  inputs: Input[];
  /** Where rfc9293 first parts from the IUT, when before the last input (another departure on the way). */
  strictAt?: number;
}

/** The test of one departure against the adapter `adapter()` returns, under `profile`. */
export function departureTest(adapter: () => Adapter, profile: Profile, peerIss: number) {
  return async (c: Departure): Promise<void> => {
    const r = await runOnce(adapter(), profile, fixedSource(c.inputs), peerIss, 1, null, true);
    expect(r.divergence).toBeUndefined();
    expect(r.trace.at(-1)!.rules).toContain(c.rule);
    const strict = await runOnce(adapter(), rfc9293, fixedSource(c.inputs), peerIss, 1, null, true);
    expect(strict.divergence?.index).toBe(c.strictAt ?? c.inputs.length - 1);
  };
}
