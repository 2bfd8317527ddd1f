// packetdrill scripts (github.com/google/packetdrill) as scenarios (docs/scenarios.md). packetdrill drives a
// kernel through system calls and packets; a scenario drives any IUT through the RFC's user calls and segments.
// The subset the model covers converts line by line: the socket calls the linux adapter makes for each RFC call
// (adapters/linux/adapter.ts), packets with their flags, numbers, window and MSS, and relative or absolute
// times. Every line that cannot be converted is named with the reason, and left in the scenario as a comment.
import { Input } from '../../models/input';
import { CallError } from '../../models/observation';
import { parseInbound, parseOutbound } from '../scenario/parse';
import { ResultPattern, ScenarioStep } from '../scenario/scenario';
import { stepLines } from '../scenario/text';
import { LineError, quote, words } from '../scenario/tokens';

export interface ImportNote {
  line: number;
  text: string;
  reason: string;
}

export interface Imported {
  /** The scenario, as text. */
  text: string;
  /** Lines not converted, with the reason. */
  notes: ImportNote[];
  steps: number;
}

type Item = { comment: string } | { step: ScenarioStep };

/** errno names as the linux adapter reads them back into RFC 9293's answers (its callError). */
function errorOf(errno: string, call: string, shutWr: boolean): CallError | null {
  switch (errno) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
      return 'connection reset';
    case 'EPIPE':
      return shutWr ? 'connection closing' : 'connection reset';
    case 'ENOTCONN':
    case 'EBADF':
      return 'connection does not exist';
    case 'EISCONN':
    case 'EALREADY':
    case 'EADDRINUSE':
      return 'connection already exists';
    case 'EAGAIN':
    case 'ENOBUFS':
      return call === 'write' ? 'insufficient resources' : null;
  }
  return null;
}

/** Seconds as packetdrill writes them: "0.100", ".1", "1". */
function seconds(text: string): number {
  if (!/^(\d+\.?\d*|\.\d+)$/.test(text)) throw new LineError(`"${text}" is not a time`);
  return Math.round(Number(text) * 1000);
}

/** The time a line happens at, in ms of script time; null for "*" (any time). For a range a~b, its end. */
function timeOf(word: string, now: number): number | null {
  if (word === '*') return null;
  const end = word.includes('~') ? word.slice(word.indexOf('~') + 1) : word;
  return end.startsWith('+') ? now + seconds(end.slice(1)) : seconds(end);
}

const SYSCALL = /^([a-z_]+)\((.*)\)\s*=\s*(-?\d+|\.\.\.)(?:\s+([A-Z][A-Z0-9_]*))?.*$/;

class Converter {
  readonly items: Item[] = [];
  readonly notes: ImportNote[] = [];
  now = 0;
  private last: ScenarioStep | undefined;
  /** The listening socket, the connection's socket, and the socket that is neither yet. */
  private listener: string | null = null;
  private conn: string | null = null;
  private lingerZero = new Set<string>();
  private shutWr = false;
  steps = 0;

  constructor(private readonly lineNo: () => number) {}

  step(input: Input, result?: ResultPattern): ScenarioStep {
    const s: ScenarioStep = { line: this.lineNo(), input, expect: {}, lines: {} };
    if (result) {
      s.expect.result = result;
      s.lines.result = s.line;
    }
    this.items.push({ step: s });
    this.last = s;
    this.steps++;
    return s;
  }

  /** Time passes to `t`: a wait step, which what the kernel sends meanwhile is expected of. */
  advance(t: number | null): void {
    if (t === null || t <= this.now) return;
    this.step({ kind: 'wait', ms: t - this.now });
    this.now = t;
  }

  leaveOut(text: string, reason: string): void {
    this.notes.push({ line: this.lineNo(), text, reason });
    this.items.push({ comment: `line ${this.lineNo()} not converted (${reason}): ${text}` });
  }

  note(text: string): void {
    this.items.push({ comment: text });
  }

