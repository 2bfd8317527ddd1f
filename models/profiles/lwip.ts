import { Profile } from '../profile';
import { Rule } from '../rule';
import { rfc9293 } from './rfc9293';

// lwIP 2.1.3 as Debian ships it (liblwip-dev 2.1.3+dfsg1-2). Every departure from rfc9293 below was found
// by `tcpconform check --adapter lwip --profile rfc9293` and is cited to lwIP's source (src/core/); see
// docs/lwip.md for each one's minimal counterexample. File and function names are lwIP's.
const SRC = 'lwIP 2.1.3';

const rules: Rule[] = [
  { id: 'rst.withAck', states: ['Closed', 'Listen', 'SynSent', 'SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait'], event: 'SEGMENT ARRIVES', summary: 'every RST lwIP sends carries ACK: SEG.SEQ+SEG.LEN in reply to a segment, RCV.NXT on ABORT', rfc793: '§3.4 p.36', rfc9293: '§3.5.2, §3.10.5', also: `${SRC} tcp_out.c: tcp_rst() always sets TCP_RST | TCP_ACK` },
  { id: 'synSent.syn.ignored', states: ['SynSent'], event: 'SEGMENT ARRIVES', summary: 'lwIP has no simultaneous open: a SYN without ACK in SYN-SENT is dropped', rfc793: '§3.9 p.68', rfc9293: '§3.10.7.3', also: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT handles SYN+ACK only` },
  { id: 'synReceived.syn.retransmitted', states: ['SynReceived'], event: 'SEGMENT ARRIVES', summary: 'a SYN without ACK at IRS in SYN-RECEIVED is taken for a copy of the peer\'s SYN: the SYN,ACK is sent again', rfc793: '§3.9 p.69, p.71', rfc9293: '§3.10.7.4 (first, fourth)', also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD: tcp_rexmit() when seqno == rcv_nxt - 1`, requires: 'synReceivedSynIsRetransmission' },
  { id: 'synReceived.syn.ignored', states: ['SynReceived'], event: 'SEGMENT ARRIVES', summary: 'any other SYN without ACK in SYN-RECEIVED is dropped: no ACK, no return to LISTEN', rfc793: '§3.9 p.69, p.71', rfc9293: '§3.10.7.4 (first, fourth)', also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD`, requires: 'synReceivedSynIsRetransmission' },
  { id: 'send.synReceived.unaccepted', states: ['SynReceived'], event: 'SEND', summary: 'a passively opened connection reaches the application only once ESTABLISHED (the accept callback): until then SEND goes to the listener, "foreign socket unspecified"', rfc793: '§3.9 p.56', rfc9293: '§3.10.2', also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD calls TCP_EVENT_ACCEPT on the handshake's ACK`, requires: 'acceptWhenEstablished' },
  { id: 'close.synReceived.unaccepted', states: ['SynReceived'], event: 'CLOSE', summary: 'CLOSE or ABORT before the accept closes the listener only: the half-open connection stays in SYN-RECEIVED', rfc793: '§3.9 p.60, p.62', rfc9293: '§3.10.4, §3.10.5', also: `${SRC} tcp.c: tcp_close() on the listen pcb, tcp_listen_closed()`, requires: 'acceptWhenEstablished' },
  { id: 'user.synReceived.listenerClosed', states: ['SynReceived'], event: 'SEND', summary: 'once the listener is closed the application holds nothing: SEND, RECEIVE, CLOSE, ABORT answer "connection does not exist"', rfc793: '§3.9 p.55-62', rfc9293: '§3.10.2-3.10.5 (CLOSED)', also: `${SRC} tcp.c: tcp_listen_closed()`, requires: 'acceptWhenEstablished' },
  { id: 'synReceived.ack.listenerClosed', states: ['SynReceived'], event: 'SEGMENT ARRIVES', summary: 'the handshake of a connection whose listener was closed completes into a reset: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, CLOSED', rfc793: '§3.9 p.72', rfc9293: '§3.10.7.4 (fifth)', also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD: pcb->listener == NULL, tcp_abort()`, requires: 'acceptWhenEstablished' },
  { id: 'rst.synReceived.listenerClosed', states: ['SynReceived'], event: 'SEGMENT ARRIVES', summary: 'a RST on a connection whose listener was closed ends it: CLOSED, not LISTEN', rfc793: '§3.9 p.70', rfc9293: '§3.10.7.4 (second)', also: `${SRC} tcp_in.c: tcp_process() (TF_RESET), tcp_input()`, requires: 'acceptWhenEstablished' },
  { id: 'abort.quiet.reset', states: ['SynSent', 'Closing', 'LastAck'], event: 'ABORT', summary: 'ABORT sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> in SYN-SENT, CLOSING and LAST-ACK too, where the RFC deletes the TCB without a segment', rfc793: '§3.9 p.62', rfc9293: '§3.10.5', also: `${SRC} tcp.c: tcp_abandon() sends a RST in every state but CLOSED, LISTEN and TIME-WAIT`, requires: 'abortAlwaysResets' },
  { id: 'rst.synFinCountedOnce', states: ['Closed', 'Listen', 'SynSent', 'SynReceived'], event: 'SEGMENT ARRIVES', summary: 'the reset answering a segment with both SYN and FIN acknowledges SEG.SEQ+SEG.LEN-1: SYN and FIN are counted as one', rfc793: '§3.3 p.26, §3.4 p.36', rfc9293: '§3.4, §3.5.2', also: `${SRC} tcp_in.c: tcp_input(), tcplen = p->tot_len + ((flags & (TCP_FIN | TCP_SYN)) ? 1 : 0)`, requires: 'synFinCountOnce' },
  { id: 'synSent.synAck.textIgnored', states: ['SynSent'], event: 'SEGMENT ARRIVES', summary: 'text and FIN on the SYN,ACK are dropped: only the SYN is acknowledged, ESTABLISHED', rfc793: '§3.9 p.68', rfc9293: '§3.10.7.3 (fourth: continue at the sixth step)', also: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT does not call tcp_receive()`, requires: 'synAckTextIgnored' },
  { id: 'synSent.ackUnacceptable.synAgain', states: ['SynSent'], event: 'SEGMENT ARRIVES', summary: 'after the RST answering an unacceptable ACK the SYN is retransmitted at once (while fewer than 6 retransmissions were made)', rfc793: '§3.9 p.66', rfc9293: '§3.10.7.3 (first)', also: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT: tcp_rexmit_rto() if nrtx < TCP_SYNMAXRTX`, requires: 'synAgainAfterReset' },
  { id: 'synReceived.ackFirst', states: ['SynReceived'], event: 'SEGMENT ARRIVES', summary: 'in SYN-RECEIVED an acceptable ACK completes the handshake whatever the segment\'s SEQ or SYN: ESTABLISHED, the rest processed there', rfc793: '§3.9 p.69-72', rfc9293: '§3.10.7.4 (first, fourth, fifth)', also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD tests only the ACK before tcp_receive()`, requires: 'synReceivedAckFirst' },
  { id: 'synReceived.ackFirst.unacceptable', states: ['SynReceived'], event: 'SEGMENT ARRIVES', summary: 'in SYN-RECEIVED an unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST> whatever the segment\'s SEQ or SYN', rfc793: '§3.9 p.69-72', rfc9293: '§3.10.7.4 (first, fourth, fifth)', also: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD`, requires: 'synReceivedAckFirst' },
  { id: 'timeout.synReceived', states: ['SynReceived'], event: 'USER TIMEOUT', summary: 'a connection left 20 s in SYN-RECEIVED since its last segment is dropped without a segment: back to LISTEN (the listener stays), or CLOSED', rfc793: '§3.9 p.77', rfc9293: '§3.10.8', also: `${SRC} tcp.c: tcp_slowtmr(), TCP_SYN_RCVD_TIMEOUT 20000 ms`, when: (p) => p.synReceivedTimeoutLo != null },
  { id: 'timeout.finWait2', states: ['FinWait2'], event: 'TIME-WAIT TIMEOUT', summary: 'after a full close (tcp_close) FIN-WAIT-2 ends in CLOSED after 20 s', rfc793: '§3.9 p.75', rfc9293: '§3.10.7.4 (eighth)', also: `${SRC} tcp.c: tcp_slowtmr(), TCP_FIN_WAIT_TIMEOUT 20000 ms with TF_RXCLOSED` },
  { id: 'timeout.retransmissionsExhausted', states: ['SynSent', 'SynReceived', 'Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'], event: 'USER TIMEOUT', summary: 'lwIP gives up after 12 retransmissions of data (6 of a SYN) instead of after a user timeout', rfc793: '§3.9 p.77', rfc9293: '§3.8.3 (R2), §3.10.8', also: `${SRC} tcp.c: tcp_slowtmr(), TCP_MAXRTX 12, TCP_SYNMAXRTX 6` },
];

export const lwip: Profile = {
  name: 'lwip',
  summary: "lwIP 2.1.3 (Debian's liblwip-dev): rfc9293 with lwIP's cited departures",
  extends: 'rfc9293',
  features: new Set([...rfc9293.features, 'resetCarriesAck', 'noSimultaneousOpen', 'isnMayRepeat', 'synReceivedSynIsRetransmission', 'acceptWhenEstablished', 'abortAlwaysResets', 'synFinCountOnce', 'synAckTextIgnored', 'synAgainAfterReset', 'synReceivedAckFirst']),
  params: {
    ...rfc9293.params,
    // 2·TCP_MSL with TCP_MSL 60000 ms, checked by a 500 ms slow timer (tcp.c: tcp_slowtmr()).
    timeWaitLo: 120000,
    timeWaitHi: 121000,
    // No user timeout; the retransmission count limits instead (tcp_slowtmr()).
    userTimeoutLo: null,
    userTimeoutHi: null,
    maxRetransmissions: { data: 12, syn: 6 },
    // RTO starts at 3 s (tcp.c: tcp_alloc()) and backs off by tcp_backoff[] = {1,2,3,4,5,6,7,7,...}
    // (tcp.c), not by doubling; the earliest times are taken from the table.
    rtoBackoff: [1, 2, 3, 4, 5, 6, 7],
    rtoMax: 240000,
    // tcp_slowtmr() drops a pcb more than TCP_SYN_RCVD_TIMEOUT (20000 ms) in SYN-RECEIVED after pcb->tmr,
    // which every segment reaching tcp_process() past the RST check renews; checked every 500 ms.
    synReceivedTimeoutLo: 20000,
    synReceivedTimeoutHi: 21000,
    finWait2TimeoutLo: 20000,
    finWait2TimeoutHi: 21000,
  },
  overrides: [
    { kind: 'choice', what: 'every RST carries ACK', because: 'harmless: receivers validate a RST by its sequence number (RFC 9293 §3.5.3)', cite: `${SRC} tcp_out.c: tcp_rst()` },
    { kind: 'choice', what: 'no simultaneous open: SYN in SYN-SENT dropped', because: 'a documented lwIP limitation; the peer falls back to retransmitting', cite: `${SRC} tcp_in.c: tcp_process()` },
    { kind: 'choice', what: 'a SYN without ACK in SYN-RECEIVED is a copy of the peer\'s SYN: SYN,ACK again at IRS, dropped elsewhere; never back to LISTEN', because: 'RFC 9293 §3.10.7.4 (fourth) returns a passive SYN-RECEIVED to LISTEN (RFC 1122 §4.2.2.20 (e)), after an unacceptable SYN gets an ACK (first check); lwIP skips both', cite: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD` },
    { kind: 'choice', what: 'a passively opened connection reaches the application only once ESTABLISHED; until then user calls act on the listener', because: 'the raw API (like sockets\' accept()) hands over the new pcb in the accept callback; RFC 9293 §3.10.2 lets SEND in SYN-RECEIVED queue data on the one TCB', cite: `${SRC} tcp_in.c: tcp_process(), TCP_EVENT_ACCEPT` },
    { kind: 'choice', what: 'ABORT sends a RST in SYN-SENT, CLOSING and LAST-ACK too', because: 'RFC 9293 §3.10.5 deletes the TCB quietly there; the extra RST is harmless (it tells a peer that may hold a half-open connection)', cite: `${SRC} tcp.c: tcp_abandon()` },
    { kind: 'choice', what: 'text and FIN on a SYN,ACK are dropped', because: 'RFC 9293 §3.10.7.3 processes them (sixth step on); dropping them costs a retransmission but loses nothing, since they are not acknowledged', cite: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT` },
    { kind: 'choice', what: 'in SYN-SENT the RST to an unacceptable ACK is followed at once by the SYN again', because: 'RFC 9293 §3.10.7.3 (first) sends the reset and drops the segment, leaving the SYN to the retransmission timer; resending sooner speeds half-open recovery (RFC 9293 §3.5.1, Figure 10)', cite: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT` },
    { kind: 'choice', what: 'in SYN-RECEIVED a segment with ACK is judged by its ACK first: an acceptable ACK completes the handshake even on an old or SYN-bearing segment, an unacceptable one is reset', because: 'RFC 9293 §3.10.7.4 checks the sequence number (first) and SYN (fourth) before the ACK (fifth); the crossed SYN,ACK of Figure 7 shows the same outcome for one case', cite: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD` },
    { kind: 'choice', what: 'SYN-RECEIVED is given up silently after 20 s without a segment', because: 'RFC 9293 leaves a half-open connection to the retransmission and user timeouts (§3.10.8); a bound on embryonic connections protects the listener (RFC 4987 §3)', cite: `${SRC} tcp.c: tcp_slowtmr(), TCP_SYN_RCVD_TIMEOUT` },
    { kind: 'choice', what: 'TIME-WAIT lasts 2·60 s', because: 'MSL is a parameter (RFC 9293 §3.4.1 takes 2 minutes "for this specification")', cite: `${SRC} tcp_priv.h: TCP_MSL` },
    { kind: 'choice', what: 'FIN-WAIT-2 after tcp_close() ends after 20 s', because: 'the application can no longer read: the connection is orphaned (as Linux does with tcp_fin_timeout)', cite: `${SRC} tcp_priv.h: TCP_FIN_WAIT_TIMEOUT` },
    { kind: 'choice', what: 'gives up after 12 data / 6 SYN retransmissions, no user timeout', because: 'RFC 9293 §3.8.3 lets R2 be a count of retransmissions', cite: `${SRC} tcp.c: tcp_slowtmr(), TCP_MAXRTX` },
    { kind: 'choice', what: 'RTO 3 s initially, backing off by tcp_backoff[]', because: 'RFC 1122 initial RTO; RFC 6298 asks 1 s and doubling', cite: `${SRC} tcp.c: tcp_alloc(), tcp_backoff[]` },
    { kind: 'bug', what: 'SEG.LEN counts SYN and FIN as one when both are set: the reset to such a segment acknowledges one number short', because: 'RFC 9293 §3.4: SYN and FIN each occupy a sequence number; tolerated so the rest can be checked', cite: `${SRC} tcp_in.c: tcp_input()` },
    { kind: 'bug', what: 'ISNs are predictable and can repeat: iss += tcp_ticks', because: 'violates RFC 9293 §3.4.1 MUST-8 (and RFC 6528); tolerated here so the rest can be checked', cite: `${SRC} tcp.c: tcp_next_iss()` },
  ],
  extraRules: rules,
};
