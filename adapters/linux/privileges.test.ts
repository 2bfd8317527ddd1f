// Issue 4, acceptance 6: without the privileges the packet-level adapter needs (a network namespace of its own
// and the TUN device), `check --adapter linux` exits 3 with one line saying what is missing. As root the
// test drops to user nobody with setpriv (util-linux); otherwise it runs as it is.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'tcpconform.js');
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
const root = process.getuid?.() === 0;
// An unprivileged user who can open /dev/net/tun (not the case on CI) would not be refused.
const tunOpenToAll = (() => {
  try {
    return (fs.statSync('/dev/net/tun').mode & 0o006) === 0o006;
  } catch {
    return false;
  }
})();
const skip =
  root && !SETPRIV
    ? 'root, but no setpriv to drop privileges with'
    : !root && tunOpenToAll
      ? '/dev/net/tun is open to every user here'
      : undefined;
if (skip) process.stderr.write(`SKIPPED privileges test: ${skip}\n`);

(skip ? test.skip : test)(
  `check --adapter linux without privileges exits 3 with one line${skip ? ` (skipped: ${skip})` : ''}`,
  () => {
    // Run where user nobody may write: the check probes its output directory before the adapter.
    const argv = [BIN, 'check', '--adapter', 'linux', '--runs', '5', '--seed', '1', '--out-dir', os.tmpdir()];
    const r = root
      ? spawnSync(SETPRIV!, ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, ...argv], {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 30_000,
        })
      : spawnSync(process.execPath, argv, {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 30_000,
          env: { ...process.env, TCPCONFORM_LINUX_ROOTLESS: '' },
        });
    expect(r.status).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tcpconform: adapter unavailable: .*(root|\/dev\/net\/tun|namespace)/);
  },
);
