// SEGMENT ARRIVES (RFC 793 §3.9 p.65-76; RFC 9293 §3.10.7): the input routine, dispatching on the state and
// then on the control bits in the order the RFC checks them. Each branch names where the RFC says it.
import { Segment, ACK, FIN, RST, SYN, segLen } from '../../models/segment';
import { inWindow, seqAdd, seqDiff, seqGeq, seqGt, seqLeq, seqLt } from '../../models/seq';
import type { Endpoint } from './endpoint';
import { dropAcknowledged, emit, output, sendAbortRst, sendAck, sendResetFor, sendSyn } from './output';
import { DEFAULT_PEER_MSS, DELAYED_ACK_MS, OFF, OUR_MSS, rcvWnd, Tcb } from './tcb';
import { enterTimeWait, rearmOnAck, restartTimeWait } from './timers';

export function segmentArrives(ep: Endpoint, seg: Segment): void {
  switch (ep.tcb.state) {
    case 'Closed':
      return closedArrives(ep, seg);
    case 'Listen':
      return listenArrives(ep, seg);
    case 'SynSent':
      return synSentArrives(ep, seg);
    default:
      return otherArrives(ep, seg);
  }
}

// ---- CLOSED (RFC 793 p.65; RFC 9293 §3.10.7.1)
function closedArrives(ep: Endpoint, seg: Segment): void {
  // A RST for no connection is dropped: answering it could start an endless RST exchange.
  // Mutant 'closedRstAnswered' answers it anyway.
  if (seg.ctl & RST && ep.mutant !== 'closedRstAnswered') return;
  // Anything else gets the reset that makes its sender's sequence check accept it.
  sendResetFor(ep, seg, segLen(seg));
}

// ---- LISTEN (RFC 793 p.65-66; RFC 9293 §3.10.7.2)
function listenArrives(ep: Endpoint, seg: Segment): void {
  const tcb = ep.tcb;
  // First, RST: it cannot answer anything this listener sent, so it is ignored.
  if (seg.ctl & RST) {
    if (ep.mutant === 'listenRstCloses') ep.deleteTcb();
    return;
  }
  // Second, ACK: nothing has been sent to acknowledge; reset <SEQ=SEG.ACK><CTL=RST>, stay in LISTEN.
  if (seg.ctl & ACK) {
    if (ep.mutant !== 'listenAckNoRst') sendResetFor(ep, seg, segLen(seg));
    return;
  }
  // Third, SYN: IRS=SEG.SEQ, RCV.NXT=SEG.SEQ+1, pick ISS, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
  // Text or FIN on the SYN would be processed in SYN-RECEIVED, where the segment's missing ACK drops them.
  if (seg.ctl & SYN) {
    tcb.irs = seg.seq;
    // Mutant 'synNotCounted': the peer's SYN is not counted in its sequence space.
    tcb.rcvNxt = ep.mutant === 'synNotCounted' ? seg.seq : seqAdd(seg.seq, 1);
    tcb.sndMss = seg.mss ?? DEFAULT_PEER_MSS;
    setSendWindow(tcb, seg.wnd, seg.seq, 0);
    tcb.iss = ep.newIss();
    tcb.state = 'SynReceived';
    tcb.passive = true;
    tcb.sndWl2 = tcb.iss;
    sendSyn(ep);
    return;
  }
  // Fourth, anything else is dropped.
}

