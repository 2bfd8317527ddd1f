// The suite's choice of IUT from the environment, the long check (`npm run test:long`): TCPCONFORM_ADAPTER=process
// runs it against any shim that TCPCONFORM_CMD starts (here `tcpconform serve`, from the sources, in a child
// process). Without TCPCONFORM_CMD it is one clear error: target.test.ts.
import * as path from 'path';
import type * as Target from './target';
import { passiveEstablished } from './connect';
import { play } from './scenario';

const SERVE = `node ${JSON.stringify(path.join(__dirname, '..', '..', 'adapters', 'process', '__fixtures__', 'serve-registry.js'))} simulator`;

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

/** target.ts as a fresh module under these environment variables (it caches its choice per test file). */
function targetUnder(env: Record<string, string | undefined>): typeof Target {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  let mod: typeof Target | undefined;
  jest.isolateModules(() => {
    mod = jest.requireActual<typeof Target>('./target');
  });
  return mod!;
}

test('TCPCONFORM_ADAPTER=process with TCPCONFORM_CMD: the suite plays its scripts against that child', async () => {
  const t = targetUnder({ TCPCONFORM_ADAPTER: 'process', TCPCONFORM_CMD: SERVE, TCPCONFORM_PROFILE: undefined });
  const chosen = t.target();
  expect(chosen.unavailable).toBeUndefined();
  expect(chosen).toMatchObject({ adapterName: 'process', capabilities: { segments: true } });
  const adapter = await t.createAdapter();
  try {
    const played = await play(adapter, chosen.profile, passiveEstablished());
    expect(played.state(-1)).toBe('Established');
  } finally {
    await adapter.dispose();
  }
});
