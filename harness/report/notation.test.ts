// The counterexample figure, drawn from divergences built by hand: what the expected lines show, how long its
// lines get, and where a call's answer goes.
import { ConcreteInput } from '../../models/input';
import { State } from '../../models/state';
import { SegmentJson } from '../../models/segment';
import { Counterexample, ObservationJson, OutcomeJson } from '../counterexample';
import { DrawnStep, PairDrawnStep, counterexampleLines, divergedLine, pairTraceLines, traceLines } from './notation';

const synAck: SegmentJson = { seq: 6510, ack: 4294967294, ctl: 'SYN,ACK', wnd: 8192, mss: 1460, wscale: 7 };
const wait: ConcreteInput = { kind: 'wait', ms: 400000 };

function outcome(state: OutcomeJson['state'], segments: SegmentJson[], extra: Partial<OutcomeJson> = {}): OutcomeJson {
  return { state, segments, signals: [], rules: ['timeout.retransmission'], ...extra };
}

function divergence(expected: OutcomeJson[], observed: ObservationJson): Counterexample {
  return {
    tcpconform: 1,
    adapter: 'process',
    profile: 'rfc9293',
    seed: 1,
    peerIss: 4294967293,
    runSeed: 7,
    inputs: [{ kind: 'wait', ms: 400000 }],
    divergence: {
      index: 0,
      stateBefore: 'SynReceived',
      expected,
      observed,
      rule: 'timeout.retransmission',
      citation: 'RFC 6298 §5',
    },
  };
}

const copies = (n: number) => Array.from({ length: n }, () => synAck);
/** The lines under the figure's rows: expected, or, observed. */
const outcomeLinesOf = (lines: string[]) =>
  lines.filter((l) => /^\s+(expected|or|observed) /.test(l) || /^ {20,}</.test(l));

describe('expected outcomes show only what the harness compares with what the IUT reports', () => {
  // An IUT that reports neither its state nor signals (a process adapter saying so in its hello).
  const blind = { state: false, signals: false };
  const cx = divergence(
    [
      outcome('SynReceived', copies(1)),
      outcome('Closed', copies(1), { signals: ['connection aborted due to user timeout'] }),
    ],
    { segments: [] },
  );
  const lines = counterexampleLines(cx, [], wait, 'npx tcpconform replay x.json', blind);

  test('no signal is expected of an adapter that does not report signals', () => {
    expect(outcomeLinesOf(lines).join('\n')).not.toMatch(/signal:/);
  });

  test("no MSS or window-scale option is expected: options are the IUT's own choice and never compared", () => {
    expect(
      outcomeLinesOf(lines)
        .filter((l) => !/observed/.test(l))
        .join('\n'),
    ).not.toMatch(/<MSS=|<WS=/);
  });

  test('no state is expected of an IUT that reports none; outcomes then the same are drawn once', () => {
    const expected = outcomeLinesOf(lines).filter((l) => !/observed/.test(l));
    expect(expected).toEqual(['     expected sending <SEQ=6510><ACK=4294967294><CTL=SYN,ACK>']);
  });

  test('an adapter that reports signals and state sees them among the expected outcomes', () => {
    const all = counterexampleLines(cx, [], wait, 'r', { state: true, signals: true });
    const withState = {
      ...cx,
      divergence: { ...cx.divergence, observed: { segments: [], state: 'Listen' as const, signals: [] } },
    };
    expect(counterexampleLines(withState, [], wait, 'r', { state: true, signals: true }).join('\n')).toMatch(
      /or CLOSED sending <SEQ=6510>.*\[signal: connection aborted due to user timeout\]/,
    );
    expect(all.join('\n')).toMatch(/signal: connection aborted/);
  });
});

describe('retransmission alternatives', () => {
  // RFC 6298 lets the n-th retransmission fire anywhere in its window: after 400 s, 1 to 6 copies are allowed.
  const expected = [1, 2, 3, 4, 5, 6].map((n) => outcome('SynReceived', copies(n)));
  expected.push(outcome('Closed', copies(6), { signals: ['connection aborted due to user timeout'] }));
  const cx = divergence(expected, { state: 'Listen', segments: copies(2), signals: [] });
  const lines = counterexampleLines(cx, [], wait, 'npx tcpconform replay x.json', { state: true, signals: true });

  test('no line of the figure is over 120 characters', () => {
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(120);
  });

  test('alternatives that differ only in the number of copies are one line', () => {
    const alternatives = lines.filter((l) => /^\s+(expected|or) SYN-RECEIVED/.test(l));
    expect(alternatives).toEqual([
      '     expected SYN-RECEIVED sending <SEQ=6510><ACK=4294967294><CTL=SYN,ACK> (1..6 times)',
    ]);
  });

  test('an outcome with many different segments is wrapped at segment boundaries, not cut', () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ seq: 1000 + i, ack: 1, ctl: 'ACK', wnd: 8192, data: 'x' }));
    const wide = counterexampleLines(
      divergence([outcome('Established', many)], { state: 'Established', segments: [] }),
      [],
      wait,
      'r',
    );
    for (const l of wide) expect(l.length).toBeLessThanOrEqual(120);
    const drawn = outcomeLinesOf(wide)
      .filter((l) => !/observed/.test(l))
      .join(' ');
    for (let i = 0; i < 12; i++) expect(drawn).toContain(`<SEQ=${1000 + i}><ACK=1><CTL=ACK><DATA="x">`);
  });
});

