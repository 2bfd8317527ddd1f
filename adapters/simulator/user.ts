// User calls (RFC 793 §3.9 p.54-62; RFC 9293 §3.10.1-3.10.5), non-blocking: each answers at once.
import { UserCall } from '../../models/input';
import { CallError, CallResult } from '../../models/observation';
import type { Endpoint } from './endpoint';
import { output, sendAbortRst, sendAck, sendSyn } from './output';
import { RCV_BUF, rcvWnd, SND_BUF, sendBuffered, Tcb } from './tcb';
import { seqAdd, seqDiff } from '../../models/seq';

const OK: CallResult = Object.freeze({ ok: true }) as CallResult;

function fail(error: CallError): CallResult {
  return { ok: false, error };
}

export function userCall(ep: Endpoint, c: UserCall): CallResult {
  switch (c.call) {
    case 'open':
      return open(ep, c.mode === 'passive');
    case 'send':
      return send(ep, c.data);
    case 'receive':
      return receive(ep);
    case 'close':
      return close(ep, c.mode === 'halfDuplex');
    case 'abort':
      return abort(ep);
  }
}

/** Active open: pick an ISS, send <SEQ=ISS><CTL=SYN>, SYN-SENT. */
function activeOpen(ep: Endpoint): void {
  const tcb = ep.tcb;
  tcb.passive = false;
  tcb.iss = ep.newIss();
  tcb.state = 'SynSent';
  sendSyn(ep);
}

// ---- OPEN (RFC 793 p.54; RFC 9293 §3.10.1)
function open(ep: Endpoint, passive: boolean): CallResult {
  switch (ep.tcb.state) {
    case 'Closed':
      // A new TCB: passive waits in LISTEN; active sends its SYN.
      ep.tcb = new Tcb();
      if (passive) {
        ep.tcb.state = 'Listen';
        ep.tcb.passive = true;
      } else {
        activeOpen(ep);
      }
      return OK;
    case 'Listen':
      // Our listener's foreign socket is the tester, so an active OPEN turns it active.
      if (passive) return fail('connection already exists');
      activeOpen(ep);
      return OK;
    default:
      return fail('connection already exists');
  }
}

// ---- SEND (RFC 793 p.55-56; RFC 9293 §3.10.2)
function send(ep: Endpoint, data: string): CallResult {
  const tcb = ep.tcb;
  switch (tcb.state) {
    case 'Closed':
      return fail('connection does not exist');
    case 'Listen':
      // The foreign socket is known: turn active, SYN sent, data queued until ESTABLISHED.
      activeOpen(ep);
      tcb.unsent += data;
      return OK;
    case 'SynSent':
    case 'SynReceived':
      // Queued until ESTABLISHED. After a (queued) CLOSE there is nothing more to send.
      if (tcb.closeQueued || tcb.closePending) return fail('connection closing');
      if (sendBuffered(tcb) + data.length > SND_BUF) return fail('insufficient resources');
      tcb.unsent += data;
      return OK;
    case 'Established':
    case 'CloseWait':
      // Segmentize and send with a piggybacked ACK, as the window allows.
      if (sendBuffered(tcb) + data.length > SND_BUF) return fail('insufficient resources');
      tcb.unsent += data;
      output(ep);
      return OK;
    default:
      // FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK, TIME-WAIT: we said we would send no more.
      return fail('connection closing');
  }
}

// ---- RECEIVE (RFC 793 p.58-59; RFC 9293 §3.10.3)
function receive(ep: Endpoint): CallResult {
  const tcb = ep.tcb;
  switch (tcb.state) {
    case 'Closed':
      return fail('connection does not exist');
    case 'Listen':
    case 'SynSent':
    case 'SynReceived':
      // Nothing can have arrived yet; a non-blocking RECEIVE gets nothing.
      return { ok: true, data: '' };
    case 'Established':
    case 'FinWait1':
    case 'FinWait2':
    case 'CloseWait': {
      // After a half-duplex CLOSE the application has given up reading (RFC 9293 §3.6.1).
      if (tcb.receiveClosed) return fail('connection closing');
      const data = tcb.rcvQueue;
      // In CLOSE-WAIT, once everything on hand has been read, the answer is "connection closing" (EOF).
      if (data.length === 0 && tcb.finReceived && ep.mutant !== 'eofNotReported') return fail('connection closing');
      tcb.rcvQueue = '';
      if (data.length > 0) windowUpdate(ep);
      return { ok: true, data };
    }
    default:
      // CLOSING, LAST-ACK, TIME-WAIT.
      return fail('connection closing');
  }
}

