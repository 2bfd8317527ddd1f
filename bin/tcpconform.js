#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm ci` through the prepare script).
const path = require('path');
const fs = require('fs');
const dist = path.join(__dirname, '..', 'dist', 'harness', 'cli');
const entry = path.join(dist, 'main.js');
if (!fs.existsSync(entry)) {
  const root = path.join(__dirname, '..');
  process.stderr.write('tcpconform: not built yet: run `npm ci` (or `npm run build`) in ' + root + '\n');
  process.exit(2);
}
const cli = require(entry);
cli.exitCleanlyOnSignals();
// Under `npx`, a signal to npm never reaches us (harness/cli/launcher-watch.ts): watch npm and its shell.
require(path.join(dist, 'launcher-watch.js')).exitWithLauncher();
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
