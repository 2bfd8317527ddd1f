// A counterexample found on the kernel is written three ways: the JSON file, a pcap, and a packetdrill script
// (harness/report/packetdrill.ts) that stops at the step that diverged. Skips (printing why) when not root.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../../harness/cli/__fixtures__/in-process';
import { describeLinux } from './gate';

jest.setTimeout(120_000);

describeLinux('peer')('a counterexample found on the kernel', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tcpconform-linux-exports-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('check writes the .pkt beside the .json and names it', async () => {
    const r = await cli('check', '--adapter', 'linux', '--profile', 'rfc9293', '--seed', '1', '--out-dir', tmp);
    expect(r.code).toBe(1);
    const pkt = /packetdrill: (\S+\.pkt)/.exec(r.out)?.[1];
    expect(pkt).toBeDefined();
    const text = fs.readFileSync(pkt!, 'utf8');
    expect(text).toMatch(/^ +0\.000 socket\(\.\.\., SOCK_STREAM, IPPROTO_TCP\) = 3$/m);
    expect(text).toMatch(/^\/\/ The step that diverged: rule /m);
    expect(fs.existsSync(pkt!.replace(/\.pkt$/, '.json'))).toBe(true);
    expect(fs.existsSync(pkt!.replace(/\.pkt$/, '.pcap'))).toBe(true);
  });
});