/**
 * Receiver-side silly window avoidance (RFC 9293 §3.8.6.2.2; RFC 1122 §4.2.3.3): announce a reopened window
 * only when its right edge moves by at least half the buffer (our buffer is far smaller than an MSS).
 */
function windowUpdate(ep: Endpoint): void {
  const tcb = ep.tcb;
  if (tcb.finReceived) return; // the peer will send nothing more
  const right = seqAdd(tcb.rcvNxt, rcvWnd(tcb));
  if (seqDiff(right, tcb.rcvAdvRight) >= RCV_BUF / 2) sendAck(ep);
}

// ---- CLOSE (RFC 793 p.60-61; RFC 9293 §3.10.4; half-duplex close §3.6.1)
function close(ep: Endpoint, halfDuplexAsked: boolean): CallResult {
  const tcb = ep.tcb;
  // The half-duplex close exists only where the profile has it (RFC 9293); elsewhere it is the plain CLOSE.
  const halfDuplex = halfDuplexAsked && ep.halfDuplexClose;
  // Data the application will never read is reported to the peer with a RST (RFC 9293 §3.6.1, SHLD-3).
  const discardsData = halfDuplex && tcb.rcvQueue.length > 0 && ep.mutant !== 'closeUnreadSendsFin';
  switch (tcb.state) {
    case 'Closed':
      return fail('connection does not exist');
    case 'Listen':
    case 'SynSent':
      // Nothing sent to the peer yet that needs closing: delete the TCB.
      ep.deleteTcb();
      return OK;
    case 'SynReceived':
      if (halfDuplex) tcb.receiveClosed = true;
      if (tcb.unsent.length === 0) {
        // No data queued: FIN now, FIN-WAIT-1.
        tcb.closePending = true;
        tcb.state = 'FinWait1';
        output(ep);
      } else {
        // Data queued: the CLOSE waits for ESTABLISHED, after that data.
        tcb.closeQueued = true;
      }
      return OK;
    case 'Established':
      if (discardsData) return resetClose(ep);
      if (halfDuplex) tcb.receiveClosed = true;
      // FIN after the queued data; FIN-WAIT-1 in any case.
      tcb.closePending = true;
      tcb.state = 'FinWait1';
      output(ep);
      return OK;
    case 'FinWait1':
    case 'FinWait2':
      // Our FIN is on its way already: no second one. A half-duplex close still stops receiving.
      if (discardsData) return resetClose(ep);
      if (halfDuplex) {
        tcb.receiveClosed = true;
        return OK;
      }
      return fail('connection closing');
    case 'CloseWait':
      if (discardsData) return resetClose(ep);
      // FIN after the queued data, LAST-ACK (RFC 793 p.61 said CLOSING; erratum, adopted by RFC 9293).
      tcb.closePending = true;
      tcb.state = ep.mutant === 'closeWaitToClosing' ? 'Closing' : 'LastAck';
      output(ep);
      return OK;
    default:
      // CLOSING, LAST-ACK, TIME-WAIT.
      return fail('connection closing');
  }
}

/** Half-duplex close with unread data: <SEQ=SND.NXT><CTL=RST>, CLOSED. */
function resetClose(ep: Endpoint): CallResult {
  sendAbortRst(ep);
  ep.deleteTcb();
  return OK;
}

// ---- ABORT (RFC 793 p.62; RFC 9293 §3.10.5)
function abort(ep: Endpoint): CallResult {
  switch (ep.tcb.state) {
    case 'Closed':
      return fail('connection does not exist');
    case 'SynReceived':
    case 'Established':
    case 'FinWait1':
    case 'FinWait2':
    case 'CloseWait':
      // The peer knows of the connection: tell it <SEQ=SND.NXT><CTL=RST>. Queues are flushed.
      if (ep.mutant !== 'abortNoRst') sendAbortRst(ep);
      ep.deleteTcb();
      return OK;
    default:
      // LISTEN, SYN-SENT (no peer state to reset), CLOSING, LAST-ACK, TIME-WAIT (both FINs sent): just delete.
      ep.deleteTcb();
      return OK;
  }
}
