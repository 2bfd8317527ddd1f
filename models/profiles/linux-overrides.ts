// The linux profile's departures from rfc9293, one entry each with its citation in the kernel's source
// (docs/design.md §7), in the order `tcpconform rules` prints them.
import { Override } from '../profile';
import { SRC } from './linux-source';

export const LINUX_OVERRIDES: readonly Override[] = [
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
    what: 'calls on a socket whose connection ended report its history, not "connection does not exist": its pending error once (ECONNREFUSED, ECONNRESET, EPIPE or ETIMEDOUT by how it ended), then EPIPE, end of file or ENOTCONN',
    because:
      'RFC 9293 §3.10 answers "connection does not exist" once the TCB is deleted; a socket outlives its TCB while the application holds the descriptor, and reports the reset once (sock_error())',
    cite: `${SRC} net/core/sock.c: sock_error(); tcp_input.c: tcp_reset(); tcp_timer.c: tcp_write_err(); tcp.c: tcp_disconnect(), tcp_recvmsg_locked()`,
    features: ['closedSocketRemembers'],
  },
  {
    kind: 'choice',
    what: 'OPEN active once more on a connection whose non-blocking connect() has completed succeeds (connect() reports the completion); after that, and on an accepted connection, EISCONN',
    because:
      'RFC 9293 §3.10.1 answers "connection already exists" to an OPEN on an existing connection; a non-blocking connect() returns before the handshake ends, and sockets report its outcome to the next connect() on the socket',
    cite: `${SRC} af_inet.c: __inet_stream_connect() (SS_CONNECTING: EALREADY while SYN_SENT or SYN_RECV, then 0 and SS_CONNECTED), inet_shutdown()`,
    features: ['connectAgainCompletes'],
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
      'RFC 9293 §3.4 accepts a zero-length segment when RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND; Linux accepts SEG.SEQ = RCV.NXT+RCV.WND too (one past the window), so a RST there draws a challenge ACK instead of being dropped and an ACK there is processed. A full socket tests only where a segment starts, so a RST or SYN with text (or a SYN,RST) starting there is challenged too. Harmless; tolerated so the rest can be checked',
    cite: `${SRC} tcp_input.c: tcp_sequence()`,
    features: ['windowEdgeInclusive', 'windowEdgeStartTested'],
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
    what: 'in LISTEN a SYN that also carries FIN is dropped: no SYN,ACK, no connection',
    because:
      'RFC 9293 §3.10.7.2 takes the SYN and queues the FIN for processing once the connection is synchronized; no peer opens with both, and the combination is a known scan',
    cite: `${SRC} tcp_input.c: tcp_rcv_state_process(), TCP_LISTEN, SKB_DROP_REASON_TCP_FLAGS`,
    features: ['listenSynFinDropped'],
  },
  {
    kind: 'choice',
    what: 'a segment with none of ACK, RST and SYN is dropped unanswered, before the sequence test',
    because:
      'RFC 9293 §3.10.7.4 tests the sequence number first and acknowledges an unacceptable segment; every segment a synchronized peer sends carries ACK (§3.10.7.4, fifth), so the kernel drops the others as malformed before looking further',
    cite: `${SRC} tcp_input.c: tcp_rcv_established() (slow path) and tcp_rcv_state_process(), SKB_DROP_REASON_TCP_FLAGS`,
    features: ['noAckDropped'],
  },
  {
    kind: 'choice',
    what: "after the peer's FIN (CLOSE-WAIT, CLOSING, LAST-ACK) a RST at RCV.NXT-1 resets the connection",
    because:
      "RFC 9293 §3.10.7.4 finds RCV.NXT-1 below the window and drops the RST (RFC 5961 §3.2 resets only at RCV.NXT); a peer that resets after its FIN may use the FIN's own sequence number, and Linux takes it as exact",
    cite: `${SRC} tcp_input.c: tcp_validate_incoming(), tcp_reset_check()`,
    features: ['rstAfterFinAccepted'],
  },
  {
    kind: 'choice',
    what: 'in a passive SYN-RECEIVED a wrong SEG.ACK (without RST) is refused with a reset before SEQ is tested; the half-open connection stays',
    because:
      'RFC 9293 §3.10.7.4 tests SEQ first (an unacceptable segment gets an ACK) and a SYN returns the connection to LISTEN; the request sock checks the ACK first, and a reset formed from the segment answers it, whatever its SEQ or SYN',
    cite: `${SRC} tcp_minisocks.c: tcp_check_req() returns the listener on a bad ACK; tcp_ipv4.c: tcp_v4_do_rcv() → tcp_v4_send_reset()`,
    features: ['synReceivedBadAckFirst'],
  },
  {
    kind: 'choice',
    what: 'text after close(), or a FIN ahead of RCV.NXT, is answered with a reset formed from the segment, <SEQ=SEG.ACK><CTL=RST>, not <SEQ=SND.NXT>',
    because:
      'RFC 9293 §3.6.1 (RFC 1122 §4.2.2.13) says to send a reset without saying which; the kernel ends the socket and answers as for a segment that found none (RFC 9293 §3.10.7.1), so an old SEG.ACK gives the reset its SEQ',
    cite: `${SRC} tcp_input.c: tcp_rcv_state_process() step 7, tcp_reset() then return 1; tcp_ipv4.c: tcp_v4_send_reset()`,
    features: ['closeResetFromSegment'],
  },
  {
    kind: 'choice',
    what: 'in CLOSING and LAST-ACK a segment below RCV.NXT that does not acknowledge our FIN still has its text processed: new text after the peer’s FIN is reset',
    because:
      'RFC 9293 §3.10.7.4 (fifth) ignores the rest of such a segment; the kernel only notes that its FIN is unacknowledged and goes on to step 7, where text running past RCV.NXT after the FIN is refused',
    cite: `${SRC} tcp_input.c: tcp_rcv_state_process(), TCP_CLOSING / TCP_LAST_ACK in step 5, then step 7`,
    features: ['closingTextProcessed'],
  },
  {
    kind: 'choice',
    what: 'a segment that runs past the right edge of the window is refused whole (and acknowledged) while the socket holds unread text or an unread FIN',
    because:
      'RFC 9293 §3.4 accepts a segment whose first octet is in the window and trims the rest; this kernel (6.18) accepts one that ends past the edge only into an empty receive queue, to bound what a peer can make it hold',
    cite: `${SRC} tcp_input.c: tcp_sequence(), SKB_DROP_REASON_TCP_INVALID_END_SEQUENCE (LINUX_MIB_BEYOND_WINDOW)`,
    features: ['endPastWindowRefused'],
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
];