describe("a call's answer is on the call's line", () => {
  const open: DrawnStep = {
    concrete: { kind: 'call', call: 'open', mode: 'active' },
    observed: { segments: [{ seq: 100, ack: 0, ctl: 0x02, wnd: 8192, data: '', mss: 1460 }], result: { ok: true } },
    state: 'SynSent',
  };

  test('an active OPEN: [ok] beside (OPEN active), not beside the SYN it sent', () => {
    const lines = traceLines([open]);
    expect(lines.find((l) => l.includes('(OPEN active)'))).toMatch(/\[ok\]$/);
    expect(lines.find((l) => l.includes('<CTL=SYN>'))).not.toMatch(/\[ok\]/);
  });

  test("an error shows the implementation's own errno beside RFC 9293's words, where the adapter reports it", () => {
    const send: DrawnStep = {
      concrete: { kind: 'call', call: 'send', data: 'x' },
      observed: { segments: [], result: { ok: false, error: 'connection reset', errno: 'EPIPE' } },
      state: 'Closed',
    };
    expect(traceLines([send]).find((l) => l.includes('(SEND'))).toMatch(/\[error: connection reset \(EPIPE\)\]$/);
  });

  test('the figure numbers lines, and divergedLine names the line of the input that diverged', () => {
    // CLOSED is line 1, OPEN line 2, its SYN line 3: the second input is drawn on line 4.
    expect(divergedLine([open])).toBe(4);
    const cx = divergence([outcome('SynSent', [])], { segments: [], state: 'Established' });
    const lines = counterexampleLines(cx, [open], wait, 'r');
    expect(lines.find((l) => l.startsWith('  4. '))).toMatch(/\?\?\?\s+\(400000 ms pass\)/);
  });
});

describe('a pair run is drawn in the two columns of RFC 793 §3.4, TCP A on the left and TCP B on the right', () => {
  // RFC 793 Figure 8, the simultaneous open, one event a row: each end's OPEN, then the SYNs crossing.
  const seg = (seq: number, ctl: number, ack = 0) => ({ seq, ack, ctl, wnd: 8192, data: '' });
  const SYN = 0x02;
  const SYN_ACK = 0x12;
  const ACK = 0x10;
  const active: ConcreteInput = { kind: 'call', call: 'open', mode: 'active' };
  type SegmentLike = ReturnType<typeof seg>;
  const arrives = (s: SegmentLike): ConcreteInput => ({ kind: 'segment', segment: s });
  const step = (
    at: 'A' | 'B',
    concrete: ConcreteInput,
    sent: SegmentLike,
    state: State,
    extra = {},
  ): PairDrawnStep => ({
    at,
    concrete,
    observed: { segments: [sent], ...(concrete.kind === 'call' ? { result: { ok: true as const } } : {}) },
    state,
    ...extra,
  });
  const steps: PairDrawnStep[] = [
    step('A', active, seg(100, SYN), 'SynSent'),
    step('B', active, seg(300, SYN), 'SynSent'),
    step('A', arrives(seg(300, SYN)), seg(100, SYN_ACK, 301), 'SynReceived'),
    step('B', arrives(seg(100, SYN)), seg(300, SYN_ACK, 101), 'SynReceived'),
    // A's ACK is lost on the way.
    step('A', arrives(seg(300, SYN_ACK, 101)), seg(101, ACK, 301), 'Established', { lost: [true] }),
  ];
  const lines = pairTraceLines(steps);
  const numbered = (n: number) => lines.find((l) => l.startsWith(`${String(n).padStart(3)}. `))!;

  test('the header names the two ends over their state columns; both start CLOSED', () => {
    expect(lines[0]).toMatch(/^ {5}TCP A +TCP B$/);
    expect(lines[1]).toMatch(/^ {2}1\. CLOSED +CLOSED$/);
    expect(lines[1].lastIndexOf('CLOSED')).toBe(lines[0].indexOf('TCP B'));
    expect(lines[1].indexOf('CLOSED')).toBe(lines[0].indexOf('TCP A'));
  });

  test("a segment an end sends is in the network (...) until it is delivered, each on its end's side", () => {
    // Figure 8 line 2: A's SYN leaves A ...
    expect(numbered(3)).toMatch(/^ {2}3\. SYN-SENT +--> <SEQ=100><CTL=SYN> +\.\.\.$/);
    // ... B's leaves B ...
    expect(numbered(5)).toMatch(/^ {2}5\. +\.\.\. <SEQ=300><CTL=SYN> +<-- SYN-SENT$/);
    // ... and Figure 8 line 4: A's SYN reaches B, which goes to SYN-RECEIVED; A's column is left blank.
    expect(numbered(8)).toMatch(/^ {2}8\. {16}\.\.\. <SEQ=100><CTL=SYN> +--> SYN-RECEIVED$/);
    expect(numbered(6)).toMatch(/^ {2}6\. SYN-RECEIVED +<-- <SEQ=300><CTL=SYN> +\.\.\.$/);
  });

  test("a call on B stands on B's side with its answer; a call on A on A's", () => {
    expect(numbered(2)).toMatch(/^ {2}2\. SYN-SENT +\(OPEN active\) {2}\[ok\]$/);
    expect(numbered(4)).toMatch(/^ {2}4\. {20,}\(OPEN active\) {2}\[ok\] +SYN-SENT$/);
  });

  test('a segment the network lost is drawn XXX at the end it never reached, as RFC 793 §3.4 draws it', () => {
    expect(numbered(11)).toMatch(/^ 11\. ESTABLISHED +--> <SEQ=101><ACK=301><CTL=ACK> +XXX$/);
    expect(lines).toHaveLength(12);
  });
});
