// The adapter guide's worked example is real: it passes the protocol's own check, and it answers every
// segment exactly as RFC 9293 §3.10.7.1 says and as the model does in CLOSED. That the check catches broken
// children, waiting out its timeout for the one that hangs, is a long check: echo-closed-port.long.test.ts.
import * as path from 'path';
import fc from 'fast-check';
import { ACK, FIN, PSH, RST, SYN, Segment } from '../../../models/segment';
import { findAdapter } from '../../registry';
import { createProcessAdapter } from '../adapter';
import { checkProtocol } from '../protocol-check';

const EXAMPLE = `node ${JSON.stringify(path.join(__dirname, 'echo-closed-port.js'))}`;

describe('the protocol check', () => {
  test('the worked example passes it', async () => {
    const { hello, problems } = await checkProtocol(EXAMPLE);
    expect(problems).toEqual([]);
    expect(hello?.iut).toBe('closed-port example');
  });

  test('the serve side passes it too', async () => {
    const child = path.join(__dirname, '..', '__fixtures__', 'serve-registry.js');
    expect((await checkProtocol(`node ${JSON.stringify(child)} model rfc9293`)).problems).toEqual([]);
  });
});

describe('the worked example answers like RFC 9293 §3.10.7.1', () => {
  const segmentArb: fc.Arbitrary<Segment> = fc.record({
    seq: fc.nat({ max: 0xffffffff }),
    ack: fc.nat({ max: 0xffffffff }),
    ctl: fc.subarray([FIN, SYN, RST, PSH, ACK]).map((b) => b.reduce((x, y) => x | y, 0)),
    wnd: fc.nat({ max: 0xffff }),
    data: fc.string({ maxLength: 6 }).map((s) => s.replace(/[^\x20-\x7e]/g, 'x')),
  });

  test('RST is discarded; otherwise <SEQ=SEG.ACK><CTL=RST> or <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; and the model agrees', async () => {
    const example = await createProcessAdapter({ cmd: EXAMPLE });
    const model = await findAdapter('model')!.create({ profile: 'rfc9293' });
    try {
      expect(example.capabilities.calls).toEqual([]);
      await fc.assert(
        fc.asyncProperty(segmentArb, fc.integer(), async (seg, seed) => {
          await example.reset({ profile: 'rfc9293', seed });
          await model.reset({ profile: 'rfc9293', seed });
          const got = await example.apply({ kind: 'segment', segment: seg });
          const len = seg.data.length + (seg.ctl & SYN ? 1 : 0) + (seg.ctl & FIN ? 1 : 0);
          const expected =
            seg.ctl & RST
              ? []
              : seg.ctl & ACK
                ? [{ seq: seg.ack, ack: 0, ctl: RST, wnd: 0, data: '' }]
                : [{ seq: 0, ack: (seg.seq + len) >>> 0, ctl: RST | ACK, wnd: 0, data: '' }];
          expect(got).toEqual({ segments: expected, state: 'Closed' });
          // The project's oracle, in CLOSED, must allow exactly this answer.
          const modelObs = await model.apply({ kind: 'segment', segment: seg });
          expect(modelObs.segments.map(({ seq, ack, ctl }) => ({ seq, ack: ctl & ACK ? ack : 0, ctl }))).toEqual(
            expected.map(({ seq, ack, ctl }) => ({ seq, ack, ctl })),
          );
        }),
        { numRuns: 200 },
      );
    } finally {
      await example.dispose();
      await model.dispose();
    }
  });
});
