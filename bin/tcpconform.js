#!/usr/bin/env node
// Entry point: runs the compiled CLI (built by `npm ci` through the prepare script).
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'dist', 'harness', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('tcpconform: not built yet: run `npm ci` (or `npm run build`) in ' + path.join(__dirname, '..') + '\n');
  process.exit(2);
}
const cli = require(entry);
cli.exitCleanlyOnSignals();
cli
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
