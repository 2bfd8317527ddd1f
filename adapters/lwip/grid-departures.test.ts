// Departures of lwIP 2.1.3 that the input grid (harness/grid.ts) found, each shown on the shim: the inputs the check
// shrank it to conform to the lwip profile under the rule that describes it, and the same inputs diverge from
// rfc9293 at their last step. Skips (printing why) when the shim is not built.
import { lwip } from '../../models/profiles/lwip';
import { ACK, FIN, RST, SYN } from '../../models/segment';
import { findAdapter } from '../registry';
import { Adapter } from '../types';
import { describeLwip } from './gate';

import { Departure, departureTest } from '../../harness/__fixtures__/departures';
import { ackSndNxt, atRcvNxt, close, open, pastWindow, peerSyn, peerSynAck, seg } from '../../spec/support/scenario';

jest.setTimeout(60_000);

const CASES: Departure[] = [
  {
    rule: 'rst.seqOnly.dropped',
    what: 'ESTABLISHED: a RST with text one below RCV.NXT is dropped, not challenged',
    inputs: [
      open('passive'),
      peerSyn(),
      seg(ACK, atRcvNxt(), ackSndNxt()),
      seg(RST, atRcvNxt(-1), undefined, { data: 'grid' }),
    ],
  },
  {
    rule: 'rst.seqOnly.dropped',
    what: 'CLOSE-WAIT: a SYN,FIN,RST one below RCV.NXT is dropped',
    inputs: [open('active'), peerSynAck(), seg(FIN | ACK, atRcvNxt(), ackSndNxt()), seg(SYN | FIN | RST, atRcvNxt(-1))],
  },
  {
    rule: 'rst.seqOnly.challenged',
    what: 'ESTABLISHED: a FIN,RST at the right edge is challenged',
    inputs: [open('active'), peerSynAck(), seg(FIN | RST, pastWindow())],
  },
  {
    rule: 'rst.seqOnly.challenged',
    what: 'SYN-RECEIVED: a RST with text at the right edge is challenged',
    inputs: [open('passive'), peerSyn(), seg(RST, pastWindow(), undefined, { data: 'grid' })],
  },
  {
    rule: 'synReceived.noAck.ignored',
    what: 'SYN-RECEIVED: an empty segment without ACK below the window gets no ACK',
    inputs: [open('passive'), peerSyn(), seg(0, atRcvNxt(-1))],
  },
  {
    rule: 'ack.future.goesOn',
    what: 'FIN-WAIT-1: a FIN acknowledging what was never sent is answered, then taken (CLOSING)',
    inputs: [open('active'), peerSynAck(), close(), seg(FIN | ACK, atRcvNxt(), ackSndNxt(1000))],
  },
];

describeLwip('departures the input grid found, on lwIP', () => {
  let a: Adapter;
  beforeAll(async () => {
    a = await findAdapter('lwip')!.create({ profile: 'lwip' });
  });
  afterAll(async () => a?.dispose());

  test.each(CASES)(
    '$rule — $what',
    departureTest(() => a, lwip, 1000),
  );
});
