// lwIP resends the whole flight at a retransmission timeout (profile lwip, 'rtoResendsFlight'; tcp_out.c:
// tcp_rexmit_rto() moves every unacknowledged segment back to unsent), where RFC 9293 §3.10.8 resends only the
// front of the queue: what a congestion window of one MSS does not let out waits, in front of new data, and a
// FIN asked for meanwhile rides on the last entry (docs/design.md §7).
import { Draft } from '../outcome';
import { advertise, armTimers, emit } from '../emit';
import { queueFin, transmit } from '../output';
import type { OutputVariations } from '../profile';
import { seqAdd, seqDiff, seqLt } from '../seq';
import { ACK, FIN, SYN, Segment } from '../segment';
import { lwipState as lw } from './lwip-state';

/** Does a timeout resend the whole flight here: a data or FIN segment, under 'rtoResendsFlight'? */
const resends = (d: Draft, seg: Segment) =>
  (seg.ctl & ACK) !== 0 && !(seg.ctl & SYN) && d.p.features.has('rtoResendsFlight');

/** The retransmission queue's entries as first sent: data segments from SND.UNA, the FIN on the last one or
 *  on its own. */
export function flight(d: Draft): Segment[] {
  const t = d.t;
  const out: Segment[] = [];
  let off = 0;
  const wnd = advertise(d);
  t.unackedSegs.forEach((n, i) => {
    // The front entry may be partly acknowledged: it goes again whole, from where it first started.
    const head = i === 0 ? t.unackedHead : '';
    out.push({
      seq: seqAdd(t.sndUna, off - head.length),
      ack: t.rcvNxt,
      ctl: ACK,
      wnd,
      data: head + t.unacked.slice(off, off + n),
    });
    off += n;
  });
  if (t.finSent) {
    if (t.finAlone || out.length === 0)
      out.push({ seq: seqAdd(t.sndUna, off), ack: t.rcvNxt, ctl: ACK | FIN, wnd, data: '' });
    else out[out.length - 1] = { ...out[out.length - 1], ctl: ACK | FIN };
  }
  return out;
}

/**
 * Implementation behaviour ('rtoResendsFlight'; RFC 9293 §3.10.8 resends only the front of the queue): a
 * retransmission timeout puts the whole flight back to be sent again, and as much of it goes at once as a
 * congestion window of one MSS (and the send window) allows, each entry with the boundaries it was first
 * sent with. The first entry always goes.
 */
function resendFlight(d: Draft): void {
  const t = d.t;
  let wnd = Math.min(t.sndMss, t.sndWnd);
  lw.set(t, { resendTo: null });
  flight(d).forEach((seg, i) => {
    // How far past SND.UNA the entry reaches (the front one may start below it).
    const end = seqDiff(seqAdd(seg.seq, seg.data.length), t.sndUna);
    if (i === 0 && end > t.sndMss && d.p.params.presegmentStalls) {
      // A bug where it occurs: an entry cut larger than the MSS never fits a window of one MSS again.
      d.fire('timeout.retransmission.presegmentedStuck');
      lw.set(t, { resendTo: seg.seq });
      wnd = -1;
      return;
    }
    if (i === 0 || end <= wnd) {
      if (i === 1) d.fire('timeout.retransmission.flight');
      emit(d, seg);
    } else {
      // The rest waits, in front of anything new, for ACKs to open the congestion window.
      if (lw.get(t, 'resendTo') === null) {
        d.fire('timeout.retransmission.flightHeld');
        lw.set(t, { resendTo: seg.seq });
      }
      wnd = -1;
    }
  });
}

/** The entries of the flight still waiting to go again after a retransmission timeout (resendTo). */
function waitingAgain(d: Draft): Segment[] {
  const to = lw.get(d.t, 'resendTo');
  const out = to === null ? [] : flight(d).filter((s) => !seqLt(s.seq, to));
  if (lw.get(d.t, 'finOnWaiting') && out.length > 0) out[out.length - 1] = { ...out[out.length - 1], ctl: ACK | FIN };
  return out;
}

