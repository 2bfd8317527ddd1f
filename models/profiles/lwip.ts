import { Profile } from '../profile';
import { Rule } from '../rule';
import { ConcreteInput } from '../input';
import { Tcb } from '../tcb';
import { rfc9293 } from './rfc9293';
import { lwipSynchronized } from './lwip-synchronized';
import { lwipOutput } from './lwip-output';
import { lwipSynSent } from './lwip-syn-sent';
import { apiUserCall } from './api-calls';
import { lwipAfterStep } from './lwip-let-go';
import { lwipSegmentArrives } from './lwip-time-wait';

// lwIP 2.1.3 as Debian ships it (liblwip-dev 2.1.3+dfsg1-2). Every departure from rfc9293 below was found
// by `tcpconform check --adapter lwip --profile rfc9293` and is cited to lwIP's source (src/core/); see
// docs/lwip.md for each one's minimal counterexample. File and function names are lwIP's.
const SRC = 'lwIP 2.1.3';

const rules = [
  {
    id: 'rst.withAck',
    states: ['Closed', 'Listen', 'SynSent', 'SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'every RST lwIP sends carries ACK: SEG.SEQ+SEG.LEN in reply to a segment, RCV.NXT on ABORT',
    rfc793: '§3.4 p.36',
    rfc9293: '§3.5.2, §3.10.5',
    also: `${SRC} tcp_out.c: tcp_rst() always sets TCP_RST | TCP_ACK`,
  },
  {
    id: 'synSent.syn.ignored',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'lwIP has no simultaneous open: a SYN without ACK in SYN-SENT is dropped',
    rfc793: '§3.9 p.68',
    rfc9293: '§3.10.7.3',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT handles SYN+ACK only`,
  },
  {
    id: 'synReceived.syn.retransmitted',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      "a SYN without ACK at IRS in SYN-RECEIVED is taken for a copy of the peer's SYN: the SYN,ACK is sent again",
    rfc793: '§3.9 p.69, p.71',
    rfc9293: '§3.10.7.4 (first, fourth)',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD: tcp_rexmit() when seqno == rcv_nxt - 1`,
    requires: 'synReceivedSynIsRetransmission',
  },
  {
    id: 'synReceived.syn.ignored',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary: 'any other SYN without ACK in SYN-RECEIVED is dropped: no ACK, no return to LISTEN',
    rfc793: '§3.9 p.69, p.71',
    rfc9293: '§3.10.7.4 (first, fourth)',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD`,
    requires: 'synReceivedSynIsRetransmission',
  },
  {
    id: 'send.synReceived.unaccepted',
    states: ['SynReceived'],
    event: 'SEND',
    summary:
      'a passively opened connection reaches the application only once ESTABLISHED (the accept callback): until then SEND goes to the listener, "foreign socket unspecified"',
    rfc793: '§3.9 p.56',
    rfc9293: '§3.10.2',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD calls TCP_EVENT_ACCEPT on the handshake's ACK`,
    requires: 'acceptWhenEstablished',
  },
  {
    id: 'close.synReceived.unaccepted',
    states: ['SynReceived'],
    event: 'CLOSE',
    summary:
      'CLOSE or ABORT before the accept closes the listener only: the half-open connection stays in SYN-RECEIVED',
    rfc793: '§3.9 p.60, p.62',
    rfc9293: '§3.10.4, §3.10.5',
    also: `${SRC} tcp.c: tcp_close() on the listen pcb, tcp_listen_closed()`,
    requires: 'acceptWhenEstablished',
  },
  {
    id: 'user.synReceived.listenerClosed',
    states: ['SynReceived'],
    event: 'SEND',
    summary:
      'once the listener is closed the application holds nothing: SEND, RECEIVE, CLOSE, ABORT answer "connection does not exist"',
    rfc793: '§3.9 p.55-62',
    rfc9293: '§3.10.2-3.10.5 (CLOSED)',
    also: `${SRC} tcp.c: tcp_listen_closed()`,
    requires: 'acceptWhenEstablished',
  },
  {
    id: 'synReceived.ack.listenerClosed',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      'the handshake of a connection whose listener was closed completes into a reset: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, CLOSED',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD: pcb->listener == NULL, tcp_abort()`,
    requires: 'acceptWhenEstablished',
  },
  {
    id: 'rst.synReceived.listenerClosed',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST on a connection whose listener was closed ends it: CLOSED, not LISTEN',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
    also: `${SRC} tcp_in.c: tcp_process() (TF_RESET), tcp_input()`,
    requires: 'acceptWhenEstablished',
  },
  {
    id: 'abort.quiet.reset',
    states: ['SynSent', 'Closing', 'LastAck'],
    event: 'ABORT',
    summary:
      'ABORT sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> in SYN-SENT, CLOSING and LAST-ACK too, where the RFC deletes the TCB without a segment',
    rfc793: '§3.9 p.62',
    rfc9293: '§3.10.5',
    also: `${SRC} tcp.c: tcp_abandon() sends a RST in every state but CLOSED, LISTEN and TIME-WAIT`,
    requires: 'abortAlwaysResets',
  },
  {
    id: 'rst.synFinCountedOnce',
    states: ['Closed', 'Listen', 'SynSent', 'SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      'the reset answering a segment with both SYN and FIN acknowledges SEG.SEQ+SEG.LEN-1: SYN and FIN are counted as one',
    rfc793: '§3.3 p.26, §3.4 p.36',
    rfc9293: '§3.4, §3.5.2',
    also: `${SRC} tcp_in.c: tcp_input(), tcplen = p->tot_len + ((flags & (TCP_FIN | TCP_SYN)) ? 1 : 0)`,
    requires: 'synFinCountOnce',
  },
  {
    id: 'synSent.synAck.textIgnored',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'text and FIN on the SYN,ACK are dropped: only the SYN is acknowledged, ESTABLISHED',
    rfc793: '§3.9 p.68',
    rfc9293: '§3.10.7.3 (fourth: continue at the sixth step)',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT does not call tcp_receive()`,
    requires: 'synAckTextIgnored',
  },
  {
    id: 'synSent.ackUnacceptable.synAgain',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary:
      'after the RST answering an unacceptable ACK the SYN is retransmitted at once (while fewer than 6 retransmissions were made)',
    rfc793: '§3.9 p.66',
    rfc9293: '§3.10.7.3 (first)',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT: tcp_rexmit_rto() if nrtx < TCP_SYNMAXRTX`,
    requires: 'synAgainAfterReset',
  },
  {
    id: 'synSent.ack.reset',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary:
      'an ACK without SYN is answered with a reset even when it acknowledges our SYN (then the SYN again, as for an unacceptable ACK)',
    rfc793: '§3.9 p.66-68',
    rfc9293: '§3.10.7.3 (first, fifth)',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT: "received ACK? possibly a half-open connection" takes every ACK that is not the SYN,ACK`,
    requires: 'synSentAckResets',
  },
  {
    id: 'seq.unacceptable.ackProcessed',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a segment that fails the sequence test still has its ACK field processed (data acknowledged, window updated, our FIN acknowledged) before it is answered with an ACK and its text and FIN dropped',
    rfc793: '§3.9 p.69',
    rfc9293: '§3.10.7.4 (first, fifth)',
    also: `${SRC} tcp_in.c: tcp_process() makes no sequence test before tcp_receive(), which processes the ACK first and only then sends an ACK for text outside the window`,
    requires: 'ackOfUnacceptableSegment',
  },
  {
    id: 'lastAck.unacceptable.closedSilently',
    states: ['LastAck'],
    event: 'SEGMENT ARRIVES',
    summary:
      'in LAST-ACK a segment that fails the sequence test but acknowledges our FIN ends the connection without the ACK the sequence test owes it',
    rfc793: '§3.9 p.69, p.73',
    rfc9293: '§3.10.7.4 (first, fifth)',
    also: `${SRC} tcp_in.c: tcp_process(), case LAST_ACK sets TF_CLOSED; tcp_input() then removes the pcb without calling tcp_output(), dropping the TF_ACK_NOW that tcp_receive() set`,
    requires: 'ackOfUnacceptableSegment',
  },
  {
    id: 'user.afterClose.letGo',
    states: ['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEND',
    summary:
      'after tcp_close() (the half-duplex CLOSE) the application holds no pcb: SEND, RECEIVE, CLOSE and ABORT answer "connection closing" while lwIP finishes the connection',
    rfc793: '§3.9 p.56-62',
    rfc9293: '§3.10.2-3.10.5',
    also: `${SRC} tcp.c: tcp_close() ("the pcb must not be referenced any more"); the shim answers for it`,
    requires: 'closeLetsGo',
  },
  {
    id: 'signals.afterClose.none',
    states: ['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'after tcp_close() (the half-duplex CLOSE) the application is told nothing more: a reset or a timeout ends the connection without a signal',
    rfc793: '§3.9 p.70, p.77',
    rfc9293: '§3.10.7.4 (second), §3.10.8, §3.6.1',
    also: `${SRC} tcp.c: tcp_close() hands the pcb to the stack; the raw API forbids using it afterwards, so the shim (like lwIP's own netconn and socket layers) unhooks the error callback first`,
    requires: 'closeLetsGo',
  },
  {
    id: 'text.outOfOrder.ackFirst',
    states: ['Established', 'FinWait1', 'FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary:
      "text ahead of RCV.NXT is answered at once by an ACK segment of its own, sent before any data the segment's ACK lets out",
    rfc793: '§3.9 p.74',
    rfc9293: '§3.10.7.4 (seventh)',
    also: `${SRC} tcp_in.c: tcp_receive(), out-of-sequence branch calls tcp_send_empty_ack() before tcp_output() runs in tcp_input()`,
    requires: 'outOfOrderAckFirst',
  },
  {
    id: 'timeWait.lean.rstIgnored',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'in TIME-WAIT every RST is ignored, in the window or not (RFC 1337 §3)',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
    also: `${SRC} tcp_in.c: tcp_timewait_input()`,
    requires: 'timeWaitLean',
  },
  {
    id: 'timeWait.lean.synReset',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'in TIME-WAIT a SYN with RCV.NXT =< SEG.SEQ =< RCV.NXT+RCV.WND is answered with a reset formed from it, and TIME-WAIT goes on',
    rfc793: '§3.9 p.71',
    rfc9293: '§3.10.7.4 (fourth)',
    also: `${SRC} tcp_in.c: tcp_timewait_input()`,
    requires: 'timeWaitLean',
  },
  {
    id: 'timeWait.lean.acked',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'in TIME-WAIT any other segment that occupies sequence space (text, FIN, a SYN outside the window) is answered with <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, wherever it lies; a FIN also restarts the 2·MSL timer',
    rfc793: '§3.9 p.69, p.75',
    rfc9293: '§3.10.7.4 (first, eighth)',
    also: `${SRC} tcp_in.c: tcp_timewait_input()`,
    requires: 'timeWaitLean',
  },
  {
    id: 'timeWait.lean.emptyIgnored',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'in TIME-WAIT a segment without text, SYN or FIN gets no answer, even outside the window or acknowledging what was never sent',
    rfc793: '§3.9 p.69, p.72',
    rfc9293: '§3.10.7.4 (first, fifth)',
    also: `${SRC} tcp_in.c: tcp_timewait_input()`,
    requires: 'timeWaitLean',
  },
  {
    id: 'timer.fromLastArrival',
    states: ['FinWait1', 'FinWait2', 'Closing', 'TimeWait'],
    event: 'TIME-WAIT TIMEOUT',
    summary:
      'after tcp_close() the FIN-WAIT-2 timeout and the 2·MSL wait of TIME-WAIT count from the last segment that arrived before the close, not from entering the state',
    rfc793: '§3.9 p.75-77',
    rfc9293: '§3.10.7.4 (eighth), §3.10.8',
    also: `${SRC} tcp_in.c: tcp_process() updates pcb->tmr only without TF_RXCLOSED; tcp.c: tcp_slowtmr() compares tcp_ticks - pcb->tmr with TCP_FIN_WAIT_TIMEOUT and 2 * TCP_MSL`,
    when: (p) => p.closedTimersFromLastArrival === true,
  },
  {
    id: 'close.halfDuplex.afterClose',
    states: ['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait'],
    event: 'CLOSE',
    summary:
      'tcp_close() after tcp_shutdown() has sent the FIN succeeds: receiving stops, no second FIN, and text still unread is dropped without a reset',
    rfc793: '§3.9 p.61',
    rfc9293: '§3.10.4, §3.6.1 (SHLD-3)',
    also: `${SRC} tcp.c: tcp_close() sets TF_RXCLOSED; tcp_close_shutdown() resets for unread data only in ESTABLISHED and CLOSE_WAIT; tcp_close_shutdown_fin(), default: "already closed, do nothing"`,
    requires: 'closeAfterCloseOk',
  },
  {
    id: 'ack.missing.textAccepted',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary: 'a segment without ACK is not dropped: its text is queued and acknowledged, its FIN processed',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
    also: `${SRC} tcp_in.c: tcp_receive() takes text whatever the ACK bit; only the ACK processing is under (flags & TCP_ACK)`,
    requires: 'textWithoutAck',
  },
  {
    id: 'synReceived.ackFirst',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      "in SYN-RECEIVED an acceptable ACK completes the handshake whatever the segment's SEQ or SYN: ESTABLISHED, the rest processed there",
    rfc793: '§3.9 p.69-72',
    rfc9293: '§3.10.7.4 (first, fourth, fifth)',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD tests only the ACK before tcp_receive()`,
    requires: 'synReceivedAckFirst',
  },
  {
    id: 'synReceived.ackFirst.unacceptable',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary: "in SYN-RECEIVED an unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST> whatever the segment's SEQ or SYN",
    rfc793: '§3.9 p.69-72',
    rfc9293: '§3.10.7.4 (first, fourth, fifth)',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD`,
    requires: 'synReceivedAckFirst',
  },
  {
    id: 'timeout.synReceived',
    states: ['SynReceived'],
    event: 'USER TIMEOUT',
    summary:
      'a connection left 20 s in SYN-RECEIVED since its last segment is dropped without a segment: back to LISTEN (the listener stays), or CLOSED',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8',
    also: `${SRC} tcp.c: tcp_slowtmr(), TCP_SYN_RCVD_TIMEOUT 20000 ms`,
    when: (p) => p.synReceivedTimeoutLo != null,
  },
  {
    id: 'timeout.lastAck',
    states: ['LastAck'],
    event: 'USER TIMEOUT',
    summary:
      'a connection in LAST-ACK is aborted without a segment 120 s after the last segment arrived (2·TCP_MSL), retransmissions of the FIN notwithstanding',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8',
    also: `${SRC} tcp.c: tcp_slowtmr(), "stayed too long in LAST-ACK": tcp_ticks - pcb->tmr > 2 * TCP_MSL`,
    when: (p) => p.lastAckTimeoutLo != null,
  },
  {
    id: 'synSent.synAck.presegmented',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary:
      'data queued in SYN-SENT was cut into segments of 536 octets (INITIAL_MSS) when written; they go out at that size even when the SYN,ACK announces a smaller MSS',
    rfc793: '§3.1 p.19 (MSS option)',
    rfc9293: '§3.7.1 (MUST-16)',
    also: `${SRC} tcp.c: tcp_connect() sets pcb->mss = INITIAL_MSS; tcp_out.c: tcp_write() cuts segments by pcb->mss, tcp_output() never re-cuts them`,
    when: (p) => p.presegmentMss != null,
  },
  {
    id: 'synSent.retransmission.data',
    states: ['SynSent'],
    event: 'RETRANSMISSION TIMEOUT',
    summary:
      'once a retransmission timeout has fired in SYN-SENT, every SYN sent again is followed by the data queued behind it, in segments without ACK, within a 536-octet window from ISS; a SYN,ACK must then acknowledge exactly ISS+1',
    rfc793: '§3.9 p.56',
    rfc9293: '§3.10.2 (SYN-SENT: queue the data until ESTABLISHED)',
    also: `${SRC} tcp.c: tcp_slowtmr() sets cwnd = mss (536) and calls tcp_rexmit_rto(), which puts the unacked SYN and data back on unsent; tcp_out.c: tcp_output() sends them, setting ACK only if state != SYN_SENT; tcp_in.c: tcp_process(), case SYN_SENT accepts only ackno == lastack + 1`,
    when: (p) => p.synSentDataWindow != null,
  },
  {
    id: 'text.afterClose.resetAcksText',
    states: ['FinWait1', 'FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary:
      'text arriving in order after tcp_close() is first taken into the window: the reset that answers it acknowledges the discarded octets (and a FIN behind them), <SEQ=SND.NXT><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; text ahead of RCV.NXT is not reset',
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.6.1 (SHLD-3)',
    also: `${SRC} tcp_in.c: tcp_input(), TF_RXCLOSED check after tcp_process() → tcp_receive() has advanced rcv_nxt; tcp_abort()`,
    requires: 'resetAfterTakingText',
  },
  {
    id: 'timeout.retransmission.flight',
    states: ['Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'RETRANSMISSION TIMEOUT',
    summary:
      'a retransmission timeout sends the unacknowledged segments again from SND.UNA, each as first sent (a FIN sent alone stays alone), as many as fit in one MSS and the send window',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8 (retransmission timeout)',
    also: `RFC 5681 §3.1 (a window of one segment after a timeout); ${SRC} tcp.c: tcp_slowtmr() sets cwnd = mss; tcp_out.c: tcp_rexmit_rto() moves all of unacked back to unsent, tcp_output() sends while seqno - lastack + len <= min(cwnd, snd_wnd)`,
    requires: 'rtoResendsFlight',
  },
  {
    id: 'text.afterClose.timeWaitDropped',
    states: ['FinWait1', 'FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary:
      "text after tcp_close() that comes with the peer's FIN, once ours is acknowledged, ends the connection without a segment: neither the reset nor the ACK of the FIN goes out",
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.6.1 (SHLD-3), §3.10.7.4 (eighth)',
    also: `${SRC} tcp_in.c: tcp_process() moves the pcb to TIME_WAIT on the FIN; tcp_input() then calls tcp_abort() for the text, and tcp.c: tcp_abandon() frees a TIME_WAIT pcb without tcp_rst()`,
    requires: 'resetAfterTakingText',
  },
  {
    id: 'synSent.rst.acksAllSent',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary:
      'once data has followed the SYN, a RST in SYN-SENT is acceptable only if it acknowledges exactly SND.NXT, that data included (an ACK of our SYN alone, ISS+1, is not)',
    rfc793: '§3.9 p.66-67',
    rfc9293: '§3.10.7.3 (first, second)',
    also: `${SRC} tcp_in.c: tcp_process(), RST in SYN_SENT acceptable iff ackno == pcb->snd_nxt`,
    when: (p) => p.synSentDataWindow != null,
  },
  {
    id: 'send.presegmented.stalled',
    states: ['Established', 'CloseWait'],
    event: 'SEND',
    summary:
      'data cut into 536-octet segments in SYN-SENT is never sent when a segment exceeds the initial congestion window min(4·MSS, max(2·MSS, 4380)) of a small announced MSS: nothing is in flight, so no ACK ever opens the window; the connection stalls (the FIN too stays queued)',
    rfc793: '§3.7 p.41',
    rfc9293: '§3.8.2, §3.7.1',
    also: `RFC 5681 §3.1; ${SRC} tcp_in.c: tcp_process(), case SYN_SENT: cwnd = LWIP_TCP_CALC_INITIAL_CWND(pcb->mss); tcp_out.c: tcp_output() window test and persist condition (wnd == pcb->snd_wnd)`,
    when: (p) => p.presegmentStalls === true,
  },
  {
    id: 'remove.owedAckSent',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck'],
    event: 'ABORT',
    summary:
      'a connection ended by ABORT while an ACK is being delayed sends that ACK just before the reset (a RST received clears the owed ACK instead)',
    rfc793: '§3.9 p.62, p.70',
    rfc9293: '§3.10.5',
    also: `${SRC} tcp.c: tcp_pcb_remove() calls tcp_ack_now() and tcp_output() when TF_ACK_DELAY is set; tcp_abandon() goes through it, while tcp_in.c: tcp_process() clears TF_ACK_DELAY on an acceptable RST`,
    requires: 'removalSendsOwedAck',
  },
  {
    id: 'rst.closing.reported',
    states: ['Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST in CLOSING or LAST-ACK is reported to the user ("connection reset") as it ends the connection',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
    also: `${SRC} tcp_in.c: tcp_input(), TF_RESET: TCP_EVENT_ERR(..., ERR_RST) in every state`,
    requires: 'resetReportedWhenClosing',
  },
  {
    id: 'closing.oldSeq.acked',
    states: ['Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary:
      'in CLOSING and LAST-ACK a segment that does not acknowledge our FIN but starts below RCV.NXT is answered with an ACK, where the RFC ignores it',
    rfc793: '§3.9 p.73',
    rfc9293: '§3.10.7.4 (fifth: "otherwise ignore the segment")',
    also: `${SRC} tcp_in.c: tcp_process(), cases CLOSING and LAST_ACK call tcp_receive(), which after the peer's FIN ACKs any segment whose seqno is outside [rcv_nxt, rcv_nxt + rcv_wnd - 1]`,
    requires: 'oldTextAckedAfterFin',
  },
  {
    id: 'timeout.retransmission.presegmentedStuck',
    states: ['Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'RETRANSMISSION TIMEOUT',
    summary:
      'a segment cut to 536 octets in SYN-SENT and longer than the MSS the peer then announced is never retransmitted: after a timeout the congestion window is one MSS, too small for it; the timer still counts retransmissions until lwIP gives up',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8, §3.7.1',
    also: `${SRC} tcp.c: tcp_slowtmr() (cwnd = mss, tcp_rexmit_rto_commit() counts nrtx); tcp_out.c: tcp_output() stops at a segment longer than min(cwnd, snd_wnd)`,
    when: (p) => p.presegmentStalls === true,
  },
  {
    id: 'synSent.mssTakenEarly',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary:
      'in SYN-SENT the MSS option of any SYN that is not a RST is taken, even when the segment is then rejected (unacceptable ACK) or dropped (no simultaneous open): later segments and the window after a timeout use it',
    rfc793: '§3.1 p.19',
    rfc9293: '§3.7.1, §3.10.7.3 (first: the segment is dropped)',
    also: `${SRC} tcp_in.c: tcp_process() calls tcp_parseopt() before the SYN_SENT checks`,
    requires: 'synSentMssFromAnySyn',
  },
  {
    id: 'ack.future.rttSample',
    states: ['Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary:
      'an ACK of data never sent (SEG.ACK > SND.NXT) is answered with an ACK but also taken as an RTT sample of the segment being timed, retransmitted or not: the RTO is recomputed from it and may afterwards back off to 0x7FFF ticks (4.5 hours)',
    rfc793: '§3.7 p.41',
    rfc9293: '§3.10.7.4 (fifth), §3.8.1',
    also: `RFC 6298 §3 (Karn: no samples from retransmitted segments); ${SRC} tcp_in.c: tcp_receive(), the RTT block (pcb->rttest && TCP_SEQ_LT(pcb->rtseq, ackno)) runs for every ACK; tcp_out.c: tcp_output_segment() starts timing a retransmission`,
    when: (p) => p.rtoWildMax != null,
  },
  {
    id: 'synSent.synAck.rtxCountKept',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary:
      "the SYN,ACK that completes an active open resets the retransmission count only when data remains unacknowledged: otherwise the SYN's retransmissions count against the 12 allowed for later data and FIN",
    rfc793: '§3.9 p.68',
    rfc9293: '§3.10.7.3, §3.8.3 (R2 counts retransmissions of one segment)',
    also: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT sets nrtx = 0 only if pcb->unacked != NULL; tcp_out.c: tcp_output_segment() restarts the timer without resetting nrtx`,
    requires: 'rtxCountKept',
  },
  {
    id: 'timeout.retransmission.flightHeld',
    states: ['Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'RETRANSMISSION TIMEOUT',
    summary:
      'what of the flight does not fit in the one-MSS window after a timeout waits, in front of new data, and goes out as later ACKs open the window',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8',
    also: `RFC 5681 §3.1; ${SRC} tcp_out.c: tcp_rexmit_rto() leaves the rest on unsent, tcp_output()`,
    requires: 'rtoResendsFlight',
  },
  {
    id: 'close.finOnWaitingEntry',
    states: ['FinWait1', 'LastAck'],
    event: 'CLOSE',
    summary:
      'a CLOSE while segments wait to be sent again puts the FIN on the last of them: it goes when that segment does',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4',
    also: `${SRC} tcp_out.c: tcp_send_fin() sets FIN on the last unsent segment when it can`,
    requires: 'rtoResendsFlight',
  },
  {
    id: 'close.finOnWaitingEntry.sent',
    states: ['FinWait1', 'LastAck', 'Closing'],
    event: 'SEGMENT ARRIVES',
    summary:
      'once everything before it is acknowledged, the segment carrying that FIN goes whole, even where its text was acknowledged already',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4, §3.10.8',
    also: `${SRC} tcp_in.c: tcp_receive() frees only segments acknowledged whole; tcp_out.c: tcp_output()`,
    requires: 'rtoResendsFlight',
  },
  {
    id: 'timeout.finWait2',
    states: ['FinWait2'],
    event: 'TIME-WAIT TIMEOUT',
    summary: 'after a full close (tcp_close) FIN-WAIT-2 ends in CLOSED after 20 s',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
    also: `${SRC} tcp.c: tcp_slowtmr(), TCP_FIN_WAIT_TIMEOUT 20000 ms with TF_RXCLOSED`,
  },
  {
    id: 'timeout.retransmissionsExhausted',
    states: ['SynSent', 'SynReceived', 'Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'USER TIMEOUT',
    summary: 'lwIP gives up after 12 retransmissions of data (6 of a SYN) instead of after a user timeout',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.8.3 (R2), §3.10.8',
    also: `${SRC} tcp.c: tcp_slowtmr(), TCP_MAXRTX 12, TCP_SYNMAXRTX 6`,
  },
  {
    id: 'seq.zeroWindow.acked',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary:
      'with the receive window closed, a segment without octets at RCV.NXT, which is acceptable, is processed and still answered with an ACK',
    rfc793: '§3.3 p.26, §3.9 p.69',
    rfc9293: '§3.4, §3.10.7.4 (first)',
    also: `${SRC} tcp_in.c: tcp_receive(), zero-length segments: TCP_SEQ_BETWEEN(seqno, rcv_nxt, rcv_nxt + rcv_wnd - 1) is false for every seqno when rcv_wnd is 0, so tcp_ack_now()`,
    requires: 'zeroWindowAcksAll',
  },
  {
    id: 'seq.windowEdge.rstChallenged',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a RST at RCV.NXT+RCV.WND, one past the window, is taken as inside it and answered with a challenge ACK instead of being dropped',
    rfc793: '§3.3 p.26, §3.9 p.69',
    rfc9293: '§3.4, §3.10.7.4 (first, second)',
    also: `RFC 5961 §3.2; ${SRC} tcp_in.c: tcp_process(), TCP_SEQ_BETWEEN(seqno, rcv_nxt, rcv_nxt + rcv_wnd) includes both ends`,
    requires: 'rstWindowEdgeInclusive',
  },
] as const satisfies readonly Rule[];

/** The ids of the rules this profile adds. */
export type LwipRuleId = (typeof rules)[number]['id'];

export const lwip: Profile = {
  name: 'lwip',
  summary: "lwIP 2.1.3 (Debian's liblwip-dev): rfc9293 with lwIP's cited departures",
  extends: 'rfc9293',
  features: new Set([
    ...[...rfc9293.features].filter((f) => f !== 'rfc5961.ack'),
    'resetCarriesAck',
    'noSimultaneousOpen',
    'isnMayRepeat',
    'synReceivedSynIsRetransmission',
    'acceptWhenEstablished',
    'abortAlwaysResets',
    'synFinCountOnce',
    'synAckTextIgnored',
    'synAgainAfterReset',
    'synReceivedAckFirst',
    'synSentAckResets',
    'ackOfUnacceptableSegment',
    'textWithoutAck',
    'resetAfterTakingText',
    'rtoResendsFlight',
    'closeLetsGo',
    'outOfOrderAckFirst',
    'timeWaitLean',
    'closeAfterCloseOk',
    'removalSendsOwedAck',
    'resetReportedWhenClosing',
    'oldTextAckedAfterFin',
    'synSentMssFromAnySyn',
    'rtxCountKept',
    'rstWindowEdgeInclusive',
    'zeroWindowAcksAll',
  ]),
  params: {
    ...rfc9293.params,
    // 2·TCP_MSL with TCP_MSL 60000 ms, checked by a 500 ms slow timer (tcp.c: tcp_slowtmr()).
    timeWaitLo: 120000,
    timeWaitHi: 121000,
    // No user timeout; the retransmission count limits instead (tcp_slowtmr()).
    userTimeoutLo: null,
    userTimeoutHi: null,
    maxRetransmissions: { data: 12, syn: 6 },
    // tcp_slowtmr() removes the pcb at its next run (every 500 ms) once nrtx reaches the limit.
    giveUpWithin: 500,
    // RTO starts at 3 s (tcp.c: tcp_alloc()); tcp_slowtmr() shifts the base ((sa >> 3) + sv) left by
    // tcp_backoff[nrtx] = {1,2,3,4,5,6,7,7,...} before the (nrtx+1)-th retransmission: after the n-th the RTO is
    // base·2^min(n,7). The base may fall below 3 s with RTT samples (not below about 1 s with 500 ms ticks), so
    // the earliest times are rtoInitial (1 s)·2^min(n,7); the latest allow 3 s·2^7 = 384 s and a tick.
    rtoBackoff: [1, 2, 4, 8, 16, 32, 64, 128],
    rtoMax: 400000,
    // An RTT sample from a bogus ACK can make ((sa >> 3) + sv) << 7 reach the s16 ceiling of 0x7FFF ticks.
    rtoWildMax: 16384000,
    // tcp_slowtmr() backs off only `if (pcb->state != SYN_SENT)`: the SYN goes again every RTO.
    synRtoFixed: true,
    // tcp_slowtmr() sets cwnd = mss (INITIAL_MSS 536 in SYN-SENT) before tcp_rexmit_rto(); tcp_output() then
    // sends what fits in it after the SYN, without ACK.
    synSentDataWindow: 536,
    // tcp_slowtmr() drops a pcb more than TCP_SYN_RCVD_TIMEOUT (20000 ms) in SYN-RECEIVED after pcb->tmr,
    // which every segment reaching tcp_process() past the RST check renews; checked every 500 ms.
    synReceivedTimeoutLo: 20000,
    synReceivedTimeoutHi: 21000,
    // tcp_slowtmr() aborts a pcb more than 2·TCP_MSL (120000 ms) in LAST-ACK after pcb->tmr, which segments
    // renew in tcp_process() (not RSTs or SYNs, and not once receiving is closed); checked every 500 ms.
    lastAckTimeoutLo: 120000,
    lastAckTimeoutHi: 121000,
    // tcp_write() in SYN-SENT cuts segments by INITIAL_MSS (536), before the SYN,ACK's MSS is known.
    presegmentMss: 536,
    // tcp_in.c sets cwnd = LWIP_TCP_CALC_INITIAL_CWND(mss) on the SYN,ACK; tcp_output() sends no segment longer
    // than min(cwnd, snd_wnd) and, with snd_wnd the larger, starts no persist timer either.
    presegmentStalls: true,
    // tcp_process() renews pcb->tmr on every arrival but RSTs and SYNs, unless TF_RXCLOSED: after tcp_close()
    // the FIN-WAIT-2 and TIME-WAIT limits of tcp_slowtmr() count from the last arrival before it.
    closedTimersFromLastArrival: true,
    finWait2TimeoutLo: 20000,
    finWait2TimeoutHi: 21000,
  },
  overrides: [
    {
      kind: 'bug',
      what: 'with the receive window closed, an acceptable segment without octets at RCV.NXT is answered with an ACK',
      because:
        'RFC 9293 §3.4 makes a zero-length segment at RCV.NXT acceptable when RCV.WND is 0, and an acceptable segment that brings nothing needs no answer; lwIP tests zero-length segments against [RCV.NXT, RCV.NXT+RCV.WND-1], an empty range when the window is 0, so it answers each one. Harmless (one ACK more); tolerated so the rest can be checked',
      cite: `${SRC} tcp_in.c: tcp_receive()`,
      features: ['zeroWindowAcksAll'],
      evidence:
        'spec/sequence-acceptability.spec.ts, "with a zero window, a zero-length segment at RCV.NXT is acceptable": the generator never fills lwIP\'s 65535-octet window',
    },
    {
      kind: 'bug',
      what: 'a RST one past the window (SEG.SEQ = RCV.NXT+RCV.WND) gets a challenge ACK',
      because:
        "RFC 9293 §3.4 accepts a segment without octets only for RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND, and §3.10.7.4 drops an unacceptable RST silently; lwIP tests the RST's sequence number with TCP_SEQ_BETWEEN, which includes the right edge, so that one RST is answered with a challenge ACK (RFC 5961 §3.2) instead. Harmless (an ACK the peer ignores); tolerated so the rest can be checked",
      cite: `${SRC} tcp_in.c: tcp_process()`,
      features: ['rstWindowEdgeInclusive'],
    },
    {
      kind: 'choice',
      what: 'every RST carries ACK',
      because: 'harmless: receivers validate a RST by its sequence number (RFC 9293 §3.5.3)',
      cite: `${SRC} tcp_out.c: tcp_rst()`,
      features: ['resetCarriesAck'],
    },
    {
      kind: 'choice',
      what: 'no simultaneous open: SYN in SYN-SENT dropped',
      because: 'a documented lwIP limitation; the peer falls back to retransmitting',
      cite: `${SRC} tcp_in.c: tcp_process()`,
      features: ['noSimultaneousOpen'],
    },
    {
      kind: 'choice',
      what: "a SYN without ACK in SYN-RECEIVED is a copy of the peer's SYN: SYN,ACK again at IRS, dropped elsewhere; never back to LISTEN",
      because:
        'RFC 9293 §3.10.7.4 (fourth) returns a passive SYN-RECEIVED to LISTEN (RFC 1122 §4.2.2.20 (e)), after an unacceptable SYN gets an ACK (first check); lwIP skips both',
      cite: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD`,
      features: ['synReceivedSynIsRetransmission'],
    },
    {
      kind: 'choice',
      what: 'a passively opened connection reaches the application only once ESTABLISHED; until then user calls act on the listener',
      because:
        "the raw API (like sockets' accept()) hands over the new pcb in the accept callback; RFC 9293 §3.10.2 lets SEND in SYN-RECEIVED queue data on the one TCB",
      cite: `${SRC} tcp_in.c: tcp_process(), TCP_EVENT_ACCEPT`,
      features: ['acceptWhenEstablished'],
    },
    {
      kind: 'choice',
      what: 'ABORT sends a RST in SYN-SENT, CLOSING and LAST-ACK too',
      because:
        'RFC 9293 §3.10.5 deletes the TCB quietly there; the extra RST is harmless (it tells a peer that may hold a half-open connection)',
      cite: `${SRC} tcp.c: tcp_abandon()`,
      features: ['abortAlwaysResets'],
    },
    {
      kind: 'choice',
      what: 'text and FIN on a SYN,ACK are dropped',
      because:
        'RFC 9293 §3.10.7.3 processes them (sixth step on); dropping them costs a retransmission but loses nothing, since they are not acknowledged',
      cite: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT`,
      features: ['synAckTextIgnored'],
    },
    {
      kind: 'choice',
      what: 'in SYN-SENT the RST to an unacceptable ACK is followed at once by the SYN again',
      because:
        'RFC 9293 §3.10.7.3 (first) sends the reset and drops the segment, leaving the SYN to the retransmission timer; resending sooner speeds half-open recovery (RFC 9293 §3.5.1, Figure 10)',
      cite: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT`,
      features: ['synAgainAfterReset'],
    },
    {
      kind: 'choice',
      what: 'in SYN-SENT an ACK without SYN is reset even when it acknowledges the SYN',
      because:
        "RFC 9293 §3.10.7.3 resets only an unacceptable ACK (first check) and drops an acceptable one without SYN (fifth); lwIP reads any bare ACK as a half-open peer's. It recovers: the peer, reset, meets the SYN sent again at once",
      cite: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT`,
      features: ['synSentAckResets'],
      evidence:
        'the generator offers no such ACK; `npx tcpconform replay docs/counterexamples/lwip-synSent-ack-reset.json` shows it (OPEN active, then <SEQ=IRS+1><ACK=ISS+1><CTL=ACK> is answered with <SEQ=ISS+1><ACK=IRS+1><CTL=RST,ACK> and the SYN again)',
    },
    {
      kind: 'choice',
      what: 'the ACK field of a segment that fails the sequence test is processed before the segment is dropped',
      because:
        'RFC 9293 §3.10.7.4 drops an unacceptable segment after sending an ACK (first check) and reaches the ACK field only for acceptable ones (fifth); lwIP checks the sequence number only for RST and text. Acknowledging what the peer really received loses nothing, but an old or forged segment can move SND.UNA (RFC 5961 §5 guards this with the ACK range only)',
      cite: `${SRC} tcp_in.c: tcp_process(), tcp_receive()`,
      features: ['ackOfUnacceptableSegment'],
    },
    {
      kind: 'choice',
      what: 'in SYN-RECEIVED a segment with ACK is judged by its ACK first: an acceptable ACK completes the handshake even on an old or SYN-bearing segment, an unacceptable one is reset',
      because:
        'RFC 9293 §3.10.7.4 checks the sequence number (first) and SYN (fourth) before the ACK (fifth); the crossed SYN,ACK of Figure 7 shows the same outcome for one case',
      cite: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD`,
      features: ['synReceivedAckFirst'],
    },
    {
      kind: 'choice',
      what: 'SYN-RECEIVED is given up silently after 20 s without a segment',
      because:
        'RFC 9293 leaves a half-open connection to the retransmission and user timeouts (§3.10.8); a bound on embryonic connections protects the listener (RFC 4987 §3)',
      cite: `${SRC} tcp.c: tcp_slowtmr(), TCP_SYN_RCVD_TIMEOUT`,
      params: { synReceivedTimeoutLo: 20000, synReceivedTimeoutHi: 21000 },
    },
    {
      kind: 'choice',
      what: 'TIME-WAIT lasts 2·60 s',
      because: 'MSL is a parameter (RFC 9293 §3.4.1 takes 2 minutes "for this specification")',
      cite: `${SRC} tcp_priv.h: TCP_MSL`,
      params: { timeWaitLo: 120000, timeWaitHi: 121000 },
    },
    {
      kind: 'choice',
      what: 'LAST-ACK is given up 120 s after the last segment arrived',
      because:
        'RFC 9293 leaves LAST-ACK to the retransmission and user timers (§3.10.8); lwIP bounds it by 2·MSL, reporting ERR_ABRT',
      cite: `${SRC} tcp.c: tcp_slowtmr()`,
      params: { lastAckTimeoutLo: 120000, lastAckTimeoutHi: 121000 },
    },
    {
      kind: 'choice',
      what: 'FIN-WAIT-2 after tcp_close() ends after 20 s',
      because: 'the application can no longer read: the connection is orphaned (as Linux does with tcp_fin_timeout)',
      cite: `${SRC} tcp_priv.h: TCP_FIN_WAIT_TIMEOUT`,
      params: { finWait2TimeoutLo: 20000, finWait2TimeoutHi: 21000 },
    },
    {
      kind: 'choice',
      what: "gives up after 12 data / 6 SYN retransmissions (at the slow timer's next run after the last one), no user timeout",
      because: 'RFC 9293 §3.8.3 lets R2 be a count of retransmissions',
      cite: `${SRC} tcp.c: tcp_slowtmr(), TCP_MAXRTX, TCP_SYNMAXRTX`,
      params: { maxRetransmissions: { data: 12, syn: 6 }, giveUpWithin: 500, userTimeoutLo: null, userTimeoutHi: null },
    },
    {
      kind: 'choice',
      what: 'RTO 3 s initially, backing off by shifts from tcp_backoff[] (doubling up to 2^7), the SYN without back-off',
      because: 'RFC 1122 initial RTO; RFC 6298 asks 1 s and doubling (§5.5), for the SYN too',
      cite: `${SRC} tcp.c: tcp_alloc(), tcp_slowtmr(), tcp_backoff[]`,
      params: { rtoBackoff: [1, 2, 4, 8, 16, 32, 64, 128], rtoMax: 400000, synRtoFixed: true },
    },
    {
      kind: 'bug',
      what: 'after a retransmission timeout in SYN-SENT, data queued by SEND follows the SYN in segments without ACK; a SYN,ACK acknowledging it is reset',
      because:
        'RFC 9293 §3.10.2 keeps data queued in SYN-SENT until ESTABLISHED; §3.10.7.4 (fifth) makes the peer drop these ACK-less segments, so they only waste the window and the first retransmission after the handshake repairs it; tolerated so the rest can be checked',
      cite: `${SRC} tcp.c: tcp_slowtmr(); tcp_out.c: tcp_rexmit_rto(), tcp_output(); tcp_in.c: tcp_process(), case SYN_SENT`,
      params: { synSentDataWindow: 536 },
    },
    {
      kind: 'choice',
      what: 'no RFC 5961 §5 ACK check: an ACK below SND.UNA - MAX.SND.WND is ignored as a duplicate, not answered with a challenge ACK',
      because:
        'RFC 9293 §3.10.7.4 (fifth) makes the blind data injection mitigation optional (MAY-12); without it such an ACK is a duplicate and is ignored',
      cite: `${SRC} tcp_in.c: tcp_receive() (duplicate-ACK clauses only)`,
      features: ['rfc5961.ack'],
    },
    {
      kind: 'bug',
      what: 'text and FIN on a segment without ACK are accepted in the synchronized states',
      because:
        'RFC 9293 §3.10.7.4 (fifth check) drops a segment whose ACK bit is off; taking its text lets a blind attacker inject data without passing the ACK test of RFC 5961 §5',
      cite: `${SRC} tcp_in.c: tcp_receive()`,
      features: ['textWithoutAck'],
    },
    {
      kind: 'bug',
      what: 'data written in SYN-SENT goes out in segments of up to 536 octets even when the peer announced a smaller MSS',
      because:
        "RFC 9293 §3.7.1 (MUST-16): no segment may exceed the effective send MSS, which the peer's MSS option bounds; tolerated so the rest can be checked",
      cite: `${SRC} tcp.c: tcp_connect(); tcp_out.c: tcp_write(), tcp_output()`,
      params: { presegmentMss: 536 },
    },
    {
      kind: 'choice',
      what: 'the reset answering text after tcp_close() acknowledges that text',
      because:
        'RFC 9293 §3.6.1 (SHLD-3) asks for a reset to show the data was lost but not its ACK field; the reset is valid by its SEQ (§3.5.3), and acknowledging the octets only tells the peer they arrived before being discarded',
      cite: `${SRC} tcp_in.c: tcp_input()`,
      features: ['resetAfterTakingText'],
    },
    {
      kind: 'choice',
      what: 'a retransmission timeout sends again every unacknowledged segment that fits in one MSS, each as first sent',
      because:
        'RFC 9293 §3.10.8 resends the segment at the front of the queue; going back over the whole flight within a congestion window of one segment (RFC 5681 §3.1, RFC 6298 §5.4) is the same thing when segments are full-sized and never sends more than the window allows',
      cite: `${SRC} tcp.c: tcp_slowtmr(); tcp_out.c: tcp_rexmit_rto(), tcp_output()`,
      features: ['rtoResendsFlight'],
    },
    {
      kind: 'choice',
      what: 'after tcp_close() the application holds nothing: calls answer "connection closing", and no reset or timeout is reported',
      because:
        "RFC 9293 §3.10.5 still lets the user ABORT a closing connection, and §3.10.7.4 and §3.10.8 inform the user of a reset or an abort; with the half-duplex CLOSE of §3.6.1 lwIP's application has handed the pcb over to the stack and holds nothing to act on or to receive a report",
      cite: `${SRC} tcp.c: tcp_close(); api_msg.c: lwip_netconn_do_close_internal() clears the callbacks the same way`,
      features: ['closeLetsGo'],
    },
    {
      kind: 'choice',
      what: 'text ahead of RCV.NXT gets an ACK segment of its own, before any data',
      because:
        'RFC 9293 §3.10.7.4 asks for an ACK of RCV.NXT and lets it ride on data (§3.8.6.3); a separate, immediate duplicate ACK is what fast retransmit at the peer counts (RFC 5681 §4.2)',
      cite: `${SRC} tcp_in.c: tcp_receive()`,
      features: ['outOfOrderAckFirst'],
    },
    {
      kind: 'choice',
      what: 'TIME-WAIT handles only what a retransmitted FIN needs: RSTs ignored, a SYN in the window reset without leaving TIME-WAIT, anything occupying sequence space acknowledged, empty segments unanswered',
      because:
        'RFC 9293 §3.10.7.4 applies the full checks (sequence test with its ACK, challenge ACKs, RST closing the connection); RFC 1337 §3 recommends ignoring RSTs in TIME-WAIT, and the peer of a connection in TIME-WAIT has nothing left to be acknowledged',
      cite: `${SRC} tcp_in.c: tcp_timewait_input()`,
      features: ['timeWaitLean'],
    },
    {
      kind: 'bug',
      what: 'after tcp_close(), TIME-WAIT may end well before 2·MSL: its timer counts from the last segment that arrived before the close',
      because:
        "RFC 9293 §3.10.8 (and §3.3.2) hold TIME-WAIT for 2·MSL from entering it, so that old duplicates die out (§3.4.2); a connection closed long before its peer's FIN arrives leaves TIME-WAIT at the next slow tick. The FIN-WAIT-2 timeout, an implementation choice anyway, is measured the same way. Tolerated so the rest can be checked",
      cite: `${SRC} tcp_in.c: tcp_process(); tcp.c: tcp_slowtmr()`,
      params: { closedTimersFromLastArrival: true },
    },
    {
      kind: 'choice',
      what: 'tcp_close() after tcp_shutdown() succeeds in every state after the FIN and only stops receiving, without a reset for unread text',
      because:
        'RFC 9293 §3.10.4 answers a second CLOSE with "connection closing"; the full close after a half close is how an application lets go of the pcb, and no second FIN goes out. Not resetting for text left unread there departs from §3.6.1 (SHLD-3) only in what the peer learns, and lwIP resets the peer anyway if more text arrives',
      cite: `${SRC} tcp.c: tcp_close(), tcp_close_shutdown(), tcp_close_shutdown_fin()`,
      features: ['closeAfterCloseOk'],
    },
    {
      kind: 'bug',
      what: 'data written in SYN-SENT can stall for ever: when the peer announces a small MSS, a 536-octet segment cut earlier may exceed the initial congestion window, and with nothing in flight neither an ACK nor the persist timer ever lets it out; one longer than the MSS is never retransmitted, since after a timeout the window is one MSS',
      because:
        'RFC 9293 §3.8.2 (MUST-19, RFC 5681) bounds what is sent by the congestion window, but a sender must re-segment or probe so that queued data eventually goes (§3.8.6.1, MUST-36 for the zero-window case); tolerated so the rest can be checked',
      cite: `${SRC} tcp_in.c: tcp_process(); tcp_out.c: tcp_output()`,
      params: { presegmentStalls: true },
    },
    {
      kind: 'bug',
      what: 'a SEND while data cut in SYN-SENT is still unsent after the peer announced a smaller MSS (or window) crashes lwIP: tcp_write() fails the assertion "mss_local is too small"',
      because:
        "RFC 9293 §3.7.1 (MUST-16) makes the peer's MSS bound what is sent, and nothing the peer announces may bring a stack down (RFC 1122 §1.2.2, robustness); the crash is reachable from the network. Such SENDs are never generated (crashesOn) so the rest can be checked",
      cite: `${SRC} tcp_out.c: tcp_write()`,
      evidence:
        'docs/lwip.md, departure 26: OPEN active; SEND of 36 octets in SYN-SENT; <SEQ=IRS><ACK=ISS+1><CTL=SYN,ACK><MSS=4>; SEND again → the process aborts with "Assertion \\"mss_local is too small\\" failed" (tcp_out.c). models/profiles/lwip.test.ts checks the crash predicate',
    },
    {
      kind: 'choice',
      what: 'a delayed ACK still owed goes out before the reset of ABORT',
      because:
        'RFC 9293 §3.10.5 sends nothing but the reset; the ACK only acknowledges text that did arrive, and is harmless',
      cite: `${SRC} tcp.c: tcp_pcb_remove()`,
      features: ['removalSendsOwedAck'],
    },
    {
      kind: 'choice',
      what: 'a RST in CLOSING or LAST-ACK is reported to the application',
      because:
        'RFC 9293 §3.10.7.4 (second) just deletes the TCB there; the application still holds the pcb after tcp_shutdown(), and telling it why the connection ended is harmless',
      cite: `${SRC} tcp_in.c: tcp_input()`,
      features: ['resetReportedWhenClosing'],
    },
    {
      kind: 'choice',
      what: 'in CLOSING and LAST-ACK a segment starting below RCV.NXT gets an ACK even when it does not acknowledge our FIN',
      because:
        'RFC 9293 §3.10.7.4 (fifth) ignores such a segment; an extra ACK of RCV.NXT tells a peer that retransmits old text what arrived, and is harmless',
      cite: `${SRC} tcp_in.c: tcp_receive()`,
      features: ['oldTextAckedAfterFin'],
    },
    {
      kind: 'bug',
      what: 'in SYN-SENT the MSS option of a SYN,ACK that is rejected (or of a SYN that is dropped) is still taken',
      because:
        'RFC 9293 §3.10.7.3 drops an unacceptable segment with no effect but the reset; a forged or stale SYN,ACK can thus shrink the segments of the connection to come (down to 1 octet)',
      cite: `${SRC} tcp_in.c: tcp_process(), tcp_parseopt()`,
      features: ['synSentMssFromAnySyn'],
    },
    {
      kind: 'bug',
      what: 'an ACK above SND.NXT feeds the RTT estimate, and retransmitted segments are timed too',
      because:
        "RFC 6298 §3 (Karn's algorithm) forbids RTT samples from retransmitted segments, and an ACK of data never sent measures nothing (RFC 9293 §3.10.7.4 fifth drops it after an ACK); one forged ACK can stretch the retransmission timeout to hours. Tolerated (the RTO window widens to 0x7FFF ticks) so the rest can be checked",
      cite: `${SRC} tcp_in.c: tcp_receive(); tcp_out.c: tcp_output_segment()`,
      params: { rtoWildMax: 16384000 },
    },
    {
      kind: 'bug',
      what: 'retransmissions of the SYN count against the limit for the data and FIN sent after the handshake (the count resets only on an ACK of new data)',
      because:
        'RFC 9293 §3.8.3 (R1, R2) counts retransmissions of the same segment; a connection whose SYN needed k retransmissions gives up on its first data segment after 12 - k instead of 12',
      cite: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT; tcp.c: tcp_slowtmr()`,
      features: ['rtxCountKept'],
    },
    {
      kind: 'bug',
      what: 'SEG.LEN counts SYN and FIN as one when both are set: the reset to such a segment acknowledges one number short',
      because: 'RFC 9293 §3.4: SYN and FIN each occupy a sequence number; tolerated so the rest can be checked',
      cite: `${SRC} tcp_in.c: tcp_input()`,
      features: ['synFinCountOnce'],
    },
    {
      kind: 'bug',
      what: 'ISNs are predictable and can repeat: iss += tcp_ticks',
      because: 'violates RFC 9293 §3.4.1 MUST-8 (and RFC 6528); tolerated here so the rest can be checked',
      cite: `${SRC} tcp.c: tcp_next_iss()`,
      features: ['isnMayRepeat'],
    },
  ],
  replaces: {
    synchronized: lwipSynchronized,
    output: lwipOutput,
    synSent: lwipSynSent,
    userCall: apiUserCall,
    segmentArrives: lwipSegmentArrives,
    afterStep: lwipAfterStep,
  },
  extraRules: rules,
  unreachable: {
    'rst.synReceived.active': 'lwIP has no simultaneous open (synSent.syn.ignored), so no SYN-RECEIVED is ever active',
    'syn.synReceived.passive':
      "a SYN in SYN-RECEIVED is taken for a copy of the peer's SYN (synReceived.syn.retransmitted, synReceived.syn.ignored)",
    'receive.halfDuplexClosed':
      'after tcp_close() the application holds nothing: calls answer "connection closing" (user.afterClose.letGo)',
  },
  crashesOn: writeOverPresegmented,
};

/**
 * tcp_write() asserts ("mss_local is too small", tcp_out.c) when the last unsent segment is longer than the
 * segment size it now computes, min(pcb->mss, snd_wnd_max / 2): data cut into 536-octet segments in SYN-SENT
 * and still unsent after the peer announced a smaller MSS or window. Debian builds lwIP with assertions on, so
 * the process aborts; without them the length arithmetic underflows.
 */
function writeOverPresegmented(t: Tcb, input: ConcreteInput): string | null {
  if (input.kind !== 'call' || input.call !== 'send') return null;
  if (t.state !== 'Established' && t.state !== 'CloseWait' && t.state !== 'SynSent') return null;
  const last = t.state === 'SynSent' ? lastUnsentBehindSyn(t) : lastUnsent(t);
  if (last === 0) return null;
  const mssLocal = Math.min(t.sndMss, Math.floor(t.maxSndWnd / 2)) || t.sndMss;
  return last > mssLocal ? `lwIP asserts in tcp_write(): unsent ${last}-octet segment > mss_local ${mssLocal}` : null;
}

/** In SYN-SENT: data sent behind the SYN goes back to unsent at a retransmission timeout; what the window of
 *  one MSS (synCwnd) did not let out again stays there. */
function lastUnsentBehindSyn(t: Tcb): number {
  if (!t.synRtoFired || t.unackedSegs.length === 0 || t.sendQueue.length > 0) return 0;
  const end = t.unackedSegs.reduce((a, b) => a + b, 0);
  return end > t.synCwnd ? t.unackedSegs[t.unackedSegs.length - 1] : 0;
}

/** The length of the last segment on lwIP's unsent queue, where it may exceed the MSS (0: none such). */
function lastUnsent(t: Tcb): number {
  // Data cut in SYN-SENT and not sent yet: chunks of 536 octets.
  if (t.sendQueue.length > 0) return t.presized === t.sendQueue.length ? ((t.presized - 1) % t.presizeMss) + 1 : 0;
  // Entries put back on unsent by a retransmission timeout and not sent again yet.
  if (t.resendTo === null || t.unackedSegs.length === 0) return 0;
  return t.unackedSegs[t.unackedSegs.length - 1] + (t.unackedSegs.length === 1 ? t.unackedHead.length : 0);
}
