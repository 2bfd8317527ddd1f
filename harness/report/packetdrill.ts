// A counterexample found on the Linux kernel as a packetdrill script (github.com/google/packetdrill), so that a
// kernel engineer can run it with the tool they know. The script plays the run as the linux adapter played it
// (non-blocking sockets with TCP_NODELAY; CLOSE is shutdown(SHUT_WR), ABORT is SO_LINGER 0 and close()), and
// at the step that diverged it states what the model expected: packetdrill then stops at that line on a kernel
// that does what this one did. What the kernel did there is written beside it as a comment.
//
// Sequence numbers follow packetdrill's convention: the remote end's (ours) as if its ISN were 0, the kernel's
// relative to its own ISN. Times are absolute, from the run's clock (time passes in waits only); what the
// kernel sent during a wait may come at any time within it (a time range).
import { ConcreteInput } from '../../models/input';
import { CallError, CallResult } from '../../models/observation';
import { ACK, SYN, Segment, SegmentJson, segmentFromJson } from '../../models/segment';
import { flagsText } from '../scenario/text';
import { ConcreteInputJson, Counterexample, ObservationJson, OutcomeJson, concreteFromJson } from '../counterexample';

/** The listen() backlog of the linux adapter's passive OPEN (adapters/linux/adapter.ts). */
const BACKLOG = 16;
/** How much a RECEIVE asks for: the linux adapter reads what is on hand. */
const READ_SIZE = 65536;

const u32 = (x: number) => x >>> 0;

/** The errno a call answers with for an RFC error, as the linux adapter reads it back (its callError). */
function errnoOf(call: string, e: CallError, errno?: string): string {
  // The errno the profile or the kernel named, where one is known; else the one callError reads back as `e`.
  if (errno && ERRNO_TEXT[errno]) return `${errno} (${ERRNO_TEXT[errno]})`;
  switch (e) {
    case 'connection refused':
      return 'ECONNREFUSED (Connection refused)';
    case 'connection reset':
      return call === 'write' ? 'EPIPE (Broken pipe)' : 'ECONNRESET (Connection reset by peer)';
    case 'connection closing':
      return 'EPIPE (Broken pipe)';
    case 'connection does not exist':
      return 'ENOTCONN (Transport endpoint is not connected)';
    case 'connection already exists':
      return call === 'listen' ? 'EINVAL (Invalid argument)' : 'EISCONN (Transport endpoint is already connected)';
    case 'foreign socket unspecified':
      return 'EPIPE (Broken pipe)';
    case 'insufficient resources':
      return 'EAGAIN (Resource temporarily unavailable)';
  }
}

/** strerror() of the errnos a profile names. */
const ERRNO_TEXT: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  ECONNRESET: 'Connection reset by peer',
  EPIPE: 'Broken pipe',
  ETIMEDOUT: 'Connection timed out',
  ENOTCONN: 'Transport endpoint is not connected',
  EBADF: 'Bad file descriptor',
  EISCONN: 'Transport endpoint is already connected',
  EADDRINUSE: 'Address already in use',
  EINVAL: 'Invalid argument',
  EAGAIN: 'Resource temporarily unavailable',
};

const seconds = (ms: number) => (ms / 1000).toFixed(3);

class Script {
  readonly lines: string[] = [];
  private nextFd = 3;
  /** The application's socket, and whether it is still the listener. */
  private app: number | null = null;
  private listening = false;
  private accepted = false;
  /** The kernel's ISN, once one of its SYNs has been seen (or is expected). */
  iss: number | null = null;
  nowMs = 0;
  /** The model's state before the input being written. */
  stateBefore = 'Closed';
  /** Steps that packetdrill cannot say, named in the header. */
  readonly unsaid: string[] = [];

  constructor(
    readonly peerIss: number,
    iss: number | null,
  ) {
    this.iss = iss;
  }

  at(line: string): void {
    this.lines.push(`${seconds(this.nowMs).padStart(8)} ${line}`);
  }

  comment(text: string): void {
    this.lines.push(`// ${text}`);
  }

  private theirs(seq: number): number {
    return u32(seq - this.peerIss);
  }

  private ours(seq: number): number {
    return this.iss === null ? u32(seq) : u32(seq - this.iss);
  }

  /** A segment as a packetdrill packet line (without its time). */
  packet(s: Segment, fromKernel: boolean): string | null {
    const start = fromKernel ? this.ours(s.seq) : this.theirs(s.seq);
    const len = s.data.length;
    if (start + len > 0xffffffff) return null; // packetdrill writes start:end(len) without wrapping
    let line = `${fromKernel ? '>' : '<'} ${flagsText(s.ctl)} ${start}:${start + len}(${len})`;
    if (s.ctl & ACK) line += ` ack ${fromKernel ? this.theirs(s.ack) : this.ours(s.ack)}`;
    if (!fromKernel) {
      line += ` win ${s.wnd}`;
      const opts = [s.mss !== undefined ? `mss ${s.mss}` : '', s.wscale !== undefined ? `nop,wscale ${s.wscale}` : '']
        .filter((x) => x)
        .join(',');
      if (opts) line += ` <${opts}>`;
    } else line += ' <...>'; // the kernel's options (timestamps, SACK-permitted) are not what is checked here
    return line;
  }