  outbound(ws: string[]): void {
    if (!this.last) throw new LineError('a packet from the kernel before anything was done');
    const e = this.last.expect;
    (e.segments ??= []).push(parseOutbound(ws));
    this.last.lines.segments ??= this.lineNo();
  }

  inbound(ws: string[]): void {
    const dropped: string[] = [];
    const kept = ws.map((w, i) => {
      if (i === 0 || !w.startsWith('<')) return w;
      const opts = w
        .slice(1, -1)
        .split(',')
        .map((o) => o.trim());
      const mss = opts.find((o) => /^mss \d+$/.test(o));
      for (const o of opts) if (o !== mss && o !== 'nop') dropped.push(o);
      return mss ? `<${mss}>` : '';
    });
    if (dropped.length)
      this.note(`line ${this.lineNo()}: options left out (the model covers MSS only): ${dropped.join(', ')}`);
    this.step({ kind: 'segment', segment: parseInbound(kept.filter((w) => w !== '')) });
  }

  /** A system call, as the RFC user call the linux adapter makes it with, or a note why there is none. */
  syscall(text: string): void {
    const m = SYSCALL.exec(text);
    if (!m) return this.leaveOut(text, 'not a system call packetdrill writes as name(...) = result');
    const [, name, args, ret, errno] = m;
    const fd = args.split(',')[0].trim();
    const failed = ret.startsWith('-');
    const answer = (call: string, ok: ResultPattern = { ok: true }): ResultPattern | undefined => {
      if (ret === '...') return undefined;
      if (!failed) return ok;
      const e = errno ? errorOf(errno, call, this.shutWr) : null;
      return e ? { ok: false, error: e } : undefined;
    };
    switch (name) {
      case 'socket':
        if (!/SOCK_STREAM/.test(args)) return this.leaveOut(text, 'only TCP sockets (SOCK_STREAM)');
        return this.note(`line ${this.lineNo()}: ${text} (the adapter's own socket)`);
      case 'fcntl':
      case 'bind':
        return this.note(`line ${this.lineNo()}: ${text} (the adapter does the same)`);
      case 'setsockopt':
        if (/SO_LINGER/.test(args)) {
          if (!/onoff=1,\s*linger=0/.test(args))
            return this.leaveOut(text, 'SO_LINGER other than {onoff=1, linger=0} (ABORT)');
          this.lingerZero.add(fd);
          return this.note(`line ${this.lineNo()}: ${text} (the next close() is ABORT)`);
        }
        if (/SO_REUSEADDR|TCP_NODELAY/.test(args))
          return this.note(`line ${this.lineNo()}: ${text} (the adapter sets it on every socket)`);
        return this.leaveOut(text, 'a socket option the model has no counterpart for');
      case 'listen':
        this.listener = fd;
        this.step({ kind: 'call', call: 'open', mode: 'passive' }, answer('listen'));
        return;
      case 'connect': {
        this.conn = fd;
        if (ret === '0')
          this.note(`line ${this.lineNo()}: a blocking connect() waits for the handshake; OPEN answers at once`);
        const r = errno === 'EINPROGRESS' || ret === '0' ? { ok: true as const } : answer('connect');
        this.step({ kind: 'call', call: 'open', mode: 'active' }, r);
        return;
      }
      case 'accept':
        if (failed) return this.note(`line ${this.lineNo()}: ${text} (nothing to accept yet: no RFC call)`);
        this.conn = ret;
        return this.note(`line ${this.lineNo()}: ${text} (the passive OPEN's connection: no RFC call)`);
      case 'write':
      case 'send': {
        const n = Number(/,\s*(\d+)\s*(?:,[^,]*)?$/.exec(args)?.[1] ?? NaN);
        if (!Number.isInteger(n)) return this.leaveOut(text, 'the length written is not given');
        if (!failed && ret !== '...' && Number(ret) !== n)
          return this.leaveOut(text, 'a partial write: SEND takes all or nothing');
        this.step({ kind: 'call', call: 'send', data: 'x'.repeat(n) }, answer('write'));
        return;
      }
      case 'read':
      case 'recv': {
        let r: ResultPattern | undefined;
        if (ret === '0') r = { ok: false, error: 'connection closing' };
        else if (failed && errno === 'EAGAIN') r = { ok: true, data: '' };
        else r = answer('read');
        this.step({ kind: 'call', call: 'receive' }, r);
        return;
      }
      case 'shutdown':
        if (!/SHUT_WR\b/.test(args)) return this.leaveOut(text, 'only shutdown(SHUT_WR), which is CLOSE');
        this.shutWr = true;
        this.step({ kind: 'call', call: 'close' }, answer('shutdown'));
        return;
      case 'close':
        if (fd === this.listener && this.conn !== null && this.conn !== fd)
          return this.note(`line ${this.lineNo()}: ${text} (the listener, after its connection was accepted)`);
        if (this.lingerZero.has(fd)) this.step({ kind: 'call', call: 'abort' }, answer('close'));
        else if (fd === this.listener) this.step({ kind: 'call', call: 'close' }, answer('close'));
        else this.step({ kind: 'call', call: 'close', mode: 'halfDuplex' }, answer('close'));
        return;
    }
    this.leaveOut(text, `${name}() has no RFC user call`);
  }