// ---- SYN-SENT (RFC 793 p.66-68; RFC 9293 §3.10.7.3)
function synSentArrives(ep: Endpoint, seg: Segment): void {
  const tcb = ep.tcb;
  const ctl = seg.ctl;
  // First, the ACK: it must acknowledge our SYN and nothing beyond (ISS < SEG.ACK =< SND.NXT).
  if (ctl & ACK) {
    // Mutant 'synSentAckIssAccepted' tests SEG.ACK < ISS instead of SEG.ACK =< ISS.
    const tooOld = ep.mutant === 'synSentAckIssAccepted' ? seqLt(seg.ack, tcb.iss) : seqLeq(seg.ack, tcb.iss);
    if (tooOld || seqGt(seg.ack, tcb.sndNxt)) {
      // Unacceptable: reset <SEQ=SEG.ACK><CTL=RST>, unless it is itself a RST; drop.
      if (!(ctl & RST)) sendResetFor(ep, seg, segLen(seg));
      return;
    }
  }
  // Second, RST: with an acceptable ACK the peer refused us; without an ACK it cannot be trusted.
  // (RFC 5961's exact-SEQ check cannot apply: RCV.NXT is not known yet in SYN-SENT.)
  if (ctl & RST) {
    if (ctl & ACK || ep.mutant === 'synSentRstNoAckAccepted') {
      ep.signals.push('connection reset');
      ep.deleteTcb();
    }
    return;
  }
  // Fourth, SYN.
  if (ctl & SYN) {
    // Mutant 'noSimultaneousOpen': a SYN without ACK in SYN-SENT is dropped as if it were a stray.
    if (!(ctl & ACK) && ep.mutant === 'noSimultaneousOpen') return;
    tcb.irs = seg.seq;
    tcb.rcvNxt = ep.mutant === 'synNotCounted' ? seg.seq : seqAdd(seg.seq, 1);
    tcb.sndMss = seg.mss ?? DEFAULT_PEER_MSS;
    if (ctl & ACK) {
      tcb.sndUna = seg.ack;
      dropAcknowledged(tcb);
    }
    if (seqGt(tcb.sndUna, tcb.iss)) {
      // Our SYN is acknowledged: ESTABLISHED, send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (queued data may ride
      // on it), then go on with any text or FIN at the sixth step.
      tcb.state = 'Established';
      setSendWindow(tcb, seg.wnd, seg.seq, seg.ack);
      rearmOnAck(ep);
      tcb.ackNow = true;
      processText(ep, seg);
      if (ep.tcb !== tcb) return;
      output(ep);
      return;
    }
    // Simultaneous open (RFC 9293 §3.5 Figure 7): SYN-RECEIVED, answer <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
    // Our SYN is already on the retransmission queue; a retransmission will now carry the ACK as well.
    tcb.state = 'SynReceived';
    tcb.passive = false;
    setSendWindow(tcb, seg.wnd, seg.seq, seg.ack);
    emit(ep, tcb.iss, SYN | ACK, '', OUR_MSS);
    return;
  }
  // Fifth, neither SYN nor RST: drop.
}

/** SND.WND <- SEG.WND, SND.WL1 <- SEG.SEQ, SND.WL2 <- SEG.ACK, and remember the largest window offered. */
function setSendWindow(tcb: Tcb, wnd: number, wl1: number, wl2: number): void {
  tcb.sndWnd = wnd;
  tcb.sndWl1 = wl1;
  tcb.sndWl2 = wl2;
  if (wnd > tcb.maxSndWnd) tcb.maxSndWnd = wnd;
}

/** The four cases of the acceptability test (RFC 793 §3.3 p.26; RFC 9293 §3.4 Table 6 / §3.10.7.4). */
function acceptable(ep: Endpoint, seq: number, len: number): boolean {
  const tcb = ep.tcb;
  const wnd = rcvWnd(tcb);
  if (ep.mutant === 'windowRightEdgeIgnored') {
    // Only the left edge is checked: anything at or after RCV.NXT (or ending there) is taken in.
    return len === 0 ? seqGeq(seq, tcb.rcvNxt) : seqGeq(seqAdd(seq, len - 1), tcb.rcvNxt);
  }
  if (len === 0) return wnd === 0 ? seq === tcb.rcvNxt : inWindow(seq, tcb.rcvNxt, wnd);
  if (wnd === 0) return false;
  return inWindow(seq, tcb.rcvNxt, wnd) || inWindow(seqAdd(seq, len - 1), tcb.rcvNxt, wnd);
}

