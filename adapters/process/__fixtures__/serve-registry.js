// A child that serves a registered in-process adapter over stdin/stdout, the way `tcpconform serve` does,
// straight from the TypeScript sources (tests only). Usage: node serve-registry.js ADAPTER PROFILE [MUTANT]
'use strict';
require('./ts-register');
const { runServe } = require('../serve.ts');
runServe(process.argv[2] || 'model', process.argv[3] || 'rfc9293', process.argv[4] || undefined).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`serve-registry: ${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  },
);
