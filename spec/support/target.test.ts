// The suite's choice of IUT from the environment: TCPCONFORM_ADAPTER=process runs it against any shim that
// TCPCONFORM_CMD starts; without TCPCONFORM_CMD it is one clear error. The suite playing against such a child
// (here `tcpconform serve`, from the sources) is a long check: target.long.test.ts (`npm run test:long`).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
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

test('a jest run probes an adapter once: the first test file leaves the answer for the others', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-probe-test-'));
  try {
    const env = { TCPCONFORM_PROBE_CACHE: dir, TCPCONFORM_ADAPTER: 'model', TCPCONFORM_PROFILE: undefined };
    expect(targetUnder(env).target()).toMatchObject({ adapterName: 'model', capabilities: { segments: true } });
    const answers = fs.readdirSync(dir);
    expect(answers).toHaveLength(1);
    // The next test file reads the answer left there, whatever it says, and does not probe again.
    fs.writeFileSync(path.join(dir, answers[0]), JSON.stringify({ ok: false, reason: 'left by an earlier file' }));
    expect(targetUnder(env).target().unavailable).toBe('left by an earlier file');
    expect(fs.readdirSync(dir)).toEqual(answers);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the answer is kept for its adapter, profile, command and TCPCONFORM_* and CI variables only', () => {
  const { probeKey } = targetUnder({});
  const env = { TCPCONFORM_CMD: './shim', CI: 'true', HOME: '/root' };
  const key = probeKey('process', 'rfc9293', env);
  expect(probeKey('process', 'rfc9293', { ...env, HOME: '/tmp', TCPCONFORM_PROBE_CACHE: '/x' })).toBe(key);
  for (const other of [
    probeKey('model', 'rfc9293', env),
    probeKey('process', 'lwip', env),
    probeKey('process', 'rfc9293', { ...env, TCPCONFORM_CMD: './other-shim' }),
    probeKey('process', 'rfc9293', { ...env, CI: '' }),
    probeKey('process', 'rfc9293', { ...env, TCPCONFORM_SKIP_LWIP: '1' }),
  ])
    expect(other).not.toBe(key);
});
