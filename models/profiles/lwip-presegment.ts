// lwIP cuts data into segments when it is written (tcp_write() in tcp_out.c), by the MSS known then: in SYN-SENT
// that is 536 octets (params.presegmentMss), and those segments keep their size when the SYN,ACK announces
// another (profile lwip).
import { Draft } from '../outcome';
import type { OutputVariations } from '../profile';
import { lwipState as lw } from './lwip-state';

/** The initial congestion window of RFC 5681 §3.1. */
function initialWindow(mss: number): number {
  return Math.min(4 * mss, Math.max(2 * mss, 4380));
}

/** The size of the next segment from the send queue, where data was cut before the peer's MSS was known. */
function segmentSize(d: Draft, usable: number): number | null {
  const t = d.t;
  const presized = lw.get(t, 'presized');
  if (presized === 0) return null;
  const size = Math.min(lw.get(t, 'presizeMss'), presized, usable, t.sendQueue.length);
  if (size > 0 && t.sndUna === t.sndNxt && d.p.params.presegmentStalls && size > initialWindow(t.sndMss)) {
    // A bug where it occurs: a segment cut before the MSS was known is larger than the initial congestion
    // window, and with nothing in flight no ACK will ever open that window: it is never sent.
    d.fire('send.presegmented.stalled');
    return 0;
  }
  return size;
}

export const lwipPresegment: OutputVariations = {
  segmentSize,
  sentFromQueue: (d, size) => {
    const presized = lw.get(d.t, 'presized');
    if (presized > 0) lw.set(d.t, { presized: Math.max(0, presized - size) });
  },
};
