import { Profile } from '../profile';
import { Rule } from '../rule';
import { rfc9293 } from './rfc9293';
import { linuxSynchronized } from './linux-synchronized';
import { linuxOutput } from './linux-output';
import { linuxSynSent } from './linux-syn-sent';
import { apiUserCall } from './api-calls';
import { rateLimited } from './linux-rate-limit';
import { linuxSegmentArrives } from './linux-records';

// Linux 6.x (the kernel this suite runs on), default sysctls of a fresh network namespace (the linux adapter
// records them: `iut` in the check's JSON). Every departure from rfc9293 below was found by
// `tcpconform check --adapter linux --profile rfc9293` and is cited to the kernel's source (net/ipv4/ unless
// said otherwise); docs/linux-departures.md shows each one's minimal counterexample.
const SRC = 'Linux';

const rules = [
  {
    id: 'receive.listener.fails',
    states: ['Listen', 'SynReceived'],
    event: 'RECEIVE',
    summary:
      'RECEIVE while the application holds only the listener (LISTEN, or a passive SYN-RECEIVED not yet accepted) fails with ENOTCONN: "connection does not exist"',
    rfc793: '§3.9 p.58',
    rfc9293: '§3.10.3',
    also: `${SRC} tcp.c: tcp_recvmsg_locked(), -ENOTCONN when sk_state == TCP_LISTEN`,
    requires: 'receiveOnListenerFails',
  },
  {
    id: 'send.synSent.refused',
    states: ['SynSent', 'SynReceived'],
    event: 'SEND',
    summary:
      'a non-blocking SEND in SYN-SENT, or in the SYN-RECEIVED of a simultaneous open, is refused with EAGAIN ("insufficient resources") instead of being queued, even after a CLOSE was queued there',
    rfc793: '§3.9 p.55',
    rfc9293: '§3.10.2',
    also: `${SRC} tcp.c: tcp_sendmsg_locked() → sk_stream_wait_connect() (net/core/stream.c) waits unless the socket is ESTABLISHED or CLOSE-WAIT, and returns -EAGAIN with a zero timeout, before the SEND_SHUTDOWN check`,
    requires: 'sendBeforeEstablishedFails',
  },
  {
    id: 'open.listen.again',
    states: ['Listen', 'SynReceived'],
    event: 'OPEN',
    summary: 'OPEN passive on a listener succeeds and changes nothing: listen() again only resets the backlog',
    rfc793: '§3.9 p.54',
    rfc9293: '§3.10.1',
    also: `${SRC} af_inet.c: __inet_listen_sk() on a socket already in TCP_LISTEN`,
    requires: 'listenAgainOk',
  },
  {
    id: 'user.closed.socketHeld',
    states: ['Closed', 'TimeWait'],
    event: 'SEND',
    summary:
      'on a socket whose connection ended (or left for TIME-WAIT), calls answer from its history: a pending error once ("connection reset"), then end of file or EPIPE; connect()/listen() fail; close() succeeds',
    rfc793: '§3.9 p.54-62',
    rfc9293: '§3.10.1-3.10.5 (CLOSED)',
    also: `${SRC} net/core/sock.c: sock_error() reports sk_err once; tcp.c: tcp_disconnect() sets ECONNRESET; af_inet.c: __inet_stream_connect(), inet_listen()`,
    requires: 'closedSocketRemembers',
  },
  {
    id: 'rst.abort.withAck',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait'],
    event: 'ABORT',
    summary:
      'the reset of ABORT, and of close() with unread data, carries ACK: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>',
    rfc793: '§3.9 p.62',
    rfc9293: '§3.10.5, §3.6.1',
    also: `${SRC} tcp_output.c: tcp_send_active_reset() always sets TCPHDR_ACK | TCPHDR_RST`,
    requires: 'abortResetCarriesAck',
  },
  {
    id: 'seq.old.controlsAccepted',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a segment whose text ends exactly at RCV.NXT passes the sequence test: its controls (ACK, RST, SYN) are processed, its duplicate text is answered with an ACK',
    rfc793: '§3.3 p.26, §3.9 p.69',
    rfc9293: '§3.4, §3.10.7.4 (first)',
    also: `${SRC} tcp_input.c: tcp_sequence() accepts end_seq >= rcv_wup ("segment controls are considered valid if the segment fits to the window after truncation"); tcp_data_queue() sends a duplicate ACK`,
    requires: 'oldSegmentControls',
  },
  {
    id: 'syn.synReceived.reset',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a SYN that returns a passive SYN-RECEIVED to LISTEN is also answered with a reset formed from it (<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>)',
    rfc793: '§3.9 p.71',
    rfc9293: '§3.10.7.4 (fourth)',
    also: `${SRC} tcp_minisocks.c: tcp_check_req(), embryonic_reset → tcp_v4_send_reset() (tcp_ipv4.c), inet_csk_reqsk_queue_drop()`,
    requires: 'synReceivedSynResets',
  },
  {
    id: 'user.afterClose.noHandle',
    states: ['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEND',
    summary:
      'after close() the application has no descriptor: SEND, RECEIVE, CLOSE and ABORT answer "connection does not exist" (EBADF) while the orphaned connection finishes',
    rfc793: '§3.9 p.56-62',
    rfc9293: '§3.10.2-3.10.5',
    also: `${SRC} tcp.c: tcp_close() orphans the socket (sock_orphan())`,
    requires: 'closeReleasesHandle',
  },
  {
    id: 'synReceived.orphan.dropped',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a half-open connection whose listener was closed is dropped when its next segment arrives; the segment is then handled as for CLOSED (a reset), or by a new listener on the port',
    rfc793: '§3.9 p.65',
    rfc9293: '§3.10.7.1, §3.10.7.2',
    also: `${SRC} tcp_ipv4.c: tcp_v4_rcv(), TCP_NEW_SYN_RECV whose rsk_listener is no longer TCP_LISTEN: inet_csk_reqsk_queue_drop_and_put(), lookup again`,
    requires: 'orphanRequestDropped',
  },
  {
    id: 'synSent.synAck.textIgnored',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'text and FIN on the SYN,ACK are dropped: only the SYN is acknowledged, ESTABLISHED',
    rfc793: '§3.9 p.68',
    rfc9293: '§3.10.7.3 (fourth: continue at the sixth step)',
    also: `${SRC} tcp_input.c: tcp_rcv_synsent_state_process() acknowledges the SYN,ACK and returns -1; tcp_rcv_state_process() then frees the segment ("step6 onward by hand": only URG)`,
    requires: 'synAckTextIgnored',
  },
  {
    id: 'ack.rateLimited',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'the ACK answering an out-of-window segment without text, or a challenge ACK (RST or SYN in the window, ACK of unsent or too old data), is withheld when another such ACK left less than 500 ms before',
    rfc793: '§3.9 p.69',
    rfc9293: '§3.10.7.4 (first, second, fourth, fifth)',
    also: `RFC 5961 §7; ${SRC} tcp_input.c: tcp_oow_rate_limited(), tcp_send_challenge_ack(); tcp_minisocks.c: tcp_check_req(), tcp_timewait_check_oow_rate_limit(); sysctl net.ipv4.tcp_invalid_ratelimit = 500`,
    requires: 'oowAckRateLimited',
  },
  {
    id: 'ack.tooOld.neverSent',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary:
      'the lower bound on an acceptable SEG.ACK (RFC 5961 §5.2: SND.UNA - MAX.SND.WND) never goes below the first octet of data: an ACK of our SYN, or below it, is too old (challenge ACK), on a passive open from the start',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
    also: `RFC 5961 §5.2; ${SRC} tcp_input.c: tcp_ack(), max_window = min(tp->max_window, tp->bytes_acked) ("do not accept ACK for bytes we never sent")`,
    requires: 'ackBoundBySent',
  },
  {
    id: 'text.afterFin.reset',
    states: ['CloseWait', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary:
      "after the peer's FIN, a segment whose text starts below RCV.NXT and runs past it resets the connection (a reset formed from the segment, CLOSED) instead of being ignored",
    rfc793: '§3.9 p.74',
    rfc9293: '§3.10.7.4 (seventh)',
    also: `${SRC} tcp_input.c: tcp_rcv_state_process(), CLOSE-WAIT/CLOSING/LAST-ACK fall through to the FIN-WAIT case, RCV_SHUTDOWN (set by tcp_fin()) → tcp_reset(), LINUX_MIB_TCPABORTONDATA`,
    requires: 'dataAfterFinResets',
  },
  {
    id: 'finWait2.orphan.rst',
    states: ['FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary: 'after close(), FIN-WAIT-2 is a minimal record: any RST in the window ends it, without a challenge ACK',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
    also: `${SRC} tcp_minisocks.c: tcp_timewait_state_process(), substate TCP_FIN_WAIT2: "if (th->rst) goto kill"`,
    requires: 'orphanFinWait2Minimal',
  },
  {
    id: 'finWait2.orphan.reset',
    states: ['FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary:
      'after close(), a SYN at or above RCV.NXT, new text, or a FIN not at RCV.NXT in FIN-WAIT-2 is answered with a reset formed from the segment, and the connection ends',
    rfc793: '§3.9 p.71, p.74',
    rfc9293: '§3.10.7.4 (fourth, seventh), §3.6.1',
    also: `${SRC} tcp_minisocks.c: tcp_timewait_state_process() returns TCP_TW_RST; tcp_ipv4.c: tcp_v4_rcv() sends it and deschedules the timewait socket`,
    requires: 'orphanFinWait2Minimal',
  },
  {
    id: 'finWait2.orphan.ignored',
    states: ['FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary:
      'after close(), a segment in FIN-WAIT-2 without ACK, without new octets, or empty is dropped without an answer (a duplicate is not acknowledged)',
    rfc793: '§3.9 p.69-74',
    rfc9293: '§3.10.7.4 (first, fifth, seventh)',
    also: `${SRC} tcp_minisocks.c: tcp_timewait_state_process() ("Dup ACK?")`,
    requires: 'orphanFinWait2Minimal',
  },
  {
    id: 'finWait2.orphan.fin',
    states: ['FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary: "after close(), the peer's FIN at RCV.NXT in FIN-WAIT-2 is acknowledged and TIME-WAIT begins",
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
    also: `${SRC} tcp_minisocks.c: tcp_timewait_state_process() ("FIN arrived, enter true time-wait state")`,
    requires: 'orphanFinWait2Minimal',
  },
  {
    id: 'close.again.ok',
    states: ['Closing', 'LastAck'],
    event: 'CLOSE',
    summary: 'CLOSE in CLOSING or LAST-ACK (a second shutdown(SHUT_WR)) succeeds and changes nothing',
    rfc793: '§3.9 p.61',
    rfc9293: '§3.10.4',
    also: `${SRC} af_inet.c: inet_shutdown() sets the flag again; tcp.c: tcp_shutdown() acts only in ESTABLISHED, SYN-SENT, SYN-RECEIVED and CLOSE-WAIT`,
    requires: 'closeAgainOk',
  },
  {
    id: 'synReceived.ackOfNothing',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      'in the SYN-RECEIVED of a simultaneous open, an ACK of SND.UNA (acknowledging nothing, not our SYN) completes the handshake instead of being reset',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth, SYN-RECEIVED)',
    also: `${SRC} tcp_input.c: tcp_ack() finds SEG.ACK = SND.UNA neither old nor ahead; tcp_rcv_state_process(), case TCP_SYN_RECV, enters ESTABLISHED on any ACK tcp_ack() accepts`,
    requires: 'synReceivedAckOfNothing',
  },
  {
    id: 'seq.windowEdge.accepted',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a segment without octets at RCV.NXT+RCV.WND (just past the window) passes the sequence test: its RST is challenged, its ACK processed',
    rfc793: '§3.3 p.26',
    rfc9293: '§3.4, §3.10.7.4 (first)',
    also: `${SRC} tcp_input.c: tcp_sequence(): !after(seq, rcv_nxt + tcp_receive_window())`,
    requires: 'windowEdgeInclusive',
  },
  {
    id: 'synSent.ackUnacceptable.synSoon',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary:
      'after an unacceptable ACK in SYN-SENT (answered with a reset unless it was one), the SYN is sent again within a few milliseconds if it was not yet retransmitted',
    rfc793: '§3.9 p.66',
    rfc9293: '§3.10.7.3 (first)',
    also: `${SRC} tcp_input.c: tcp_rcv_synsent_state_process(), "Previous FIN/ACK or RST/ACK might be ignored": retransmission timer set to TCP_TIMEOUT_MIN when icsk_retransmits == 0`,
    when: (p) => p.synRetryAfterBadAck != null,
  },
  {
    id: 'rst.receivedKept',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a RST that ends the connection leaves the text already received readable: RECEIVE returns it before reporting the reset',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
    also: `${SRC} tcp_input.c: tcp_reset() → tcp_done() keeps sk_receive_queue; tcp.c: tcp_recvmsg_locked() copies queued data before sock_error()`,
    requires: 'resetKeepsReceived',
  },
  {
    id: 'timeWait.minimal.rst',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'in TIME-WAIT a RST at RCV.NXT ends it (tcp_rfc1337 = 0)',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
    also: `${SRC} tcp_minisocks.c: tcp_timewait_state_process(); sysctl net.ipv4.tcp_rfc1337 = 0`,
    requires: 'timeWaitMinimal',
  },
  {
    id: 'timeWait.minimal.ignored',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'in TIME-WAIT an empty segment at RCV.NXT is dropped silently and restarts the 2·MSL timer',
    rfc793: '§3.9 p.69-76',
    rfc9293: '§3.10.7.4',
    also: `${SRC} tcp_minisocks.c: tcp_timewait_state_process() ("In window segment, it may be only reset or bare ack")`,
    requires: 'timeWaitMinimal',
  },
  {
    id: 'timeWait.minimal.syn',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'in TIME-WAIT a SYN without ACK above RCV.NXT would go to a listener (a new connection); with none it is answered with an ACK of RCV.NXT, not rate-limited',
    rfc793: '§3.9 p.71',
    rfc9293: '§3.10.7.4 (fourth)',
    also: `RFC 1122 §4.2.2.13; ${SRC} tcp_minisocks.c: tcp_timewait_state_process() returns TCP_TW_SYN; tcp_ipv4.c: tcp_v4_rcv() falls through to tcp_v4_timewait_ack() without a listener`,
    requires: 'timeWaitMinimal',
  },
  {
    id: 'timeWait.minimal.rstIgnored',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'in TIME-WAIT a RST not at RCV.NXT is dropped, in the window or not (no challenge ACK)',
    rfc793: '§3.9 p.69-70',
    rfc9293: '§3.10.7.4 (first, second)',
    also: `${SRC} tcp_minisocks.c: tcp_timewait_state_process()`,
    requires: 'timeWaitMinimal',
  },
  {
    id: 'close.unread.lateReset',
    states: ['Closing', 'LastAck'],
    event: 'CLOSE',
    summary:
      'close(), with or without SO_LINGER 0, on a connection in CLOSING or LAST-ACK with text still unread sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> and goes to CLOSED',
    rfc793: '§3.9 p.61-62',
    rfc9293: '§3.10.4, §3.10.5, §3.6.1',
    also: `${SRC} tcp.c: tcp_close(), data_was_unread → tcp_send_active_reset() before the SO_LINGER check`,
    requires: 'unreadResetsLate',
  },
  {
    id: 'synReceived.ack.queuedFin',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      "when the ACK completing a simultaneous open arrives after a CLOSE was queued in SYN-RECEIVED, the FIN goes out at once, acknowledging RCV.NXT as it stood, and only then is the segment's text processed (and acknowledged separately)",
    rfc793: '§3.9 p.72-74',
    rfc9293: '§3.10.7.4 (fifth, seventh), §3.10.4',
    also: `${SRC} tcp_input.c: tcp_rcv_state_process(), case TCP_SYN_RECV: tcp_shutdown() when SEND_SHUTDOWN is set, before tcp_data_queue()`,
    requires: 'closeQueuedInSynReceived',
  },
  {
    id: 'synReceived.syn.synAckAgain',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      "in a passive SYN-RECEIVED, the peer's SYN sent again (SEG.SEQ = IRS, no ACK) is answered with our SYN,ACK again instead of an ACK, at most once per 500 ms; the connection stays in SYN-RECEIVED",
    rfc793: '§3.9 p.69',
    rfc9293: '§3.10.7.4 (first)',
    also: `${SRC} tcp_minisocks.c: tcp_check_req(), "Check for pure retransmitted SYN": inet_rtx_syn_ack() unless tcp_oow_rate_limited()`,
    requires: 'synAgainGetsSynAck',
  },
  {
    id: 'close.finCongestionLimited',
    states: ['SynReceived', 'Established', 'CloseWait'],
    event: 'CLOSE',
    summary:
      'the FIN of a CLOSE may wait, like data, while the congestion window (counted in segments) is full of what is in flight: after a SYN,ACK was sent again the window is one segment, and the FIN follows the ACK of the SYN,ACK',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4, §3.8.2 (MUST-19)',
    also: `RFC 5681 §3.1 (a window of one segment after a lost SYN or SYN,ACK); ${SRC} tcp_output.c: tcp_send_fin() queues the FIN, tcp_write_xmit() → tcp_cwnd_test() counts packets in flight; tcp_timer.c: tcp_retransmit_timer() leaves cwnd at 1`,
    requires: 'finCongestionLimited',
    optional: true,
  },
  {
    id: 'synSent.syn.shiftKept',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary:
      'after crossed SYNs where the peer offered no window scaling, the windows the kernel advertises are still shifted by the shift its own SYN offered: the Window field reads RCV.WND >> shift (63 for 64512 with shift 10), while the kernel accepts text up to RCV.WND',
    rfc793: '§3.1 p.17, §3.9 p.68',
    rfc9293: '§3.1, §3.10.7.3 (fourth)',
    also: `RFC 7323 §2.2; ${SRC} tcp_input.c: tcp_rcv_synsent_state_process(): the SYN,ACK branch clears rx_opt.rcv_wscale when the peer offered no scaling (!wscale_ok), the crossed-SYN branch does not; tcp_output.c: tcp_select_window() shifts by rcv_wscale`,
    requires: 'simultaneousOpenKeepsShift',
  },
  {
    id: 'close.synReceived.queued',
    states: ['SynReceived'],
    event: 'CLOSE',
    summary:
      'CLOSE (shutdown(SHUT_WR)) in the SYN-RECEIVED of a simultaneous open is queued even with no data pending: the FIN goes out when the handshake completes (FIN-WAIT-1); close() sends it at once',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4 (SYN-RECEIVED)',
    also: `${SRC} af_inet.c: inet_shutdown() → tcp.c: tcp_shutdown(); the FIN is queued behind the unacknowledged SYN,ACK (observed on 6.18: state SYN-RECEIVED, then <CTL=FIN,ACK> with the ACK that completes the handshake)`,
    requires: 'closeQueuedInSynReceived',
  },
  // A passive SYN-RECEIVED connection is a request sock the application cannot reach before accept()
  // (acceptWhenEstablished): its calls act on the listener.
  {
    id: 'send.synReceived.unaccepted',
    states: ['SynReceived'],
    event: 'SEND',
    summary:
      'before accept() SEND acts on the listener: write() on a listening socket fails with EPIPE, "foreign socket unspecified"',
    rfc793: '§3.9 p.56',
    rfc9293: '§3.10.2',
    also: `${SRC} tcp.c: tcp_sendmsg_locked() → net/core/stream.c: sk_stream_wait_connect(), -EPIPE outside SYN-SENT and SYN-RECV`,
    requires: 'acceptWhenEstablished',
  },
  {
    id: 'close.synReceived.unaccepted',
    states: ['SynReceived'],
    event: 'CLOSE',
    summary: 'CLOSE or ABORT before accept() closes the listener only: the request sock stays in SYN-RECEIVED',
    rfc793: '§3.9 p.60, p.62',
    rfc9293: '§3.10.4, §3.10.5',
    also: `${SRC} tcp.c: __tcp_close() of a TCP_LISTEN socket → inet_connection_sock.c: inet_csk_listen_stop(); the request sock stays hashed`,
    requires: 'acceptWhenEstablished',
  },
  {
    id: 'user.synReceived.listenerClosed',
    states: ['SynReceived'],
    event: 'SEND',
    summary:
      'once the listener is closed the application holds no descriptor: SEND, RECEIVE, CLOSE and ABORT answer "connection does not exist" (EBADF)',
    rfc793: '§3.9 p.55-62',
    rfc9293: '§3.10.2-3.10.5 (CLOSED)',
    also: `${SRC} fs/file.c: a call on a closed descriptor fails with EBADF`,
    requires: 'acceptWhenEstablished',
  },
  {
    id: 'timeout.finWait2',
    states: ['FinWait2'],
    event: 'TIME-WAIT TIMEOUT',
    summary: 'after close() FIN-WAIT-2 ends in CLOSED after tcp_fin_timeout (60 s): nobody is left to read',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
    also: `${SRC} tcp.c: __tcp_close() arms the FIN-WAIT-2 timer with tcp_fin_time() (net.ipv4.tcp_fin_timeout)`,
    when: (p) => p.finWait2TimeoutLo != null,
  },
] as const satisfies readonly Rule[];

/** The ids of the rules this profile adds. */
export type LinuxRuleId = (typeof rules)[number]['id'];

export const linux: Profile = {
  name: 'linux',
  summary: "Linux (net/ipv4) through the sockets API: rfc9293 with the kernel's cited departures",
  extends: 'rfc9293',
  features: new Set([
    ...rfc9293.features,
    'acceptWhenEstablished',
    'receiveOnListenerFails',
    'sendBeforeEstablishedFails',
    'listenAgainOk',
    'closedSocketRemembers',
    'abortResetCarriesAck',
    'oldSegmentControls',
    'synReceivedSynResets',
    'closeReleasesHandle',
    'orphanRequestDropped',
    'synAckTextIgnored',
    'oowAckRateLimited',
    'ackBoundBySent',
    'dataAfterFinResets',
    'orphanFinWait2Minimal',
    'closeAgainOk',
    'synReceivedAckOfNothing',
    'windowEdgeInclusive',
    'resetKeepsReceived',
    'timeWaitMinimal',
    'unreadResetsLate',
    'closeQueuedInSynReceived',
    'simultaneousOpenKeepsShift',
    'finCongestionLimited',
    'synAgainGetsSynAck',
  ]),
  params: {
    ...rfc9293.params,
    // net.ipv4.tcp_min_snd_mss = 48 (TCP_MIN_SND_MSS): a smaller announced MSS is raised to it.
    sndMssMin: 48,
    // TCP_TIMEWAIT_LEN (include/net/tcp.h) = 60 s; a 60 s kernel timer sits in a timer-wheel level of 4.096 s
    // granularity and may fire that much later (kernel/time/timer.c).
    timeWaitLo: 60000,
    timeWaitHi: 64200,
    // After close(), FIN-WAIT-2 lasts tcp_fin_time() = net.ipv4.tcp_fin_timeout (60 s), as a timewait socket.
    finWait2TimeoutLo: 60000,
    finWait2TimeoutHi: 64200,
    // TCP_TIMEOUT_MIN (2 jiffies) after an unacceptable ACK in SYN-SENT; the rest is the harness's real clock.
    synRetryAfterBadAck: 200,
    // TCP_RTO_MIN: once the handshake gave an RTT sample, the RTO is SRTT + 4·RTTVAR but at least 200 ms.
    rtoMin: 200,
  },
  overrides: [
    {
      kind: 'choice',
      what: 'a passively opened connection reaches the application only once ESTABLISHED (accept()); until then user calls act on the listener',
      because:
        'sockets separate the listener from the connections it accepts; RFC 9293 §3.10.2-3.10.5 act on the one TCB in SYN-RECEIVED',
      cite: `${SRC} inet_connection_sock.c: inet_csk_accept() takes only established children; tcp_minisocks.c: tcp_check_req()`,
      features: ['acceptWhenEstablished'],
    },
    {
      kind: 'choice',
      what: 'RECEIVE on a listener fails with ENOTCONN',
      because:
        'RFC 9293 §3.10.3 queues a RECEIVE made before the connection exists; recv() on a listening socket has no connection to read from',
      cite: `${SRC} tcp.c: tcp_recvmsg_locked()`,
      features: ['receiveOnListenerFails'],
    },
    {
      kind: 'choice',
      what: "non-blocking SEND in SYN-SENT (and in a simultaneous open's SYN-RECEIVED) fails with EAGAIN",
      because:
        'RFC 9293 §3.10.2 queues data sent in SYN-SENT; a non-blocking send() must wait for the connection and so answers "try again"',
      cite: `${SRC} tcp.c: tcp_sendmsg_locked(); net/core/stream.c: sk_stream_wait_connect()`,
      features: ['sendBeforeEstablishedFails'],
    },
    {
      kind: 'choice',
      what: 'OPEN passive on a listener succeeds (listen() again)',
      because:
        'RFC 9293 §3.10.1 answers "connection already exists"; sockets let listen() be called again to change the backlog',
      cite: `${SRC} af_inet.c: __inet_listen_sk()`,
      features: ['listenAgainOk'],
    },
    {
      kind: 'choice',
      what: 'calls on a socket whose connection ended report its history (pending ECONNRESET once, then EOF/EPIPE), not "connection does not exist"',
      because:
        'RFC 9293 §3.10 answers "connection does not exist" once the TCB is deleted; a socket outlives its TCB while the application holds the descriptor, and reports the reset once (sock_error())',
      cite: `${SRC} net/core/sock.c: sock_error(); tcp.c: tcp_disconnect(), tcp_reset() (tcp_input.c)`,
      features: ['closedSocketRemembers'],
    },
    {
      kind: 'choice',
      what: 'the RST of ABORT and of close() with unread data carries ACK=RCV.NXT',
      because:
        'RFC 9293 §3.10.5 shows <SEQ=SND.NXT><CTL=RST>; an ACK field on a RST is harmless, receivers validate a RST by its sequence number (§3.5.3)',
      cite: `${SRC} tcp_output.c: tcp_send_active_reset(); tcp.c: tcp_close(), tcp_disconnect()`,
      features: ['abortResetCarriesAck'],
    },
    {
      kind: 'choice',
      what: 'a segment whose text ends exactly at RCV.NXT passes the sequence test, so its ACK is processed',
      because:
        'RFC 9293 §3.10.7.4 (first check) finds it unacceptable (no octet inside the window) and drops it after an ACK; Linux deliberately judges controls after truncating the text to the window, and still answers the duplicate text with an ACK',
      cite: `${SRC} tcp_input.c: tcp_sequence(), tcp_validate_incoming(), tcp_data_queue()`,
      features: ['oldSegmentControls'],
    },
    {
      kind: 'choice',
      what: 'a SYN in a passive SYN-RECEIVED returns it to LISTEN and is answered with a RST',
      because:
        'RFC 9293 §3.10.7.4 (fourth) returns to LISTEN quietly (RFC 1122 §4.2.2.20 (e)); RFC 793 p.71 answered such a SYN with a reset; Linux does both: the request socket is dropped and the SYN refused',
      cite: `${SRC} tcp_minisocks.c: tcp_check_req() (embryonic_reset)`,
      features: ['synReceivedSynResets'],
    },
    {
      kind: 'choice',
      what: 'after close() every call answers "connection does not exist" (EBADF)',
      because:
        'RFC 9293 §3.10.2-3.10.5 answer "connection closing" after CLOSE; sockets\' close() releases the descriptor, the connection finishes as an orphan',
      cite: `${SRC} tcp.c: tcp_close(); net/socket.c`,
      features: ['closeReleasesHandle'],
    },
    {
      kind: 'choice',
      what: 'the send MSS is at least 48 whatever MSS the peer announces',
      because:
        "RFC 9293 §3.7.1 (MUST-16) bounds segments by the peer's MSS; Linux raises tiny MSS values on purpose, against resource-exhaustion attacks (CVE-2019-11479)",
      cite: `${SRC} tcp_output.c: tcp_mss_to_mtu()/__tcp_mtu_to_mss(), sysctl net.ipv4.tcp_min_snd_mss = 48`,
      params: { sndMssMin: 48 },
    },
    {
      kind: 'choice',
      what: 'closing the listener orphans a connection still in SYN-RECEIVED: its next segment drops it and is answered as in CLOSED (or by a new listener)',
      because:
        "RFC 9293 §3.10.4 has no listener apart from the connection; sockets' close() of a listener ends the connections it has not handed over",
      cite: `${SRC} tcp_ipv4.c: tcp_v4_rcv(); inet_connection_sock.c: inet_csk_listen_stop()`,
      features: ['orphanRequestDropped'],
    },
    {
      kind: 'choice',
      what: 'text and FIN on a SYN,ACK are dropped',
      because:
        'RFC 9293 §3.10.7.3 (fourth) goes on to the sixth step and processes them; Linux acknowledges only the SYN and frees the segment (text on a SYN,ACK is taken only for its own Fast Open). Nothing is lost: the text and FIN were not acknowledged, so the peer sends them again',
      cite: `${SRC} tcp_input.c: tcp_rcv_synsent_state_process(), tcp_rcv_state_process()`,
      features: ['synAckTextIgnored'],
    },
    {
      kind: 'choice',
      what: 'ACKs answering dropped segments are rate-limited per connection (one per 500 ms): out-of-window segments without text, challenge ACKs to a RST or SYN in the window, ACKs of unsent or too old data',
      because:
        'RFC 9293 §3.10.7.4 answers each of them with an ACK; RFC 5961 §7 lets challenge ACKs be limited, and a limit on the others stops ACK loops between two endpoints that disagree about the window',
      cite: `${SRC} tcp_input.c: tcp_oow_rate_limited(), tcp_send_challenge_ack(), tcp_validate_incoming(); tcp_minisocks.c: tcp_check_req(), tcp_timewait_state_process(); sysctl net.ipv4.tcp_invalid_ratelimit = 500`,
      features: ['oowAckRateLimited'],
    },
    {
      kind: 'choice',
      what: 'an ACK below ISS+1 (below the first octet of data) is too old: challenge ACK, even where MAX.SND.WND would allow it',
      because:
        'RFC 5961 §5.2 accepts SEG.ACK down to SND.UNA - MAX.SND.WND; octets before the first one sent were never sent, so an ACK for them cannot be genuine and the tighter bound only rejects forgeries (RFC 9293 §3.10.7.4 fifth check, MAY-12)',
      cite: `${SRC} tcp_input.c: tcp_ack() (bytes_acked)`,
      features: ['ackBoundBySent'],
    },
    {
      kind: 'bug',
      what: "after the peer's FIN, text overlapping RCV.NXT resets the connection",
      because:
        "RFC 9293 §3.10.7.4 (seventh) says text after the peer's FIN is to be ignored; Linux lets CLOSE-WAIT, CLOSING and LAST-ACK fall through to the reset that RFC 1122 §4.2.2.13 asks for data arriving after the local close(), since receiving the FIN set the same RCV_SHUTDOWN flag. Text starting at or above RCV.NXT is ignored, so the outcome depends only on where the bogus text starts. Tolerated so the rest can be checked",
      cite: `${SRC} tcp_input.c: tcp_rcv_state_process(), step 7`,
      features: ['dataAfterFinResets'],
    },
    {
      kind: 'choice',
      what: 'after close(), FIN-WAIT-2 is a minimal record (a timewait socket): RST in the window ends it at once, a SYN or new text is reset, duplicates are dropped without an ACK',
      because:
        'RFC 9293 §3.10.7.4 keeps processing a FIN-WAIT-2 connection fully (challenge ACKs, ACKs of duplicates); an orphaned connection can no longer deliver text, and RFC 9293 §3.6.1 (SHLD-3) asks for a reset to text arriving after a half-duplex close. Keeping a small record bounds the memory orphans take',
      cite: `${SRC} tcp.c: tcp_close() → tcp_time_wait(sk, TCP_FIN_WAIT2, tmo); tcp_minisocks.c: tcp_timewait_state_process()`,
      features: ['orphanFinWait2Minimal'],
    },
    {
      kind: 'choice',
      what: 'TIME-WAIT lasts 60 s (2·MSL with MSL = 30 s), not 240 s',
      because:
        "RFC 9293 §3.4.1 sets MSL to 2 minutes for the specification's purposes; the value is an engineering choice (RFC 1122 §4.2.2.13 lets 2·MSL be shortened when safe)",
      cite: `${SRC} include/net/tcp.h: TCP_TIMEWAIT_LEN; tcp_minisocks.c: tcp_time_wait(), inet_twsk_schedule()`,
      params: { timeWaitLo: 60000, timeWaitHi: 64200 },
      evidence:
        'a default check never waits 60 s; adapters/linux/slow.test.ts (TCPCONFORM_SLOW=1) shows TIME-WAIT still there after 58 s and gone 8 s later, which rfc9293 refuses',
    },
    {
      kind: 'choice',
      what: 'after close(), FIN-WAIT-2 ends after tcp_fin_timeout (60 s)',
      because:
        'RFC 9293 lets FIN-WAIT-2 last as long as the peer keeps its side open; once the application has closed the socket nobody can read, and RFC 1122 §4.2.2.20 does not forbid a timeout (§3.10.4 notes implementations do this)',
      cite: `${SRC} tcp.c: tcp_close(), tcp_fin_time(); sysctl net.ipv4.tcp_fin_timeout = 60`,
      params: { finWait2TimeoutLo: 60000, finWait2TimeoutHi: 64200 },
      evidence:
        'a default check never waits 60 s; adapters/linux/slow.test.ts (TCPCONFORM_SLOW=1) shows an orphaned FIN-WAIT-2 still there after 58 s and gone 8 s later, where rfc9293 lets it last',
    },
    {
      kind: 'choice',
      what: 'CLOSE in CLOSING or LAST-ACK succeeds (a second shutdown(SHUT_WR))',
      because:
        'RFC 9293 §3.10.4 answers "connection closing" there; shutdown() is idempotent in sockets, and no second FIN goes out, which is what §3.10.4 guards against in FIN-WAIT',
      cite: `${SRC} af_inet.c: inet_shutdown(); tcp.c: tcp_shutdown()`,
      features: ['closeAgainOk'],
    },
    {
      kind: 'bug',
      what: 'in the SYN-RECEIVED of a simultaneous open, an ACK that acknowledges nothing (SEG.ACK = SND.UNA) completes the handshake',
      because:
        'RFC 9293 §3.10.7.4 (fifth check, SYN-RECEIVED) enters ESTABLISHED only when SND.UNA < SEG.ACK =< SND.NXT and otherwise sends a reset: such an ACK has not seen our SYN. The passive side checks exactly ISS+1 (tcp_check_req()); the full-socket path does not. Tolerated so the rest can be checked',
      cite: `${SRC} tcp_input.c: tcp_ack(), tcp_rcv_state_process() (TCP_SYN_RECV)`,
      features: ['synReceivedAckOfNothing'],
    },
    {
      kind: 'bug',
      what: 'a segment without octets at RCV.NXT+RCV.WND passes the sequence test',
      because:
        'RFC 9293 §3.4 accepts a zero-length segment when RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND; Linux accepts SEG.SEQ = RCV.NXT+RCV.WND too (one past the window), so a RST there draws a challenge ACK instead of being dropped and an ACK there is processed. Harmless; tolerated so the rest can be checked',
      cite: `${SRC} tcp_input.c: tcp_sequence()`,
      features: ['windowEdgeInclusive'],
    },
    {
      kind: 'choice',
      what: 'after an unacceptable ACK in SYN-SENT, the SYN is retransmitted within milliseconds if it was not yet retransmitted',
      because:
        'RFC 9293 §3.10.7.3 (first) resets and drops the segment, leaving the SYN to the retransmission timer; sending it sooner recovers faster when the peer had a half-open connection (RFC 9293 §3.5.1, Figure 10)',
      cite: `${SRC} tcp_input.c: tcp_rcv_synsent_state_process() (TCP_TIMEOUT_MIN)`,
      params: { synRetryAfterBadAck: 200 },
    },
    {
      kind: 'choice',
      what: 'text received before a RST can still be read after it',
      because:
        'RFC 9293 §3.10.7.4 (second check) says segment queues should be flushed on a reset (a SHOULD); the text was acknowledged to the peer, and delivering it before the error loses nothing',
      cite: `${SRC} tcp_input.c: tcp_reset(), tcp_done(); tcp.c: tcp_recvmsg_locked()`,
      features: ['resetKeepsReceived'],
    },
    {
      kind: 'choice',
      what: 'TIME-WAIT is a minimal record with its own checks: a RST at RCV.NXT ends it, other RSTs are dropped without a challenge ACK, an empty segment at RCV.NXT is dropped silently, anything else is answered with an ACK of RCV.NXT',
      because:
        'RFC 9293 §3.10.7.4 runs the full checks in TIME-WAIT (challenge ACKs of RFC 5961 §3-4, the sequence test). Only the retransmitted FIN matters there (acknowledged, timer restarted, as the RFC asks); keeping a small record instead of the socket bounds the memory TIME-WAIT takes',
      cite: `${SRC} tcp_minisocks.c: tcp_time_wait(), tcp_timewait_state_process(); tcp_ipv4.c: tcp_v4_rcv(), tcp_v4_timewait_ack()`,
      features: ['timeWaitMinimal'],
    },
    {
      kind: 'choice',
      what: 'close() with text still unread sends a reset in CLOSING and LAST-ACK too, also as ABORT',
      because:
        'RFC 9293 §3.6.1 (SHLD-3) asks for a reset when a half-duplex CLOSE loses received text, and §3.10.4-5 close CLOSING and LAST-ACK quietly; Linux applies the reset whatever the state, which tells the peer that text was lost (RFC 1122 §4.2.2.13)',
      cite: `${SRC} tcp.c: tcp_close()`,
      features: ['unreadResetsLate'],
    },
    {
      kind: 'choice',
      what: "CLOSE in a simultaneous open's SYN-RECEIVED is queued until the handshake completes, even with no data pending",
      because:
        'RFC 9293 §3.10.4 sends the FIN at once (FIN-WAIT-1) when nothing is queued and queues it otherwise; waiting for ESTABLISHED delays the FIN by at most the handshake and loses nothing',
      cite: `${SRC} af_inet.c: inet_shutdown(); tcp.c: tcp_shutdown(), tcp_send_fin()`,
      features: ['closeQueuedInSynReceived'],
    },
    {
      kind: 'choice',
      what: "the peer's SYN sent again to a passive SYN-RECEIVED is answered with the SYN,ACK again (rate-limited)",
      because:
        'RFC 9293 §3.10.7.4 (first check) finds the duplicate SYN below the window and answers with an ACK; a peer still in SYN-SENT can do nothing with that ACK (§3.10.7.3 drops an ACK without SYN there), while the SYN,ACK it evidently lost lets the handshake complete',
      cite: `${SRC} tcp_minisocks.c: tcp_check_req()`,
      features: ['synAgainGetsSynAck'],
    },
    {
      kind: 'choice',
      what: 'once an RTT has been measured, the retransmission timeout may be as short as 200 ms',
      because:
        'RFC 6298 §2.4 says a computed RTO SHOULD be rounded up to 1 s; Linux rounds it up to 200 ms instead (TCP_RTO_MIN, settable per route), so on a fast path data is sent again after 200 ms, then 400 ms, ... (the SYN keeps the 1 s initial RTO of §2.1)',
      cite: `${SRC} include/net/tcp.h: TCP_RTO_MIN, TCP_TIMEOUT_INIT; tcp_input.c: tcp_set_rto(), tcp_rto_min()`,
      params: { rtoMin: 200 },
    },
    {
      kind: 'choice',
      what: 'the FIN of a CLOSE waits behind a full congestion window like a data segment',
      because:
        'RFC 9293 §3.10.4 sends the FIN once the queued data is out; the congestion window (RFC 9293 §3.8.2, RFC 5681) may hold any segment back while others are in flight, and Linux counts it in segments, so after a retransmitted SYN,ACK (a window of one segment, RFC 5681 §3.1) the FIN waits for the ACK of the SYN,ACK',
      cite: `${SRC} tcp_output.c: tcp_send_fin(), tcp_write_xmit(), tcp_cwnd_test()`,
      features: ['finCongestionLimited'],
    },
    {
      kind: 'bug',
      what: 'after a simultaneous open whose peer offered no window scaling, the kernel still scales the windows it advertises',
      because:
        'RFC 7323 §2.2 puts window scaling in force only when both SYNs carry the option, and RFC 9293 §3.1 makes the Window field the number of octets the sender will take. After crossed SYNs the kernel keeps the shift its own SYN offered: its Window field is RCV.WND >> shift, so the peer sees a window 2^shift times smaller than the one the kernel applies (text the peer believes outside the window is taken). Its SYN,ACK also repeats the window-scale option, which §2.2 allows only in answer to a SYN that had one. Tolerated so the rest can be checked',
      cite: `${SRC} tcp_input.c: tcp_rcv_synsent_state_process() (crossed SYNs: no !wscale_ok reset of rcv_wscale); tcp_output.c: tcp_select_window()`,
      features: ['simultaneousOpenKeepsShift'],
    },
  ],
  replaces: {
    synchronized: linuxSynchronized,
    output: linuxOutput,
    synSent: linuxSynSent,
    userCall: apiUserCall,
    segmentArrives: linuxSegmentArrives,
    afterSegment: rateLimited,
  },
  extraRules: rules,
  unreachable: {
    'send.queue':
      "sockets refuse a SEND before the connection is established (send.synSent.refused), and a passive SYN-RECEIVED connection is not the application's yet (send.synReceived.unaccepted)",
    'receive.halfDuplexClosed':
      'after close() the application holds no descriptor to read from (user.afterClose.noHandle)',
    'close.closing': 'a second shutdown(SHUT_WR) in CLOSING or LAST-ACK succeeds (close.again.ok)',
  },
};
