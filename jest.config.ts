import type { Config } from 'jest';

// Unit tests (`*.test.ts`) sit beside the code; the conformance suite (`spec/*.spec.ts`) runs against the
// adapter named by TCPCONFORM_ADAPTER (default: model).
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/models', '<rootDir>/harness', '<rootDir>/adapters', '<rootDir>/spec'],
  testMatch: ['**/*.test.ts', '**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 60000,
};

export default config;
