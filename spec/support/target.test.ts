// The suite's choice of IUT from the environment: TCPCONFORM_ADAPTER=process runs it against any shim that
// TCPCONFORM_CMD starts; without TCPCONFORM_CMD it is one clear error. The suite playing against such a child
// (here `tcpconform serve`, from the sources) is a long check: target.long.test.ts (`npm run test:long`).
import type * as Target from './target';

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

test('TCPCONFORM_ADAPTER=process without TCPCONFORM_CMD: one error saying what to set', () => {
  const t = targetUnder({ TCPCONFORM_ADAPTER: 'process', TCPCONFORM_CMD: undefined });
  expect(() => t.target()).toThrow(/^TCPCONFORM_ADAPTER=process needs TCPCONFORM_CMD, the command that starts the IUT/);
});
