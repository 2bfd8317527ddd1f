// Helpers for the model's own tests (models/*.test.ts, models/profiles/*.test.ts): inputs written the way the
// RFC's figures write them, and outcomes read back in that notation.
import { ConcreteInput, UserCall } from './input';
import { Outcome } from './outcome';
import { Segment, formatSegment } from './segment';

export const call = (c: UserCall): ConcreteInput => ({ kind: 'call', ...c });

/** A segment from the peer: control bits, SEQ, ACK, text; a window of 8192 unless `extra` says otherwise. */
export const seg = (ctl: number, seq: number, ack = 0, data = '', extra: Partial<Segment> = {}): ConcreteInput => ({
  kind: 'segment',
  segment: { ctl, seq, ack, data, wnd: 8192, ...extra },
});

export const wait = (ms: number): ConcreteInput => ({ kind: 'wait', ms });

/** What an outcome sent, in figure notation. */
export const out = (o: Outcome): string[] => o.segments.map(formatSegment);
export const outs = (os: Outcome[]): string[][] => os.map(out);
