// Lets a plain `node` child require the project's TypeScript sources (tests only): each .ts file is
// transpiled on load with TypeScript's own transpileModule, no type checking. The output is cached in the
// system's temporary directory, keyed by the file's path, size and time: tests start many such children (a
// crashing IUT is restarted for every shrinking attempt), and transpiling is most of a child's start.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
let ts;
const cacheDir = path.join(os.tmpdir(), `tcpconform-ts-cache-${process.getuid ? process.getuid() : 'u'}`);
require.extensions['.ts'] = (module, filename) => {
  const st = fs.statSync(filename);
  const key = crypto.createHash('sha1').update(`${filename}\0${st.size}\0${st.mtimeMs}`).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let outputText;
  try {
    outputText = fs.readFileSync(cached, 'utf8');
  } catch {
    ts ??= require('typescript');
    ({ outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: false,
      },
    }));
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      const tmp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, outputText);
      fs.renameSync(tmp, cached);
    } catch {
      /* no cache: transpile again next time */
    }
  }
  module._compile(outputText, filename);
};