/** The last entry of the flight with the FIN that rides on it (finOnWaiting), sent once everything before
 *  it is acknowledged: it goes whole, even where its text was acknowledged already. */
function sendEntryWithFin(d: Draft): void {
  const entries = flight(d);
  const last = entries[entries.length - 1];
  d.fire('close.finOnWaitingEntry.sent');
  emit(
    d,
    last
      ? { ...last, ctl: ACK | FIN }
      : { seq: d.t.sndNxt, ack: d.t.rcvNxt, ctl: ACK | FIN, wnd: advertise(d), data: '' },
  );
  lw.set(d.t, { finOnWaiting: false });
  queueFin(d);
  armTimers(d);
}

/** With entries waiting to go again: any number of them may go now, in order; new data and a FIN wait
 *  behind them. Once all have gone, the rest is sent as usual. */
function transmitWaiting(d: Draft): Draft[] {
  const waiting = waitingAgain(d);
  const out: Draft[] = [];
  for (let k = 0; k <= waiting.length; k++) {
    const x = k === waiting.length ? d : d.fork();
    for (const seg of waiting.slice(0, k)) {
      emit(x, { ...seg, ack: x.t.rcvNxt, wnd: advertise(x) });
      if (seg.ctl & FIN && lw.get(x.t, 'finOnWaiting')) {
        // The FIN that rode on this entry goes for the first time.
        lw.set(x.t, { finOnWaiting: false });
        queueFin(x);
      }
    }
    if (k < waiting.length) {
      if (k > 0) lw.set(x.t, { resendTo: waiting[k].seq });
      out.push(x);
    } else {
      lw.set(x.t, { resendTo: null });
      out.push(...transmit(x));
    }
  }
  return out;
}

/** With entries waiting to go again (or a FIN riding on the last of them), those go first. */
function transmitFirst(d: Draft): Draft[] | null {
  const t = d.t;
  const resendTo = lw.get(t, 'resendTo');
  if (resendTo !== null) {
    if (seqLt(resendTo, t.sndNxt) && seqLt(t.sndUna, t.sndNxt)) {
      // A FIN asked for now rides on the last entry waiting to go again.
      if (t.finQueued && !t.finSent && t.sendQueue.length === 0 && !lw.get(t, 'finOnWaiting')) {
        d.fire('close.finOnWaitingEntry');
        lw.set(t, { finOnWaiting: true });
      }
      return transmitWaiting(d);
    }
    lw.set(t, { resendTo: null });
  }
  if (lw.get(t, 'finOnWaiting')) {
    sendEntryWithFin(d);
    return [d];
  }
  return null;
}

/** Everything acknowledged while the last entry carries a FIN that has not gone yet: the entry stays until that
 *  FIN is sent. */
function allAcked(d: Draft): boolean {
  const t = d.t;
  if (!lw.get(t, 'finOnWaiting') || t.unackedSegs.length === 0) return false;
  const whole = t.unackedHead + t.unacked;
  const last = t.unackedSegs[t.unackedSegs.length - 1] + (t.unackedSegs.length === 1 ? t.unackedHead.length : 0);
  t.unackedHead = whole.slice(whole.length - last);
  t.unacked = '';
  t.unackedSegs = [0];
  return true;
}

export const lwipFlight: OutputVariations = {
  transmitFirst,
  // Where the whole flight goes again, its entries keep the boundaries they were sent with.
  retransmissionForms: (d, seg) => (resends(d, seg) ? [flight(d)[0]] : null),
  resendOnTimeout: (d, seg) => {
    if (!resends(d, seg)) return false;
    resendFlight(d);
    return true;
  },
  waiting: (d) => lw.get(d.t, 'finOnWaiting') || lw.get(d.t, 'resendTo') !== null,
  allAcked,
};