// ---- SYN-RECEIVED and the synchronized states (RFC 793 p.69-76; RFC 9293 §3.10.7.4)
function otherArrives(ep: Endpoint, seg: Segment): void {
  const tcb = ep.tcb;
  const ctl = seg.ctl;
  const len = segLen(seg);

  // Simultaneous open, RFC 9293 §3.5 Figure 7 line 6 (RFC 793 Figure 8): in an actively opened SYN-RECEIVED the
  // peer's SYN,ACK repeats its SYN at IRS, just below RCV.NXT, so the acceptability test alone would reject it
  // and the four-segment exchange of the figure could not complete. Like Linux (tcp_validate_incoming), take
  // exactly that segment as the ACK of our SYN: ESTABLISHED, nothing sent, as the figure shows.
  if (
    tcb.state === 'SynReceived' &&
    !tcb.passive &&
    (ctl & (SYN | ACK | RST | FIN)) === (SYN | ACK) &&
    seg.data.length === 0 &&
    seqAdd(seg.seq, 1) === tcb.rcvNxt &&
    seg.ack === tcb.sndNxt
  ) {
    tcb.state = 'Established';
    tcb.sndUna = seg.ack;
    dropAcknowledged(tcb);
    rearmOnAck(ep);
    setSendWindow(tcb, seg.wnd, seg.seq, seg.ack);
    if (tcb.closeQueued) {
      tcb.closeQueued = false;
      tcb.closePending = true;
      tcb.state = 'FinWait1';
    }
    output(ep);
    return;
  }

  // First, the sequence number.
  if (!acceptable(ep, seg.seq, len)) {
    // An unacceptable RST is dropped silently; anything else gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
    if (ctl & RST) return;
    // TIME-WAIT: a retransmission of the peer's FIN (it ends just at RCV.NXT) is acknowledged again and
    // restarts the 2MSL timer (RFC 793 p.73, p.76; RFC 9293 §3.10.7.4 fifth and eighth).
    if (tcb.state === 'TimeWait' && ctl & FIN && seqAdd(seg.seq, len) === tcb.rcvNxt) {
      if (ep.mutant !== 'timeWaitNoRestart') restartTimeWait(ep);
    }
    if (ep.mutant !== 'noAckForUnacceptable') sendAck(ep);
    return;
  }

  // Second, RST.
  if (ctl & RST) {
    // RFC 5961 §3.2 (rfc9293): only a RST exactly at RCV.NXT resets; one elsewhere in the window gets a
    // challenge ACK. RFC 793 p.37, p.70: any RST in the window resets.
    if (ep.rfc5961 && seg.seq !== tcb.rcvNxt && ep.mutant !== 'rstInWindowAccepted') {
      sendAck(ep);
      return;
    }
    switch (tcb.state) {
      case 'SynReceived':
        // Passive open: back to LISTEN, the user need not know. Active open: "connection refused", CLOSED.
        if (tcb.passive && ep.mutant !== 'passiveRstCloses') {
          ep.returnToListen();
        } else {
          if (!tcb.passive) ep.signals.push('connection refused');
          ep.deleteTcb();
        }
        return;
      case 'Established':
      case 'FinWait1':
      case 'FinWait2':
      case 'CloseWait':
        // Queues flushed, "connection reset", CLOSED.
        ep.signals.push('connection reset');
        ep.deleteTcb();
        return;
      default:
        // CLOSING, LAST-ACK, TIME-WAIT: the user has closed already; just CLOSED.
        ep.deleteTcb();
        return;
    }
  }

  // (Third, security and precedence: not modelled.)

  // Fourth, SYN.
  if (ctl & SYN) {
    // RFC 9293 §3.10.7.4 fourth (and RFC 1122 §4.2.2.20 (e)): a passive SYN-RECEIVED returns to LISTEN.
    if (tcb.state === 'SynReceived' && tcb.passive && ep.rfc5961) {
      ep.returnToListen();
      return;
    }
    if (ep.rfc5961 && ep.mutant !== 'synResetsConnection') {
      // RFC 5961 §4.2: any SYN on a synchronized connection gets a challenge ACK and is dropped.
      sendAck(ep);
      return;
    }
    // RFC 793 p.71: a SYN in the window is an error: reset (formed per §3.5.2), "connection reset", CLOSED.
    const wnd = rcvWnd(tcb);
    if (wnd === 0 ? seg.seq === tcb.rcvNxt : inWindow(seg.seq, tcb.rcvNxt, wnd)) {
      sendResetFor(ep, seg, len);
      ep.signals.push('connection reset');
      ep.deleteTcb();
      return;
    }
    // A SYN before the window on a segment whose tail is acceptable: the SYN is trimmed off (RFC 793 p.69).
  }

  // Fifth, ACK.
  if (!(ctl & ACK)) return; // without ACK: drop
  if (tcb.state === 'SynReceived') {
    if (seqLt(tcb.sndUna, seg.ack) && seqLeq(seg.ack, tcb.sndNxt)) {
      // Our SYN is acknowledged: ESTABLISHED; the window comes from this segment.
      tcb.state = 'Established';
      setSendWindow(tcb, seg.wnd, seg.seq, seg.ack);
    } else {
      // Unacceptable ACK: <SEQ=SEG.ACK><CTL=RST>, drop.
      if (ep.mutant !== 'synReceivedBadAckIgnored') sendResetFor(ep, seg, len);
      return;
    }
  } else if (ep.rfc5961 && ep.mutant !== 'tooOldAckIgnored' && seqLt(seg.ack, seqAdd(tcb.sndUna, -tcb.maxSndWnd))) {
    // RFC 5961 §5.2: an ACK older than SND.UNA - MAX.SND.WND gets a challenge ACK and is dropped.
    sendAck(ep);
    return;
  }
  if (seqGt(seg.ack, tcb.sndNxt)) {
    // It acknowledges something not yet sent: send an ACK, drop.
    if (ep.mutant !== 'futureAckIgnored') sendAck(ep);
    return;
  }
  if (seqLt(tcb.sndUna, seg.ack)) {
    // New data (or our SYN / FIN) acknowledged: SND.UNA advances, the retransmission queue shrinks.
    tcb.sndUna = seg.ack;
    dropAcknowledged(tcb);
    rearmOnAck(ep);
  }
  // A duplicate ACK (SEG.ACK =< SND.UNA) is otherwise ignored. The window is updated from segments that are
  // not older than the last update (SND.WL1, SND.WL2).
  if (
    seqLeq(tcb.sndUna, seg.ack) &&
    (seqLt(tcb.sndWl1, seg.seq) || (tcb.sndWl1 === seg.seq && seqLeq(tcb.sndWl2, seg.ack)))
  ) {
    setSendWindow(tcb, seg.wnd, seg.seq, seg.ack);
  }
  const finAcked = tcb.finSent && tcb.sndUna === tcb.sndNxt;
  switch (tcb.state) {
    case 'Established':
      // The CLOSE a user gave in SYN-RECEIVED with data queued is carried out now (RFC 9293 §3.10.4).
      if (tcb.closeQueued) {
        tcb.closeQueued = false;
        tcb.closePending = true;
        tcb.state = 'FinWait1';
      }
      break;
    case 'FinWait1':
      // Our FIN acknowledged: FIN-WAIT-2, and go on in that state. Mutant 'finWait1FinAckToClosing' leaves a
      // FIN-bearing segment's ACK to the FIN step, which then takes it for a simultaneous close.
      if (finAcked && !(ep.mutant === 'finWait1FinAckToClosing' && ctl & FIN)) tcb.state = 'FinWait2';
      break;
    case 'Closing':
      // Our FIN acknowledged: TIME-WAIT; otherwise the segment is ignored.
      if (finAcked) enterTimeWait(ep);
      output(ep);
      return;
    case 'LastAck':
      // Our FIN acknowledged: delete the TCB, CLOSED. The passive closer has no TIME-WAIT.
      if (finAcked) {
        if (ep.mutant === 'passiveCloserTimeWait') enterTimeWait(ep);
        else ep.deleteTcb();
        return;
      }
      output(ep);
      return;
    default:
      break;
  }

  // (Sixth, URG: out of scope.)
  // Seventh and eighth: text and FIN.
  processText(ep, seg);
  if (ep.tcb !== tcb) return;
  output(ep);
}