  send(s: Segment): void {
    const p = this.packet(s, false);
    if (p) this.at(p);
    else this.unsay(`a segment at sequence ${s.seq} whose octets wrap past 2^32`);
  }

  unsay(what: string): void {
    this.unsaid.push(what);
    this.comment(`(not said in packetdrill: ${what})`);
  }

  /** The kernel's segments after an input at the current time, or during the wait that just ended. */
  expectFromKernel(segments: readonly Segment[], waitedMs: number | null): void {
    for (const s of segments) {
      if (s.ctl & SYN && this.iss === null) this.iss = s.seq;
      const p = this.packet(s, true);
      if (!p) {
        this.unsay(`a kernel segment at ${s.seq} whose octets wrap past 2^32`);
        continue;
      }
      if (waitedMs === null) this.at(p);
      else this.lines.push(`${seconds(this.nowMs - waitedMs)}~${seconds(this.nowMs)} ${p}`);
    }
  }

  private newSocket(): number {
    const fd = this.nextFd++;
    this.at(`socket(..., SOCK_STREAM, IPPROTO_TCP) = ${fd}`);
    this.at(`fcntl(${fd}, F_SETFL, O_RDWR|O_NONBLOCK) = 0`);
    this.at(`setsockopt(${fd}, IPPROTO_TCP, TCP_NODELAY, [1], 4) = 0`);
    this.at(`setsockopt(${fd}, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0`);
    this.at(`bind(${fd}, ..., ...) = 0`);
    return fd;
  }

  /** A user call as the linux adapter makes it, answered as `result` says. */
  call(input: Extract<ConcreteInput, { kind: 'call' }>, result: CallResult | undefined): void {
    const r = (sys: string, ok: string) =>
      result === undefined || result.ok ? ok : `-1 ${errnoOf(sys, result.error, result.errno)}`;
    const fd = this.app;
    switch (input.call) {
      case 'open':
        if (fd !== null && this.stateBefore === 'Closed' && !this.listening) {
          // The connection of this socket has ended: the adapter makes a new socket for the new connection.
          this.at(`close(${fd}) = 0`);
          this.app = null;
        } else if (fd !== null) {
          // OPEN on a socket in use: the adapter asks the kernel with the same call again.
          if (input.mode === 'passive') this.at(`listen(${fd}, ${BACKLOG}) = ${r('listen', '0')}`);
          else this.at(`connect(${fd}, ..., ...) = ${r('connect', '0')}`);
          return;
        }
        this.app = this.newSocket();
        this.accepted = false;
        if (input.mode === 'passive') {
          this.at(`listen(${this.app}, ${BACKLOG}) = ${r('listen', '0')}`);
          this.listening = true;
        } else this.at(`connect(${this.app}, ..., ...) = -1 EINPROGRESS (Operation now in progress)`);
        return;
      case 'send':
        if (fd === null) return this.unsay('SEND without a socket');
        this.at(`write(${fd}, ..., ${input.data.length}) = ${r('write', String(input.data.length))}`);
        return;
      case 'receive': {
        if (fd === null) return this.unsay('RECEIVE without a socket');
        const got =
          result === undefined
            ? '...'
            : result.ok
              ? result.data
                ? String(result.data.length)
                : '-1 EAGAIN (Resource temporarily unavailable)'
              : result.error === 'connection closing' && (result.errno ?? 'EOF') === 'EOF'
                ? '0'
                : `-1 ${errnoOf('read', result.error, result.errno)}`;
        this.at(`read(${fd}, ..., ${READ_SIZE}) = ${got}`);
        return;
      }
      case 'close':
        if (fd === null) return this.unsay('CLOSE without a socket');
        if (input.mode === 'halfDuplex' || this.listening) {
          this.at(`close(${fd}) = 0`);
          this.app = null;
        } else this.at(`shutdown(${fd}, SHUT_WR) = ${r('shutdown', '0')}`);
        return;
      case 'abort':
        if (fd === null) return this.unsay('ABORT without a socket');
        this.at(`setsockopt(${fd}, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0`);
        this.at(`close(${fd}) = 0`);
        this.app = null;
        return;
    }
  }

  /** After an input the adapter hands a connection the listener accepted to the application. */
  acceptIfReady(state: string): void {
    if (!this.listening || this.accepted || this.app === null) return;
    if (state === 'Listen' || state === 'SynReceived' || state === 'Closed') return;
    const fd = this.nextFd++;
    this.at(`accept(${this.app}, ..., ...) = ${fd}`);
    this.at(`close(${this.app}) = 0`);
    this.app = fd;
    this.listening = false;
    this.accepted = true;
  }
}

/** The expected outcome the report blames: the one whose last rule is the rule at fault. */
function blamed(cx: Counterexample): OutcomeJson | undefined {
  const e = cx.divergence.expected;
  return e.find((o) => o.rules[o.rules.length - 1] === cx.divergence.rule) ?? e[0];
}

