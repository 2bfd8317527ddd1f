// Proof that nothing is left behind — no worker process, no network namespace, no TUN device, no fd — after
// every kind of exit: dispose(), a crash of the worker, and the death of the harness process itself (normal
// exit without dispose, SIGINT, SIGTERM, SIGKILL, an uncaught exception). The harness process's own death is a
// long check (a child process for each way to die): cleanup.long.test.ts, `npm run test:long`.
import fs from 'fs';
import { AdapterFailure } from '../types';
import { createLinuxAdapter } from './adapter';
import { describeLinux } from './gate';
import {
  fdCount,
  holdersAfterSettling,
  holdersOf,
  hostHasTun,
  netnsOf,
  sleep,
  uptime,
  waitGone,
} from './__fixtures__/leftovers';

describeLinux('peer')('linux adapter: nothing left behind', () => {
  test('dispose(): the worker is reaped, its namespace has no member and no holder, our fds are back', async () => {
    const before = fdCount();
    const a = await createLinuxAdapter();
    await a.reset({ profile: 'rfc9293', seed: 1 });
    await a.apply({ kind: 'call', call: 'open', mode: 'passive' });
    const pid = a.channel.pid;
    const ns = netnsOf(pid);
    const setUpBy = uptime();
    expect(ns).not.toBe(netnsOf(process.pid)); // it was a namespace of its own
    expect(fdCount()).toBeGreaterThan(before);
    expect(holdersOf(ns, setUpBy)).toContain(`${pid} (member)`); // the check does see a live namespace
    await a.dispose();
    expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
    expect(await holdersAfterSettling(ns, setUpBy)).toEqual([]);
    expect(fdCount()).toBe(before);
    expect(hostHasTun()).toBe(false);
  });

  test('the worker crashes: the next input fails with AdapterFailure and everything is released', async () => {
    const before = fdCount();
    const a = await createLinuxAdapter();
    await a.reset({ profile: 'rfc9293', seed: 1 });
    const pid = a.channel.pid;
    const ns = netnsOf(pid);
    const setUpBy = uptime();
    process.kill(pid, 'SIGKILL');
    await sleep(50);
    await expect(a.apply({ kind: 'call', call: 'open', mode: 'passive' })).rejects.toBeInstanceOf(AdapterFailure);
    expect(await waitGone(pid)).toBe(true);
    expect(fdCount()).toBe(before);
    expect(await holdersAfterSettling(ns, setUpBy)).toEqual([]);
    await a.dispose(); // harmless afterwards
  });
});
