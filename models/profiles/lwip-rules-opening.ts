// The lwip profile's own rules, first part: the handshake (SYN-SENT, SYN-RECEIVED, the accept) and the resets
// lwIP forms. lwip-rules.ts joins the parts in this order, the order `tcpconform rules` lists them in.
import { Rule } from '../rule';
import { SRC } from './lwip-source';

export const LWIP_OPENING_RULES = [
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
] as const satisfies readonly Rule[];