const segmentsOf = (o: { segments: SegmentJson[] }): Segment[] => o.segments.map(segmentFromJson);

function describe(o: ObservationJson | OutcomeJson): string {
  const segs = o.segments.map((s) => `<SEQ=${s.seq}>${s.ack !== undefined ? `<ACK=${s.ack}>` : ''}<CTL=${s.ctl}>`);
  const res = o.result
    ? o.result.ok
      ? ` [ok${o.result.data ? ` "${o.result.data}"` : ''}]`
      : ` [${o.result.error}${o.result.errno ? ` (${o.result.errno})` : ''}]`
    : '';
  return `${o.state ?? '?'}${segs.length ? ' sending ' + segs.join(' ') : ', sending nothing'}${res}`;
}

/** The kernel did what the model expected, segments and answer alike, in another state. */
function stateOnly(cx: Counterexample, expected: OutcomeJson | undefined): boolean {
  const o = cx.divergence.observed;
  if (!expected || o.state === undefined || o.state === expected.state) return false;
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return same(o.segments, expected.segments) && same(o.result, expected.result);
}

function extraNote(cx: Counterexample, expected: OutcomeJson | undefined): string {
  if (stateOnly(cx, expected))
    return '// The kernel departs in its state alone, which packetdrill does not see: the script passes.';
  return cx.divergence.observed.segments.length > (expected?.segments.length ?? 0)
    ? '// While the kernel departs, the script passes: its last expectations are what the kernel sent instead.'
    : '// While the kernel departs, packetdrill stops after the comment "The step that diverged".';
}

/** The packetdrill script of a counterexample with a recorded run; null for one without (an older file). */
export function counterexamplePkt(cx: Counterexample): string | null {
  if (!cx.trace || !cx.sent) return null;
  const steps: { input: ConcreteInputJson; observed: ObservationJson; state?: string }[] = cx.trace;
  const expected = blamed(cx);
  const allKernel = [...steps.flatMap((s) => s.observed.segments), ...(expected?.segments ?? [])].map(segmentFromJson);
  const syn = allKernel.find((s) => s.ctl & SYN);
  const script = new Script(cx.peerIss, syn ? syn.seq : null);
  const play = (input: ConcreteInput, observed: { segments: SegmentJson[]; result?: CallResult }) => {
    let waited: number | null = null;
    if (input.kind === 'wait') {
      script.nowMs += input.ms;
      waited = input.ms;
    } else if (input.kind === 'segment') script.send(input.segment);
    else script.call(input, observed.result);
    script.expectFromKernel(segmentsOf(observed), waited);
  };
  for (const s of steps) {
    const input = concreteFromJson(s.input);
    play(input, s.observed);
    if (s.state) {
      script.acceptIfReady(s.state);
      script.stateBefore = s.state;
    }
  }
  const last = concreteFromJson(cx.sent);
  script.comment(`The step that diverged: rule ${cx.divergence.rule} (${cx.divergence.citation}).`);
  script.comment(`The model expected ${expected ? describe(expected) : 'something else'};`);
  script.comment(`the kernel was seen in ${describe(cx.divergence.observed)}.`);
  if (expected) play(last, expected);
  const extra = cx.divergence.observed.segments.length > (expected?.segments.length ?? 0);
  if (extra) {
    // packetdrill cannot say "and nothing else is sent": what this kernel sent beyond the expected is written as
    // expected, so this script passes while the kernel departs, and fails at that line once it stops.
    script.comment('packetdrill cannot expect silence: the next lines are what this kernel sent beyond what the');
    script.comment('model allows, so the script passes while the kernel departs and fails here once it conforms.');
    const beyond = segmentsOf(cx.divergence.observed).slice(expected?.segments.length ?? 0);
    script.expectFromKernel(beyond, last.kind === 'wait' ? last.ms : null);
  }
  if (stateOnly(cx, expected))
    script.comment(
      `packetdrill sees segments and call answers, not states: here the kernel departs in its state alone.`,
    );
  if (last.kind === 'wait') script.at('`true`'); // the end of the wait, for a script that ends in one
  const head = [
    `// tcpconform counterexample: ${cx.adapter}, profile ${cx.profile}, seed ${cx.seed}${cx.path ? `, path ${cx.path}` : ''}`,
    `// ${cx.file ? `from ${cx.file}; ` : ''}run it as root in a network namespace of its own, e.g.`,
    `//   unshare -n sh -c 'ip link set lo up && packetdrill --tolerance_usecs=20000 THIS.pkt'`,
    extraNote(cx, blamed(cx)),
    ...(script.unsaid.length
      ? [`// Not said in packetdrill, so the script may stop earlier: ${script.unsaid.join('; ')}.`]
      : []),
    '',
  ];
  return [...head, ...script.lines, ''].join('\n');
}

/** The packetdrill script beside a counterexample file: the same name, ending .pkt. */
export const pktFileOf = (counterexampleFile: string): string => counterexampleFile.replace(/(\.json)?$/, '.pkt');