  render(head: readonly string[]): string {
    const out = [...head];
    let wait = '';
    for (const it of this.items) {
      if ('comment' in it) {
        out.push(`# ${it.comment}`);
        continue;
      }
      const lines = stepLines(it.step);
      // A bare wait reads best on the line of what follows it, as packetdrill writes it: "+0.01 < . 1:1(0) ...".
      if (it.step.input.kind === 'wait' && lines.length === 1 && !wait) {
        wait = lines[0];
        continue;
      }
      if (wait) lines[0] = `${wait} ${lines[0]}`;
      wait = '';
      out.push(...lines);
    }
    if (wait) out.push(wait);
    return out.join('\n') + '\n';
  }
}

/** Block comments out, keeping line numbers. */
const uncommented = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));

export function importPacketdrill(text: string, file: string, profile = 'linux'): Imported {
  let n = 0;
  const c = new Converter(() => n);
  const lines = uncommented(text).split('\n');
  for (n = 1; n <= lines.length; n++) {
    const raw = lines[n - 1].replace(/\/\/.*$/, '').trim();
    if (raw === '') continue;
    try {
      const sp = raw.indexOf(' ');
      if (sp < 0) {
        c.leaveOut(raw, 'no time and event');
        continue;
      }
      const time = raw.slice(0, sp);
      const event = raw.slice(sp + 1).trim();
      const t = timeOf(time, c.now);
      if (t === null) c.note(`line ${n}: time "*" (any time) is taken as "now"`);
      c.advance(t);
      // `true` does nothing: exported scripts end a wait with it.
      if (event === '`true`') c.note(`line ${n}: ${event} (does nothing: marks the time)`);
      else if (event.startsWith('`')) c.leaveOut(event, 'a shell command');
      else if (event.startsWith('<') || event.startsWith('>')) {
        const ws = words(event);
        if (ws[1] !== undefined && /[EWU]/.test(ws[1]))
          c.leaveOut(event, 'ECN or URG flags, which the model does not cover');
        else if (event.startsWith('<')) c.inbound(ws);
        else c.outbound(ws);
      } else c.syscall(event);
    } catch (e) {
      if (!(e instanceof LineError)) throw e;
      c.leaveOut(raw, e.message);
    }
  }
  const head = [
    `# Imported by tcpconform import-packetdrill from ${file}`,
    '# Calls are RFC 9293 user calls, as the linux adapter makes them (CLOSE is shutdown(SHUT_WR), close() is',
    "# CLOSE half-duplex, SO_LINGER 0 then close() is ABORT). Inbound SEQ counts from the tester's ISS, outbound",
    "# SEQ from the kernel's, as in packetdrill.",
    `scenario ${quote(file.replace(/^.*\//, ''))}`,
    `profile ${profile}`,
    '',
  ];
  return { text: c.render(head), notes: c.notes, steps: c.steps };
}