/**
 * Seventh and eighth checks (RFC 793 p.74-75; RFC 9293 §3.10.7.4): take in-order text into the receive
 * buffer, hold text ahead of RCV.NXT, then process a FIN that has become next in sequence.
 */
function processText(ep: Endpoint, seg: Segment): void {
  const tcb = ep.tcb;
  let seq = seg.ctl & SYN ? seqAdd(seg.seq, 1) : seg.seq;
  let data = seg.data;
  let fin = (seg.ctl & FIN) !== 0;
  if (data.length === 0 && !fin) return;

  switch (tcb.state) {
    case 'Established':
    case 'FinWait1':
    case 'FinWait2':
      break;
    case 'TimeWait':
      // Only a FIN can matter here: acknowledge it and restart the 2MSL timer.
      if (fin) {
        restartTimeWait(ep);
        tcb.ackNow = true;
      }
      return;
    default:
      // CLOSE-WAIT, CLOSING, LAST-ACK: the peer's FIN came already; text or FIN after it is ignored.
      return;
  }

  // Trim what lies before RCV.NXT (RFC 793 p.69: only the new part is processed).
  const old = seqDiff(tcb.rcvNxt, seq);
  if (old > 0) {
    if (old > data.length) {
      data = '';
      fin = false; // the FIN too is old
    } else {
      data = data.slice(old);
    }
    seq = tcb.rcvNxt;
    if (data.length === 0 && !fin) return;
  }

  // Half-duplex CLOSE (RFC 9293 §3.6.1, SHLD-3): data nobody will read is answered with a RST.
  if (tcb.receiveClosed && data.length > 0) {
    sendAbortRst(ep);
    ep.deleteTcb();
    return;
  }
  // Mutant 'halfCloseDropsData': after our CLOSE the text is ignored, as if the peer had closed.
  if (ep.mutant === 'halfCloseDropsData' && tcb.state !== 'Established' && data.length > 0) return;

  // Trim what lies beyond the window; a FIN beyond it is lost with it.
  const room = seqDiff(seqAdd(tcb.rcvNxt, rcvWnd(tcb)), seq);
  if (data.length > room) {
    data = room > 0 ? data.slice(0, room) : '';
    fin = false;
  }

  if (seq !== tcb.rcvNxt) {
    // Ahead of RCV.NXT: hold it for later and say at once what we expect (RFC 9293 MAY-13, SHLD-31).
    if (data.length > 0 || fin) hold(tcb, seq, data, fin);
    tcb.ackNow = true;
    return;
  }

  if (data.length > 0) {
    tcb.rcvQueue += data;
    tcb.rcvNxt = seqAdd(tcb.rcvNxt, data.length);
    // In-order data: the ACK may wait (RFC 9293 §3.8.6.3); any segment we send meanwhile carries it.
    if (tcb.ackDue === OFF) {
      tcb.ackDue = ep.now + (ep.mutant === 'delayedAckTooLong' ? 3 * DELAYED_ACK_MS : DELAYED_ACK_MS);
    }
  }
  // Held segments that are now in sequence join the queue; filling a hole is acknowledged at once.
  while (!fin && tcb.held.length > 0 && seqLeq(tcb.held[0].seq, tcb.rcvNxt)) {
    const h = tcb.held.shift()!;
    const skip = seqDiff(tcb.rcvNxt, h.seq);
    if (skip < h.data.length) {
      const more = h.data.slice(skip);
      tcb.rcvQueue += more;
      tcb.rcvNxt = seqAdd(tcb.rcvNxt, more.length);
    }
    if (h.fin && skip <= h.data.length) fin = true;
    tcb.ackNow = true;
  }
  if (fin) finArrives(ep);
}

