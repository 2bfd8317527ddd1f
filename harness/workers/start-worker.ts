// Starting a worker thread from this package: compiled, the worker is dist/harness/workers/worker.js; run from
// the TypeScript sources (tests, ts-node), it is worker.ts, compiled on load by ts-node (a devDependency, present
// wherever the sources run).
import * as fs from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';

export function startWorker(): Worker {
  const js = path.join(__dirname, 'worker.js');
  if (__filename.endsWith('.js') && fs.existsSync(js)) return new Worker(js);
  const ts = path.join(__dirname, 'worker.ts');
  const tsNode = require.resolve('ts-node');
  const project = path.join(__dirname, '..', '..', 'tsconfig.json');
  const options = { transpileOnly: true, project };
  const register = `require(${JSON.stringify(tsNode)}).register(${JSON.stringify(options)});`;
  const code = `${register} require(${JSON.stringify(ts)});`;
  return new Worker(code, { eval: true });
}
