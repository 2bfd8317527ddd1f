// The lwip profile's own rules, second part: segments in the synchronized states (the sequence and ACK checks),
// the application after tcp_close(), and TIME-WAIT. lwip-rules.ts joins the parts in order.
import { Rule } from '../rule';
import { SRC } from './lwip-source';

export const LWIP_SYNCHRONIZED_RULES = [
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
] as const satisfies readonly Rule[];
