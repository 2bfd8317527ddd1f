// Departures of the kernel that the input grid (harness/grid.ts) found, each shown on this kernel: the inputs the
// check shrank it to conform to the linux profile under the rule that describes it, and the same inputs diverge
// from rfc9293 at their last step. Skips (printing why) when not root.
import { fixedSource, runOnce } from '../../harness/check';
import { Input, PeerSegment } from '../../models/input';
import { ACK, FIN, RST, SYN } from '../../models/segment';
import { linux } from '../../models/profiles/linux';
import { rfc9293 } from '../../models/profiles/rfc9293';
import { LinuxAdapter, createLinuxAdapter } from './adapter';
import { describeLinux } from './gate';

jest.setTimeout(120_000);

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
const syn: Input = seg(SYN, { from: 'peerIss', delta: 0 });
const ackNxt = (delta = 0): PeerSegment['ack'] => ({ from: 'sndNxt', delta });
const ackUna = (delta = 0): PeerSegment['ack'] => ({ from: 'sndUna', delta });

interface Case {
  rule: string;
  what: string;
  inputs: Input[];
  /** Where rfc9293 first parts from the kernel, when before the last input (another departure on the way). */
  strictAt?: number;
}

/** Each case as the check shrank it. */
const CASES: Case[] = [
  {
    rule: 'listen.synFin.dropped',
    what: 'LISTEN: a SYN with FIN gets no SYN,ACK',
    inputs: [open('passive'), seg(SYN | FIN, { from: 'peerIss', delta: 0 })],
  },
  {
    rule: 'flags.noAck.dropped',
    what: 'ESTABLISHED: a FIN without ACK far below the window gets no ACK',
    inputs: [open('active'), seg(SYN | ACK, { from: 'peerIss', delta: 0 }, ackNxt()), seg(FIN, at(-1000))],
  },
  {
    rule: 'synReceived.ack.checkedFirst',
    what: 'passive SYN-RECEIVED: an ACK of SND.NXT+1 below the window is reset, not acknowledged',
    inputs: [open('passive'), syn, seg(ACK, at(-1), ackNxt(1))],
  },
  {
    rule: 'synReceived.ack.checkedFirst',
    what: 'passive SYN-RECEIVED: a SYN,ACK with a wrong ACK is reset and the connection stays',
    inputs: [open('passive'), syn, seg(SYN | ACK, at(), ackNxt(1))],
  },
  {
    rule: 'rst.afterFin.accepted',
    what: 'LAST-ACK: a RST at RCV.NXT-1 ends the connection',
    inputs: [open('passive'), syn, seg(ACK, at(), ackNxt()), seg(FIN | ACK, at(), ackUna()), close(), seg(RST, at(-1))],
  },
  {
    rule: 'rst.afterFin.accepted',
    what: 'CLOSE-WAIT: a RST with text at RCV.NXT-1 ends the connection',
    inputs: [
      open('passive'),
      syn,
      seg(ACK, at(), ackNxt()),
      seg(FIN | ACK, at(), ackUna()),
      seg(RST, at(-1), undefined, 'grid'),
    ],
  },
  {
    rule: 'seq.windowEdge.accepted',
    what: 'ESTABLISHED: a SYN,RST starting at the right edge is challenged',
    inputs: [
      open('active'),
      seg(SYN | ACK, { from: 'peerIss', delta: 0 }, ackNxt()),
      seg(SYN | RST, { from: 'rcvWndEdge', delta: 0 }),
    ],
  },
  {
    rule: 'rst.challenge',
    what: 'FIN-WAIT-1: a SYN,FIN,RST that ends at RCV.NXT is challenged',
    inputs: [open('active'), syn, close(true), seg(SYN | FIN | RST, at(-2))],
  },
  {
    rule: 'text.afterClose.resetFromSegment',
    what: 'FIN-WAIT-1 after close(): text acknowledging SND.UNA is reset with <SEQ=SEG.ACK>',
    inputs: [open('active'), syn, close(true), seg(ACK, at(), ackUna(), 'grid')],
  },
  {
    rule: 'seq.endPastWindow.refused',
    what: 'LAST-ACK with the FIN unread: text ending past the right edge is refused whole, with an ACK',
    inputs: [
      open('passive'),
      syn,
      seg(ACK, at(), ackNxt()),
      seg(FIN | ACK, at(), ackUna()),
      close(),
      seg(ACK, { from: 'rcvWndEdge', delta: -3 }, ackUna(), 'grid'),
    ],
  },
  {
    rule: 'open.synReceived.tupleTaken',
    what: 'SYN-RECEIVED after the listener was closed: OPEN active fails, the half-open connection holds the 4-tuple',
    inputs: [open('passive'), syn, close(), open('active')],
    strictAt: 2, // CLOSE closes the listener (close.synReceived.unaccepted), where the RFC sends a FIN
  },
];

describeLinux('peer')('departures the input grid found, on this kernel', () => {
  let a: LinuxAdapter;
  beforeAll(async () => {
    a = await createLinuxAdapter();
  });
  afterAll(async () => a?.dispose());

  test.each(CASES)('$rule — $what', async (c) => {
    const inputs = c.inputs;
    const r = await runOnce(a, linux, fixedSource(inputs), 2147483647, 1, null, true);
    expect(r.divergence).toBeUndefined();
    expect(r.trace.at(-1)!.rules).toContain(c.rule);
    const strict = await runOnce(a, rfc9293, fixedSource(inputs), 2147483647, 1, null, true);
    expect(strict.divergence?.index).toBe(c.strictAt ?? inputs.length - 1);
  });
});