/** Keep an out-of-order segment, sorted by sequence number. */
function hold(tcb: Tcb, seq: number, data: string, fin: boolean): void {
  let i = 0;
  while (i < tcb.held.length && seqLeq(tcb.held[i].seq, seq)) i++;
  tcb.held.splice(i, 0, { seq, data, fin });
}

/** Eighth check: the peer's FIN is next in sequence (RFC 793 p.75; RFC 9293 §3.10.7.4). */
function finArrives(ep: Endpoint): void {
  const tcb = ep.tcb;
  // Signal "connection closing", advance RCV.NXT over the FIN, acknowledge it (at once).
  // Mutant 'finAckOffByOne': RCV.NXT is not advanced, so the ACK names the FIN instead of what follows it.
  if (ep.mutant !== 'finAckOffByOne') tcb.rcvNxt = seqAdd(tcb.rcvNxt, 1);
  tcb.finReceived = true;
  tcb.held.length = 0;
  ep.signals.push('connection closing');
  tcb.ackNow = true;
  switch (tcb.state) {
    case 'Established':
      tcb.state = 'CloseWait';
      break;
    case 'FinWait1':
      if (tcb.finSent && tcb.sndUna === tcb.sndNxt && ep.mutant !== 'finWait1FinAckToClosing') {
        // Our FIN was acknowledged (perhaps by this very segment): TIME-WAIT.
        enterTimeWait(ep);
      } else if (ep.mutant === 'simultaneousCloseSkipsClosing') {
        enterTimeWait(ep);
      } else {
        // Simultaneous close (RFC 9293 §3.6 Figure 13): CLOSING until our FIN is acknowledged.
        tcb.state = 'Closing';
      }
      break;
    case 'FinWait2':
      enterTimeWait(ep);
      break;
    default:
      break;
  }
}
