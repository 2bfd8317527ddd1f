// The protocol's own test: what any child must do to be a well-behaved IUT process, independent of TCP
// behaviour (that is the conformance suite's job). Talks to the child raw, line by line, so that it can check
// what the process adapter would only see as a failure: exactly one reply per request, error replies for
// requests the child cannot do, exit at end of input.
import { spawn } from 'child_process';
import { SYN } from '../../models/segment';
import { encodePacket, toHex } from '../packet/ipv4-tcp';
import { Hello, IUT, ProtocolError, TESTER, encodeRequest, parseHello, parseReply } from './protocol';

export interface ProtocolCheckResult {
  hello?: Hello;
  /** What is wrong, one line each, in the order found; empty when the child passes. */
  problems: string[];
  /** The checks passed, by name, in the order run. */
  passed: string[];
}

/** Runs `cmd` through the protocol basics. Never throws; bounded by about `timeoutMs` per step. */
export async function checkProtocol(cmd: string, timeoutMs = 5000): Promise<ProtocolCheckResult> {
  const problems: string[] = [];
  const passed: string[] = [];
  const child = spawn(cmd, { shell: true, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let waiter: (() => void) | undefined;
  let buf = '';
  let exited: { code: number | null; signal: string | null } | undefined;
  const exit = new Promise<void>((r) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      waiter?.();
      r();
    }),
  );
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (c: string) => {
    buf += c;
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const l = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (l.trim() !== '') lines.push(l);
    }
    waiter?.();
  });
  child.stdin.on('error', () => undefined);
  child.stderr.resume();

  const nextLine = async (): Promise<string | undefined> => {
    const end = Date.now() + timeoutMs;
    while (lines.length === 0 && !exited && Date.now() < end) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((r) => {
        waiter = r;
        timer = setTimeout(r, Math.max(1, end - Date.now()));
      });
      clearTimeout(timer);
    }
    return lines.shift();
  };

  let hello: Hello | undefined;
  let id = 1;
  try {
    const first = await nextLine();
    if (first === undefined)
      return {
        passed,
        problems: [exited ? `exited (code ${exited.code}) before the hello` : `no hello within ${timeoutMs} ms`],
      };
    try {
      hello = parseHello(first);
    } catch (e) {
      return { passed, problems: [`hello: ${(e as Error).message}`] };
    }
    passed.push(`hello (${hello.iut})`);
    const caps = hello.capabilities;

    const ask = async (req: Parameters<typeof encodeRequest>[0], isCall: boolean, what: string): Promise<boolean> => {
      child.stdin.write(encodeRequest(req) + '\n');
      const line = await nextLine();
      if (line === undefined) {
        problems.push(`${what}: no reply${exited ? ' (the child exited)' : ` within ${timeoutMs} ms`}`);
        return false;
      }
      try {
        const reply = parseReply(line, req.id, { result: isCall, state: caps.state });
        if ('error' in reply) problems.push(`${what}: answered with an error: ${reply.error}`);
        else passed.push(what);
      } catch (e) {
        problems.push(`${what}: ${e instanceof ProtocolError ? e.message : String(e)}`);
        return false;
      }
      return true;
    };

    const ok = await ask({ id: id++, op: 'reset', profile: 'rfc9293', seed: 1 }, false, 'reset');
    if (ok && caps.state) await ask({ id: id++, op: 'state' }, false, 'state');
    if (ok && caps.segments) {
      await ask(
        {
          id: id++,
          op: 'input',
          input: { kind: 'segment', segment: { seq: 100, ack: 0, ctl: SYN, wnd: 8192, data: '', mss: 1460 } },
        },
        false,
        'a SYN',
      );
    }
    if (ok) await ask({ id: id++, op: 'input', input: { kind: 'wait', ms: 10 } }, false, 'wait 10 ms');
    if (ok) {
      // A request it cannot know must get an error reply with the same id, and the child must go on.
      const unknownId = id++;
      child.stdin.write(JSON.stringify({ id: unknownId, op: 'tcpconform-check-unknown-op' }) + '\n');
      const line = await nextLine();
      let parsed: unknown;
      try {
        parsed = line === undefined ? undefined : JSON.parse(line);
      } catch {
        parsed = undefined;
      }
      const o = parsed as { id?: unknown; error?: unknown } | undefined;
      if (!o || o.id !== unknownId || typeof o.error !== 'string') {
        problems.push(
          `an unknown op: expected {"id":${unknownId},"error":"..."}, got ${line === undefined ? 'nothing' : JSON.stringify(line)}`,
        );
      } else {
        passed.push('an unknown op gets an error reply');
        await ask({ id: id++, op: 'reset', profile: 'rfc9293', seed: 2 }, false, 'reset after an unknown op');
      }
    }
    if (lines.length > 0) problems.push(`extra line nobody asked for: ${JSON.stringify(lines[0])}`);
    else passed.push('one reply per request, no extra lines');

    // End of input: the child must exit by itself.
    child.stdin.end();
    let t: NodeJS.Timeout | undefined;
    await Promise.race([exit, new Promise((r) => (t = setTimeout(r, 2000)))]);
    clearTimeout(t);
    if (!exited) problems.push('still running 2 s after its stdin was closed (it must exit at end of input)');
    else passed.push('exits at end of input');
    return { hello, problems, passed };
  } finally {
    if (!exited && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      await exit;
    }
    child.stdin.destroy();
    child.stdout.destroy();
    child.stderr.destroy();
  }
}

// Re-exported so that authors' tests need only this module.
export { IUT, TESTER, encodePacket, toHex };
