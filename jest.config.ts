import type { Config } from 'jest';

// `npm test`: unit tests (`*.test.ts`) sit beside the code. The conformance suite (`spec/*.spec.ts`) runs against
// the adapter named by TCPCONFORM_ADAPTER (checked against TCPCONFORM_PROFILE, default rfc9293, or a profile file;
// TCPCONFORM_ADAPTER=process starts the shim TCPCONFORM_CMD names, see spec/support/target.ts); without one, it
// runs twice: against the model and against the simulator, the default adapter of the CLI.
// The long checks (`*.long.test.ts`: many runs or seeds, real-time waits, signals to real processes) are left
// out here; `npm run test:long` (jest.long.config.ts) runs them, and .ci/run runs it right after `npm test`.
const transform: Config['transform'] = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
// A user's profile file says `require('tcpconform')`: in tests that is these sources (harness/api.ts).
const moduleNameMapper = { '^tcpconform$': '<rootDir>/harness/api.ts' };
export const common = { testEnvironment: 'node', transform, moduleNameMapper };
export const UNIT_ROOTS = ['<rootDir>/models', '<rootDir>/harness', '<rootDir>/adapters', '<rootDir>/spec'];
export const LONG = '\\.long\\.test\\.ts$';

const suite = (adapter: string | undefined): Config => ({
  ...common,
  displayName: `suite:${adapter ?? process.env.TCPCONFORM_ADAPTER}`,
  testMatch: ['<rootDir>/spec/**/*.spec.ts'],
  // dist/spec holds the compiled specs (for `tcpconform rules`): never run them, only the sources.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/spec/linux-pair.spec.ts'],
  ...(adapter ? { setupFiles: [`<rootDir>/spec/support/use-${adapter}.js`] } : {}),
});

const config: Config = {
  testTimeout: 60000,
  // Many tests spend their time waiting (real-time kernel timers, child processes, signals): three workers keep a
  // two-core machine busy where jest's default (cores - 1) would leave one idle.
  maxWorkers: 3,
  // The spec files share one probe of their adapter per run (spec/support/target.ts).
  globalSetup: '<rootDir>/spec/support/probe-cache.js',
  globalTeardown: '<rootDir>/spec/support/probe-cache-teardown.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      roots: UNIT_ROOTS,
      // The socket-level kernel experiments need no single-endpoint adapter: they run once, here.
      testMatch: ['**/*.test.ts', '<rootDir>/spec/linux-pair.spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', LONG],
    },
    ...(process.env.TCPCONFORM_ADAPTER ? [suite(undefined)] : [suite('model'), suite('simulator')]),
  ],
};

export default config;
