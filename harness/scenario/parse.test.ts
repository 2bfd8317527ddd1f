// The scenario format (docs/scenarios.md): what each line means, and one clear line for every mistake.
import { ACK, FIN, PSH, RST, SYN } from '../../models/segment';
import { BadScenario, parseScenario } from './parse';
import { scenarioText } from './text';

const parse = (text: string) => parseScenario(text, 'x.tcs');
const failure = (text: string) => {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof BadScenario) return e.message;
    throw e;
  }
  throw new Error('parsed');
};

describe('scenario lines', () => {
  test('headers set the title, profile, tester ISS and run seed', () => {
    const sc = parse('scenario "t"\nprofile rfc793\npeer-iss 300\nseed 7\nOPEN active\n');
    expect([sc.title, sc.profile, sc.peerIss, sc.seed]).toEqual(['t', 'rfc793', 300, 7]);
  });

  test('the RFC user calls, with answers in RFC 9293 words', () => {
    const sc = parse(
      'OPEN passive = ok\nSEND "hi" = "connection closing"\nRECEIVE = ok "abc"\nCLOSE\nCLOSE half-duplex\nABORT\n',
    );
    expect(sc.steps.map((s) => s.input)).toEqual([
      { kind: 'call', call: 'open', mode: 'passive' },
      { kind: 'call', call: 'send', data: 'hi' },
      { kind: 'call', call: 'receive' },
      { kind: 'call', call: 'close' },
      { kind: 'call', call: 'close', mode: 'halfDuplex' },
      { kind: 'call', call: 'abort' },
    ]);
    expect(sc.steps.slice(0, 3).map((s) => s.expect.result)).toEqual([
      { ok: true },
      { ok: false, error: 'connection closing' },
      { ok: true, data: 'abc' },
    ]);
  });

  test("an inbound segment counts SEQ from the tester's ISS and ACK from the IUT's, as packetdrill does", () => {
    const [s] = parse('< S. 5:5(0) ack 1 win 1000 <mss 536>\n').steps;
    expect(s.input).toEqual({
      kind: 'segment',
      segment: {
        ctl: SYN | ACK,
        seq: { from: 'peerIss', delta: 5 },
        ack: { from: 'iss', delta: 1 },
        wnd: 1000,
        mss: 536,
      },
    });
  });

  test('named points of the sequence space: rcv.nxt, wnd.edge, snd.nxt, snd.una', () => {
    const [a, b] = parse('< P. rcv.nxt-1:rcv.nxt+2(3) ack snd.una data "abc"\n< R wnd.edge:wnd.edge(0)\n').steps;
    expect(a.input).toEqual({
      kind: 'segment',
      segment: { ctl: PSH | ACK, seq: { from: 'rcvNxt', delta: -1 }, ack: { from: 'sndUna', delta: 0 }, data: 'abc' },
    });
    expect(b.input).toEqual({ kind: 'segment', segment: { ctl: RST, seq: { from: 'rcvWndEdge', delta: 0 } } });
  });

  test('text without data "..." is that many octets of filler', () => {
    const [s] = parse('< . 1:4(3) ack 1\n').steps;
    expect(s.input.kind === 'segment' && s.input.segment.data).toBe('xxx');
  });

  test('expectations attach to the step before them; "+T" waits T seconds first', () => {
    const sc = parse('OPEN active\n  > S 0:0(0)\n  state SYN-SENT\n+1.5 > S 0:0(0)\n+0.25\n  state CLOSED\n');
    expect(sc.steps.map((s) => s.input)).toEqual([
      { kind: 'call', call: 'open', mode: 'active' },
      { kind: 'wait', ms: 1500 },
      { kind: 'wait', ms: 250 },
    ]);
    expect(sc.steps[0].expect).toEqual({ segments: [{ ctl: SYN, seq: 0, len: 0 }], state: 'SynSent' });
    expect(sc.steps[0].lines).toEqual({ segments: 2, state: 3 });
    expect(sc.steps[1].expect.segments).toEqual([{ ctl: SYN, seq: 0, len: 0 }]);
    expect(sc.steps[2].expect.state).toBe('Closed');
  });

  test('outbound wildcards, "> none", signals; PSH, windows and options are not compared', () => {
    const sc = parse(
      'OPEN passive\n< S 0:0(0)\n  > S. *:*(0) ack 1 win 29200 <mss 1460,sackOK>\n' +
        '< F. 1:1(0) ack snd.nxt\n  > FP. * ack *\n  signal "connection closing"\n< . 2:2(0) ack snd.nxt\n  > none\n  signals none\n',
    );
    expect(sc.steps[1].expect.segments).toEqual([{ ctl: SYN | ACK, seq: '*', len: 0, ack: 1 }]);
    expect(sc.steps[2].expect).toEqual({
      segments: [{ ctl: FIN | ACK, seq: '*', len: '*', ack: '*' }],
      signals: ['connection closing'],
    });
    expect(sc.steps[3].expect).toEqual({ segments: [], signals: [] });
  });

  test('comments with # or //, and # inside a string is text', () => {
    const sc = parse('// a comment\nSEND "a#b"   # the text is a#b\n');
    expect(sc.steps[0].input).toEqual({ kind: 'call', call: 'send', data: 'a#b' });
  });

  test('written back as text, a scenario reads the same', () => {
    const text =
      'scenario "round trip"\npeer-iss 300\nOPEN active = ok\n  > S 0:0(0)\n< S. 0:0(0) ack 1 win 100\n' +
      '  > . 1:1(0) ack 1\n  state ESTABLISHED\n+0.2\n< P. rcv.nxt:rcv.nxt+2(2) ack snd.nxt data "hi"\n' +
      'RECEIVE = ok "hi"\nCLOSE\n  > F. 1:1(0) ack 3\n  signals none\n';
    const sc = parse(text);
    const again = parse(scenarioText(sc));
    const strip = (s: typeof sc) => ({ ...s, steps: s.steps.map(({ input, expect }) => ({ input, expect })) });
    expect(strip(again)).toEqual(strip(sc));
  });
});

describe('mistakes: FILE:LINE and what is wrong', () => {
  test.each([
    ['OPEN sideways\n', 'x.tcs:1: OPEN is "OPEN passive" or "OPEN active"'],
    ['OPEN active\n< X 0:0(0)\n', 'x.tcs:2: flag "X" in "X" is not one the model covers'],
    ['< S 0:1(0)\n', 'x.tcs:1: 0:1(0): the end must be the start plus the length (0)'],
    ['< S. 0:0(0)\n', 'x.tcs:1: a segment with ACK (".") needs "ack N"'],
    ['< S 0:0(0) <mss 1460,sackOK>\n', 'x.tcs:1: option list <mss 1460,sackOK>: only <mss N> can be sent'],
    ['> S 0:0(0)\n', 'x.tcs:1: ">" expects what a step does, but no step comes before it'],
    ['OPEN active\n  state HALF-OPEN\n', 'x.tcs:2: "state" needs one of the RFC\'s state names'],
    ['RECEIVE = "it broke"\n', 'x.tcs:1: "it broke" is not one of RFC 9293\'s error answers'],
    ['0.1 OPEN active\n', 'x.tcs:1: times in a scenario are relative: write +0.1'],
    ['OPEN active\npeer-iss 5\n', 'x.tcs:2: "peer-iss" belongs before the first step'],
    ['SEND "open\n', 'x.tcs:1: a string is not closed'],
    ['# nothing\n', 'x.tcs: no steps'],
  ])('%j', (text, message) => {
    expect(failure(text)).toContain(message);
  });
});
