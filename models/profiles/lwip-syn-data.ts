// lwIP sends data behind its SYN (profile lwip, params.synSentDataWindow): once a retransmission timeout has
// opened its congestion window in SYN-SENT (tcp_out.c: tcp_output() does not check the state).
import { Draft } from '../outcome';
import { advertise, emit } from '../emit';
import { sendQueued } from '../output';
import { seqAdd, seqDiff } from '../seq';
import { lwipState } from './lwip-state';

/**
 * Implementation behaviour (params.synSentDataWindow; RFC 9293 §3.10.2 queues such data until ESTABLISHED):
 * once a retransmission timeout has opened the congestion window in SYN-SENT, the SYN sent again is followed
 * by the data already sent behind it and then by queued data, in segments without ACK, as far as that window
 * (counted from ISS) allows; data written later goes out at once on its own (`again` false; tcp_out.c:
 * tcp_output() with the congestion window tcp_rexmit_rto() left).
 */
export function dataBehindSyn(d: Draft, again = true): void {
  const t = d.t;
  const param = d.p.params.synSentDataWindow;
  if (param == null || t.state !== 'SynSent' || !lwipState.get(t, 'synRtoFired')) return;
  // The window is one MSS as known when the timeout fired: the default, or what a SYN's option set before.
  const wnd = lwipState.get(t, 'synCwnd');
  if (t.unacked.length === 0 && t.sendQueue.length === 0) return;
  let seq = seqAdd(t.iss, 1);
  let sent = false;
  let off = 0;
  for (const n of again ? t.unackedSegs : []) {
    if (seqDiff(seq, t.iss) + n > wnd) return;
    emit(d, { seq, ack: 0, ctl: 0, wnd: advertise(d), data: t.unacked.slice(off, off + n) });
    seq = seqAdd(seq, n);
    off += n;
    sent = true;
  }
  while (t.sendQueue.length > 0) {
    const size = Math.min(d.p.params.presegmentMss ?? t.sndMss, t.sndMss, t.sendQueue.length);
    if (seqDiff(t.sndNxt, t.iss) + size > wnd) break;
    sendQueued(d, size, 0, 0);
    sent = true;
  }
  if (sent) d.fire('synSent.retransmission.data');
}

/** The SYN went again after a timeout: the congestion window opens to one MSS as known now. */
export function synRetransmitted(d: Draft): void {
  lwipState.set(d.t, { synRtoFired: true, synCwnd: Math.min(d.p.params.synSentDataWindow ?? 0, d.t.sndMss) });
  dataBehindSyn(d);
}
