// Run by spec/support/target.ts in a child process: can the chosen adapter be created on this machine, and
// what can it do? Jest registers tests synchronously, so the suite learns this before defining its specs,
// which lets an unavailable adapter turn every spec into a visible skip instead of a silent pass.
// Usage: node probe.js ADAPTER PROFILE  — prints one JSON line. PROFILE may be a profile file; the process
// adapter's command comes from TCPCONFORM_CMD, as in the suite.
'use strict';
const fs = require('fs');
const ts = require('typescript');
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
const { findAdapter, ADAPTERS } = require('../../adapters/registry.ts');
const [name, profileArg] = process.argv.slice(2);
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
(async () => {
  const entry = findAdapter(name);
  if (!entry) {
    say({
      ok: false,
      unknown: true,
      reason: `unknown adapter "${name}" (known: ${ADAPTERS.map((a) => a.name).join(', ')})`,
    });
    return;
  }
  let adapter;
  try {
    const { isProfilePath, loadProfileFile } = require('../../harness/profile-file.ts');
    const profile = isProfilePath(profileArg) ? loadProfileFile(profileArg).name : profileArg;
    adapter = await entry.create({ profile, cmd: process.env.TCPCONFORM_CMD });
  } catch (e) {
    if (e && e.name === 'AdapterUnavailable') say({ ok: false, reason: String(e.message) });
    else say({ ok: false, error: String(e && e.stack ? e.stack : e) });
    return;
  }
  const capabilities = adapter.capabilities;
  try {
    await adapter.dispose();
  } catch {
    /* disposal trouble does not make it unavailable */
  }
  say({ ok: true, capabilities });
})().then(
  () => process.exit(0),
  (e) => {
    say({ ok: false, error: String(e && e.stack ? e.stack : e) });
    process.exit(0);
  },
);
