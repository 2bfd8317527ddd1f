// Departures of lwIP 2.1.3 that the input grid (harness/grid.ts) found, each shown on the shim: the inputs the check
// shrank it to conform to the lwip profile under the rule that describes it, and the same inputs diverge from
// rfc9293 at their last step. Skips (printing why) when the shim is not built.
import { fixedSource, runOnce } from '../../harness/check';
import { Input, PeerSegment } from '../../models/input';
import { lwip } from '../../models/profiles/lwip';
import { rfc9293 } from '../../models/profiles/rfc9293';
import { ACK, FIN, RST, SYN } from '../../models/segment';
import { findAdapter } from '../registry';
import { Adapter } from '../types';
import { describeLwip } from './gate';

jest.setTimeout(60_000);

const open = (mode: 'active' | 'passive'): Input => ({ kind: 'call', call: 'open', mode });
const close = (halfDuplex = false): Input => ({
  kind: 'call',
  call: 'close',
  ...(halfDuplex ? { mode: 'halfDuplex' } : {}),
});
const seg = (ctl: number, seq: PeerSegment['seq'], ack?: PeerSegment['ack'], data?: string): Input => ({
  kind: 'segment',
  segment: { ctl, seq, ...(ack ? { ack } : {}), ...(data ? { data } : {}) },
});
const at = (delta = 0): PeerSegment['seq'] => ({ from: 'rcvNxt', delta });
const edge = (delta = 0): PeerSegment['seq'] => ({ from: 'rcvWndEdge', delta });
const syn: Input = seg(SYN, { from: 'peerIss', delta: 0 });
const synAck: Input = seg(SYN | ACK, { from: 'peerIss', delta: 0 }, { from: 'sndNxt', delta: 0 });
const ackNxt = (delta = 0): PeerSegment['ack'] => ({ from: 'sndNxt', delta });

const CASES: { rule: string; what: string; inputs: Input[] }[] = [
  {
    rule: 'rst.seqOnly.dropped',
    what: 'ESTABLISHED: a RST with text one below RCV.NXT is dropped, not challenged',
    inputs: [open('passive'), syn, seg(ACK, at(), ackNxt()), seg(RST, at(-1), undefined, 'grid')],
  },
  {
    rule: 'rst.seqOnly.dropped',
    what: 'CLOSE-WAIT: a SYN,FIN,RST one below RCV.NXT is dropped',
    inputs: [open('active'), synAck, seg(FIN | ACK, at(), ackNxt()), seg(SYN | FIN | RST, at(-1))],
  },
  {
    rule: 'rst.seqOnly.challenged',
    what: 'ESTABLISHED: a FIN,RST at the right edge is challenged',
    inputs: [open('active'), synAck, seg(FIN | RST, edge())],
  },
  {
    rule: 'rst.seqOnly.challenged',
    what: 'SYN-RECEIVED: a RST with text at the right edge is challenged',
    inputs: [open('passive'), syn, seg(RST, edge(), undefined, 'grid')],
  },
  {
    rule: 'synReceived.noAck.ignored',
    what: 'SYN-RECEIVED: an empty segment without ACK below the window gets no ACK',
    inputs: [open('passive'), syn, seg(0, at(-1))],
  },
  {
    rule: 'ack.future.goesOn',
    what: 'FIN-WAIT-1: a FIN acknowledging what was never sent is answered, then taken (CLOSING)',
    inputs: [open('active'), synAck, close(), seg(FIN | ACK, at(), ackNxt(1000))],
  },
];

describeLwip('departures the input grid found, on lwIP', () => {
  let a: Adapter;
  beforeAll(async () => {
    a = await findAdapter('lwip')!.create({ profile: 'lwip' });
  });
  afterAll(async () => a?.dispose());

  test.each(CASES)('$rule — $what', async (c) => {
    const r = await runOnce(a, lwip, fixedSource(c.inputs), 1000, 1, null, true);
    expect(r.divergence).toBeUndefined();
    expect(r.trace.at(-1)!.rules).toContain(c.rule);
    const strict = await runOnce(a, rfc9293, fixedSource(c.inputs), 1000, 1, null, true);
    expect(strict.divergence?.index).toBe(c.inputs.length - 1);
  });
});
