// Stopping with the `npx` that launched us. `npx tcpconform` runs `sh -c 'tcpconform' ...`, so we are the
// child of a shell that is the child of npm. A signal sent to npm alone (as some CI runners cancel a job) is
// forwarded by npm to the shell only: the shell catches SIGINT and keeps waiting for us (it would re-raise it
// once we exit), and SIGTERM kills the shell and leaves us orphaned. Either way nothing reaches this process.
//
// So we watch the launcher instead. The shell, blocked in wait(), is woken by nothing but a signal: a rise in
// its count of voluntary context switches means it caught one — SIGINT, as the SIGCHLD it also catches comes
// only from us (not counted while it has other children, nor just after we were stopped and continued).
// A shell or npm that has gone means we are orphaned. The watch runs in a worker thread, because a check on
// an in-process adapter keeps the main thread busy for its whole length: the worker asks the main thread to
// exit through process.exit (so every 'exit' handler cleans up), and stops the process itself if it cannot.
import * as fs from 'fs';
import { Worker } from 'worker_threads';

const SHELLS = new Set(['sh', 'dash', 'bash', 'zsh', 'ksh', 'mksh', 'ash', 'busybox']);

/** Field `name:` of /proc/PID/status, or undefined once the process is gone. */
function procStatus(pid: number, name: string): string | undefined {
  try {
    return new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** The shell npm started us through, and npm itself; undefined when we were launched some other way. */
export function npmLauncher(): { shell: number; npm: number } | undefined {
  const shell = process.ppid;
  const name = procStatus(shell, 'Name');
  const npm = Number(procStatus(shell, 'PPid'));
  if (!name || !SHELLS.has(name) || !npm) return undefined;
  let title: string;
  try {
    title = fs.readFileSync(`/proc/${npm}/cmdline`, 'utf8'); // npm sets its title: "npm exec tcpconform ..."
  } catch {
    return undefined;
  }
  return /^npm( |\0|$)/.test(title) || /(^|\/)npm-cli\.js\0/.test(title) ? { shell, npm } : undefined;
}

/** The worker's code: it polls the launcher and posts a verdict once it was signalled or has gone. */
const WATCH = `
const { parentPort, workerData } = require('worker_threads');
const fs = require('fs');
const { shell, npm, intervalMs, startMs, graceMs, hardStopMs } = workerData;
// Other children of the shell ('a & tcpconform', a pipeline) wake it with their SIGCHLD: count its wake-ups
// only while we are its one child.
const onlyChild = () => {
  try {
    return fs.readFileSync('/proc/' + shell + '/task/' + shell + '/children', 'utf8').trim() === String(process.pid);
  } catch {
    return true; // no such file in this kernel: assume the plain "sh -c 'tcpconform' ..." of npx
  }
};
const status = () => {
  try {
    const s = fs.readFileSync('/proc/' + shell + '/status', 'utf8');
    const ppid = Number(/^PPid:\\s*(\\d+)/m.exec(s)[1]);
    return { ppid, woken: Number(/^voluntary_ctxt_switches:\\s*(\\d+)/m.exec(s)[1]), alone: onlyChild() };
  } catch {
    return null;
  }
};
let base = status();
let last = Date.now();
let quietUntil = Date.now() + startMs; // the shell may still be settling into wait()
const timer = setInterval(() => {
  const now = Date.now();
  // A long gap: this process was stopped and continued, and the shell woke for our SIGCHLD; not a signal.
  if (now - last > intervalMs + 1000) quietUntil = now + graceMs;
  last = now;
  const s = status();
  const woken = base && base.alone && s && s.alone && s.woken !== base.woken && now >= quietUntil;
  let verdict = null;
  if (!s || process.ppid !== shell) verdict = { code: 129, why: 'the shell npx ran us in (pid ' + shell + ') is gone' };
  else if (s.ppid !== npm) verdict = { code: 129, why: 'npx (pid ' + npm + ') is gone' };
  else if (woken) verdict = { code: 130, why: 'npx was interrupted (SIGINT)' };
  if (s) base = s;
  if (!verdict) return;
  clearInterval(timer);
  parentPort.postMessage(verdict);
  // The main thread exits at once unless it is busy; then the process stops here, without its clean-up.
  setTimeout(() => {
    fs.writeSync(2, 'tcpconform: ' + verdict.why + '; the check was busy, stopping it\\n');
    process.kill(process.pid, 'SIGKILL');
  }, hardStopMs);
}, intervalMs);
`;

/** Starts the watch when npm launched us through a shell (Linux, where /proc tells); otherwise does nothing. */
export function exitWithLauncher(intervalMs = 200): void {
  if (process.platform !== 'linux') return;
  const launcher = npmLauncher();
  if (!launcher) return;
  const worker = new Worker(WATCH, {
    eval: true,
    workerData: { ...launcher, intervalMs, startMs: 300, graceMs: 1000, hardStopMs: 1500 },
  });
  worker.on('message', (v: { code: number; why: string }) => {
    process.stderr.write(`\ntcpconform: ${v.why}; cleaning up\n`);
    process.exit(v.code);
  });
  worker.on('error', () => undefined); // a watch that cannot run must not take the check down
  worker.unref();
}
