import { MODEL_CAPABILITIES } from '../adapters/model/adapter';
import { ConcreteInput } from '../models/input';
import { linux } from '../models/profiles/linux';
import { lwip } from '../models/profiles/lwip';
import { rfc9293 } from '../models/profiles/rfc9293';
import { ACK, FIN, RST, SYN, Segment } from '../models/segment';
import { Tcb, closedTcb } from '../models/tcb';
import { ackPosition, gridCells, gridReport, inputCells, seqPosition, waitCells } from './grid';

/** ESTABLISHED with RCV.NXT 1000 and a window of 100; SND.UNA 500 with 10 octets in flight; MAX.SND.WND 300. */
const established = (): Tcb => ({
  ...closedTcb(),
  state: 'Established',
  rcvNxt: 1000,
  rcvWnd: 100,
  sndUna: 500,
  sndNxt: 510,
  maxSndWnd: 300,
});
const seg = (ctl: number, seq: number, ack = 0, data = ''): Segment => ({ ctl, seq, ack, wnd: 8192, data });

describe('where SEG.SEQ lies against the receive window (RFC 9293 §3.4)', () => {
  const t = established();
  test.each([
    [997, 'below'],
    [998, 'rcvNxt-2'],
    [999, 'rcvNxt-1'],
    [1000, 'rcvNxt'],
    [1050, 'inside'],
    [1099, 'lastOctet'],
    [1100, 'rightEdge'],
    [1101, 'beyond'],
  ])('SEQ=%i with RCV.NXT=1000, RCV.WND=100 is %s', (seq, where) => {
    expect(seqPosition(t, seq)).toBe(where);
  });
  test('a sequence number far below, across the wrap of 2^32, is still below', () => {
    expect(seqPosition({ ...t, rcvNxt: 5 }, 0xfffffff0)).toBe('below');
  });
});

describe('where SEG.ACK lies in the send space (RFC 9293 §3.10.7.4; RFC 5961 §5)', () => {
  const t = established();
  test.each([
    [199, 'belowWindow'], // below SND.UNA - MAX.SND.WND = 200
    [200, 'old'],
    [499, 'old'],
    [500, 'sndUna'],
    [505, 'between'],
    [510, 'sndNxt'],
    [511, 'sndNxt+1'],
    [600, 'beyond'],
  ])('ACK=%i with SND.UNA=500, SND.NXT=510, MAX.SND.WND=300 is %s', (ack, where) => {
    expect(ackPosition(t, ack)).toBe(where);
  });
  test('with nothing in flight, an ACK of SND.UNA acknowledges everything: it counts as SND.NXT', () => {
    expect(ackPosition({ ...t, sndUna: 510 }, 510)).toBe('sndNxt');
  });
});

describe('the cells an input falls into', () => {
  test('a segment: its control bits and text, its SEQ, and with ACK its ACK', () => {
    expect(inputCells(established(), { kind: 'segment', segment: seg(ACK | FIN, 1099, 505, 'x') }, null)).toEqual([
      'Established#ctl.ACK,FIN+text',
      'Established#seq.lastOctet',
      'Established#ack.between',
    ]);
  });
  test('before the peer’s SYN there is no RCV.NXT, and before the ISS no send space: only the control bits count', () => {
    expect(inputCells(closedTcb(), { kind: 'segment', segment: seg(SYN | ACK | RST, 7, 9) }, null)).toEqual([
      'Closed#ctl.SYN,ACK,RST',
    ]);
  });
  test('a call, and the same call made twice in a row', () => {
    const close: ConcreteInput = { kind: 'call', call: 'close' };
    expect(inputCells(established(), close, null)).toEqual(['Established#call.close']);
    expect(inputCells({ ...established(), state: 'FinWait1' }, close, close)).toEqual([
      'FinWait1#call.close',
      '*#call.close.twice',
    ]);
  });
  test('a wait: each step of the back-off it reached, counted on from the retransmissions before it', () => {
    const t = { ...established(), rtxCount: 2 };
    const rules = ['timeout.retransmission', 'timeout.retransmission', 'timeout.delayedAck'];
    expect(waitCells(t, rules, rfc9293)).toEqual(['*#wait.rtx.3', '*#wait.rtx.4', '*#wait.delayedAck']);
    expect(waitCells({ ...t, state: 'SynSent', rtxCount: 0 }, ['timeout.retransmission'], rfc9293)).toEqual([
      '*#wait.synRtx.1',
    ]);
  });
});

describe('the grid of a check', () => {
  const caps = MODEL_CAPABILITIES;
  test('every state has the 16 combinations of SYN, ACK, RST and FIN, with and without text', () => {
    const cells = gridCells(rfc9293, caps, false, 1000).filter((c) => c.key.startsWith('TimeWait#ctl.'));
    expect(cells).toHaveLength(32);
  });
  test('positions that cannot exist in a state are unreachable, each with its reason', () => {
    const cells = new Map(gridCells(rfc9293, caps, false, 1000).map((c) => [c.key, c.unreachable]));
    expect(cells.get('Listen#seq.rcvNxt')).toMatch(/RCV\.NXT/);
    expect(cells.get('Closed#ack.sndNxt')).toMatch(/ISS/);
    expect(cells.get('FinWait2#ack.between')).toMatch(/nothing is in flight/);
    expect(cells.get('Established#ack.between')).toBeNull();
  });
  test('a profile with a retransmission limit has that many steps of the back-off; the RFC’s follow 8', () => {
    const steps = (p: typeof lwip) =>
      gridCells(p, caps, false, 1000).filter((c) => /^\*#wait\.rtx\.\d+$/.test(c.key)).length;
    expect(steps(lwip)).toBe(lwip.params.maxRetransmissions!.data);
    expect(steps(rfc9293)).toBe(8);
  });
  test('on a real clock without --slow, timers that take longer than a wait are out of reach', () => {
    const real = { ...caps, clock: 'real' as const };
    const cells = new Map(gridCells(linux, real, false, 1000).map((c) => [c.key, c.unreachable]));
    expect(cells.get('*#wait.timeWait')).toMatch(/--slow/);
    expect(cells.get('*#wait.synRtx.2')).toMatch(/2nd retransmission/);
    expect(new Map(gridCells(linux, real, true, 1000).map((c) => [c.key, c.unreachable])).get('*#wait.timeWait')).toBe(
      null,
    );
  });
  test('the report counts reached cells against the reachable ones only', () => {
    const r = gridReport(new Map([['Established#ctl.ACK', 3]]), rfc9293, caps, false, 1000);
    expect(r.covered).toBe(1);
    expect(r.states.Established.missing).not.toContain('ctl.ACK');
    expect(r.states.Established.missing).toContain('ctl.ACK+text');
    expect(r.reachable).toBe(gridCells(rfc9293, caps, false, 1000).filter((c) => c.unreachable === null).length);
  });
});
