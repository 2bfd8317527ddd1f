import type { Config } from 'jest';
import { LONG, UNIT_ROOTS, common } from './jest.config';

// `npm run test:long`: the checks too long for `npm test` (jest.config.ts), which .ci/run runs right after it.
// Each sits in a `*.long.test.ts` beside the `*.test.ts` it came from, under the same describe and test names:
// checks of many runs or several seeds against lwIP, gVisor and the kernel, long random walks through the model,
// checks on worker threads or through IUTs in child processes, and real processes stopped by signals or waited on
// for their timeouts.
const config: Config = {
  testTimeout: 60000,
  // As many as there are cores: the real-time checks against the kernel lose their timing on a busier machine.
  maxWorkers: 2,
  projects: [{ ...common, displayName: 'long', roots: UNIT_ROOTS, testRegex: LONG }],
};

export default config;
