// Text after the user's close() (profile slirp): slirp takes it and acknowledges it, then writes it to the host
// socket the user has closed. The host answers the first such write with a reset of its own, so a later write
// fails (EPIPE) and slirp drops the connection with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> (socket.c: sowrite(),
// tcp_subr.c: tcp_drop()); after ABORT the first write fails already. Whether one segment's text takes one write
// or two (the send buffer is a ring) is slirp's business: the first text may be reset or not. RFC 9293 §3.6.1
// asks for a reset there (SHLD-3), <SEQ=SND.NXT><CTL=RST>, without taking the text first (docs/design.md §7).
import { text } from '../arrives-text';
import { sendAbortReset, sendAck } from '../emit';
import { Draft } from '../outcome';
import { deleteTcb } from '../output';
import type { SynchronizedVariations } from '../profile';
import { ACK, FIN, RST, Segment } from '../segment';
import { userReset, writeFails, wroteAfterClose } from './slirp-proxy';

/** Text at RCV.NXT after close(): taken and acknowledged, then the connection reset. */
function textAfterClose(d: Draft, data: string, fin: boolean, wnd: number): Draft[] | null {
  if (!d.p.features.has('resetAfterAckingText') || userReset(d.t)) return null;
  const t = d.t;
  d.fire('text.afterClose.ackedThenReset');
  const before = d.segments.length;
  const seg: Segment = { seq: t.rcvNxt, ack: t.sndUna, ctl: ACK | (fin ? FIN : 0), wnd: t.sndWnd, data };
  t.receiveClosed = false;
  const fails = writeFails(t);
  const out: Draft[] = [];
  for (const x of text(d, seg, wnd, t.state)) {
    if (x.t.state === 'Closed') {
      out.push(x);
      continue;
    }
    x.t.receiveClosed = true;
    if (!fails) {
      const written = x.fork();
      wroteAfterClose(written.t);
      out.push(written);
    }
    // The acknowledgment goes out at once (TF_ACKNOW), before the write that fails.
    if (!x.segments.slice(before).some((s) => s.ctl & ACK && !(s.ctl & RST))) sendAck(x);
    sendAbortReset(x);
    deleteTcb(x);
    out.push(x);
  }
  return out;
}

export const slirpSynchronized: SynchronizedVariations = {
  // Text ahead of RCV.NXT after close() waits in the reassembly queue like any other: nothing is written yet.
  aheadAfterCloseWaits: (d) => d.p.features.has('resetAfterAckingText') && !userReset(d.t),
  textAfterClose,
};

// This profile's own switch joins the model's features (models/rule.ts).
declare module '../rule' {
  interface Features {
    /** Text after a half-duplex CLOSE is acknowledged, and then the connection reset with RST,ACK. */
    resetAfterAckingText: true;
  }
}
