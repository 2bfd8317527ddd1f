// Turning a peer segment described relative to the IUT's sequence space into concrete numbers.
import { DEFAULT_PEER_WINDOW, PeerSegment } from '../models/input';
import { seqAdd } from '../models/seq';
import { ACK, Segment } from '../models/segment';
import { Tcb } from '../models/tcb';

/** RCV.NXT exists once the peer's SYN has been seen (SYN-RECEIVED onwards). */
function hasRcvNxt(t: Tcb): boolean {
  return t.state !== 'Closed' && t.state !== 'Listen' && t.state !== 'SynSent';
}

export function resolveSegment(p: PeerSegment, t: Tcb, peerIss: number): Segment {
  let base: number;
  switch (p.seq.from) {
    case 'rcvNxt':
      base = hasRcvNxt(t) ? t.rcvNxt : peerIss;
      break;
    case 'peerIss':
      base = peerIss;
      break;
    case 'rcvWndEdge':
      base = hasRcvNxt(t) ? seqAdd(t.rcvNxt, Math.max(t.rcvWndMax, t.rcvWnd)) : peerIss;
      break;
  }
  let ack = 0;
  if (p.ack) {
    const from = p.ack.from === 'sndNxt' ? t.sndNxt : p.ack.from === 'sndUna' ? t.sndUna : t.iss;
    ack = seqAdd(from, p.ack.delta);
  }
  const seg: Segment = {
    seq: seqAdd(base, p.seq.delta),
    ack: p.ctl & ACK ? ack : 0,
    ctl: p.ctl,
    wnd: p.wnd ?? DEFAULT_PEER_WINDOW,
    data: p.data ?? '',
  };
  if (p.mss !== undefined) seg.mss = p.mss;
  return seg;
}
