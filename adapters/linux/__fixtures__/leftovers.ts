// What a Linux adapter may leave behind — processes, network namespaces, the TUN device, fds — as the cleanup
// tests look for it (cleanup.test.ts, cleanup.long.test.ts).
import { execFileSync } from 'child_process';
import fs from 'fs';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function fdCount(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

/** The network namespace a process is in, e.g. "net:[4026532301]". */
export function netnsOf(pid: number): string {
  return fs.readlinkSync(`/proc/${pid}/ns/net`);
}

/** Seconds since boot, as /proc/uptime counts them. */
export function uptime(): number {
  return Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
}

/** When a process started, in seconds since boot (/proc/<pid>/stat field 22, in USER_HZ = 100 ticks). */
export function startedAt(pid: string): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]) / 100;
}

/**
 * Every process still in namespace ns, or holding an fd to it. Namespace inode numbers are recycled at once,
 * and other test files create namespaces concurrently: a member that started after `setUpBy` (when the
 * namespace under test was fully set up; nothing enters it later) is in a new namespace that reuses the
 * number, and is not counted.
 */
export function holdersOf(ns: string, setUpBy: number): string[] {
  const out: string[] = [];
  for (const p of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readlinkSync(`/proc/${p}/ns/net`) === ns && startedAt(p) <= setUpBy) out.push(`${p} (member)`);
      for (const fd of fs.readdirSync(`/proc/${p}/fd`)) {
        if (fs.readlinkSync(`/proc/${p}/fd/${fd}`) === ns) out.push(`${p} (fd ${fd})`);
      }
    } catch {
      // the process went away while we looked
    }
  }
  return out;
}

/** A process that has exited and been reaped has no /proc entry; zombies count as still there. */
/**
 * The namespace's holders once the kill has had time to reach every process (a worker's own children can
 * outlive it by a few milliseconds on a loaded machine). A real leak stays, and still fails after 3 s.
 */
export async function holdersAfterSettling(ns: string, setUpBy: number, ms = 3000): Promise<string[]> {
  const deadline = Date.now() + ms;
  let h = holdersOf(ns, setUpBy);
  while (h.length > 0 && Date.now() < deadline) {
    await sleep(50);
    h = holdersOf(ns, setUpBy);
  }
  return h;
}

export async function waitGone(pid: number, ms = 5000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!fs.existsSync(`/proc/${pid}`)) return true;
    await sleep(20);
  }
  return !fs.existsSync(`/proc/${pid}`);
}

export function hostHasTun(): boolean {
  return execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).includes('tcpc0');
}
