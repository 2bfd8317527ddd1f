// The gVisor tests' gate, the long part (`npm run test:long`): with Go and golang-gvisor-gvisor-dev the gate
// builds the shim (a Go build of gVisor's netstack). The rest of the gate's cases are in gate.test.ts.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gvisorReadiness } from './gate';

let dir: string;
beforeEach(() => {
  // A copy of the shim's sources, so that building it here leaves the checkout's build/ alone.
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-gvisor-gate-'));
  for (const f of fs.readdirSync(__dirname).filter((f) => f === 'build.sh' || f.endsWith('.go')))
    fs.copyFileSync(path.join(__dirname, f), path.join(dir, f));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const gate = (env: NodeJS.ProcessEnv) =>
  gvisorReadiness({ buildScript: path.join(dir, 'build.sh'), shim: path.join(dir, 'build', 'tcpconform-gvisor'), env });

const toolchain =
  fs.existsSync('/usr/share/gocode/src/gvisor.dev/gvisor/pkg/tcpip/stack/stack.go') && fs.existsSync('/usr/bin/go');
(toolchain ? test : test.skip)(
  `with Go and golang-gvisor-gvisor-dev the gate builds the shim${toolchain ? '' : ' (skipped: neither here)'}`,
  () => {
    expect(gate(process.env)).toEqual({ run: true });
    expect(fs.existsSync(path.join(dir, 'build', 'tcpconform-gvisor'))).toBe(true);
  },
  60000,
);
