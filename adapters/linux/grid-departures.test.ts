// Departures of the kernel that the input grid (harness/grid.ts) found, each shown on this kernel: the inputs the
// check shrank it to conform to the linux profile under the rule that describes it, and the same inputs diverge
// from rfc9293 at their last step. Skips (printing why) when not root.
import { ACK, FIN, RST, SYN } from '../../models/segment';
import { linux } from '../../models/profiles/linux';
import { LinuxAdapter, createLinuxAdapter } from './adapter';
import { describeLinux } from './gate';

import { Departure, departureTest } from '../../harness/__fixtures__/departures';
import {
  ackSndNxt,
  ackSndUna,
  atPeerIss,
  atRcvNxt,
  close,
  closeHalfDuplex,
  open,
  pastWindow,
  peerSyn,
  peerSynAck,
  seg,
} from '../../spec/support/scenario';

jest.setTimeout(120_000);

/** Each case as the check shrank it. */
const CASES: Departure[] = [
  {
    rule: 'listen.synFin.dropped',
    what: 'LISTEN: a SYN with FIN gets no SYN,ACK',
    inputs: [open('passive'), seg(SYN | FIN, atPeerIss())],
  },
  {
    rule: 'flags.noAck.dropped',
    what: 'ESTABLISHED: a FIN without ACK far below the window gets no ACK',
    inputs: [open('active'), peerSynAck(), seg(FIN, atRcvNxt(-1000))],
  },
  {
    rule: 'synReceived.ack.checkedFirst',
    what: 'passive SYN-RECEIVED: an ACK of SND.NXT+1 below the window is reset, not acknowledged',
    inputs: [open('passive'), peerSyn(), seg(ACK, atRcvNxt(-1), ackSndNxt(1))],
  },
  {
    rule: 'synReceived.ack.checkedFirst',
    what: 'passive SYN-RECEIVED: a SYN,ACK with a wrong ACK is reset and the connection stays',
    inputs: [open('passive'), peerSyn(), seg(SYN | ACK, atRcvNxt(), ackSndNxt(1))],
  },
  {
    rule: 'rst.afterFin.accepted',
    what: 'LAST-ACK: a RST at RCV.NXT-1 ends the connection',
    inputs: [
      open('passive'),
      peerSyn(),
      seg(ACK, atRcvNxt(), ackSndNxt()),
      seg(FIN | ACK, atRcvNxt(), ackSndUna()),
      close(),
      seg(RST, atRcvNxt(-1)),
    ],
  },
  {
    rule: 'rst.afterFin.accepted',
    what: 'CLOSE-WAIT: a RST with text at RCV.NXT-1 ends the connection',
    inputs: [
      open('passive'),
      peerSyn(),
      seg(ACK, atRcvNxt(), ackSndNxt()),
      seg(FIN | ACK, atRcvNxt(), ackSndUna()),
      seg(RST, atRcvNxt(-1), undefined, { data: 'grid' }),
    ],
  },
  {
    rule: 'seq.windowEdge.accepted',
    what: 'ESTABLISHED: a SYN,RST starting at the right edge is challenged',
    inputs: [open('active'), peerSynAck(), seg(SYN | RST, pastWindow())],
  },
  {
    rule: 'rst.challenge',
    what: 'FIN-WAIT-1: a SYN,FIN,RST that ends at RCV.NXT is challenged',
    inputs: [open('active'), peerSyn(), closeHalfDuplex(), seg(SYN | FIN | RST, atRcvNxt(-2))],
  },
  {
    rule: 'text.afterClose.resetFromSegment',
    what: 'FIN-WAIT-1 after close(): text acknowledging SND.UNA is reset with <SEQ=SEG.ACK>',
    inputs: [open('active'), peerSyn(), closeHalfDuplex(), seg(ACK, atRcvNxt(), ackSndUna(), { data: 'grid' })],
  },
  {
    rule: 'seq.endPastWindow.refused',
    what: 'LAST-ACK with the FIN unread: text ending past the right edge is refused whole, with an ACK',
    inputs: [
      open('passive'),
      peerSyn(),
      seg(ACK, atRcvNxt(), ackSndNxt()),
      seg(FIN | ACK, atRcvNxt(), ackSndUna()),
      close(),
      seg(ACK, pastWindow(-3), ackSndUna(), { data: 'grid' }),
    ],
  },
  {
    rule: 'open.synReceived.tupleTaken',
    what: 'SYN-RECEIVED after the listener was closed: OPEN active fails, the half-open connection holds the 4-tuple',
    inputs: [open('passive'), peerSyn(), close(), open('active')],
    strictAt: 2, // CLOSE closes the listener (close.synReceived.unaccepted), where the RFC sends a FIN
  },
];

describeLinux('peer')('departures the input grid found, on this kernel', () => {
  let a: LinuxAdapter;
  beforeAll(async () => {
    a = await createLinuxAdapter();
  });
  afterAll(async () => a?.dispose());

  test.each(CASES)(
    '$rule — $what',
    departureTest(() => a, linux, 2147483647),
  );
});
