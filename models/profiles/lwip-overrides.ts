// The lwip profile's departures from rfc9293, one entry each with its citation in lwIP's source (docs/design.md
// §7), in the order `tcpconform rules` prints them.
import { Override } from '../profile';
import { SRC } from './lwip-source';

export const LWIP_OVERRIDES: readonly Override[] = [
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
    what: 'a RST is judged by its sequence number alone: past RCV.NXT up to the right edge it is challenged, below RCV.NXT dropped, whatever text, SYN or FIN it carries',
    because:
      'RFC 9293 §3.4 tests the whole segment, so a RST whose text or SYN/FIN reaches into the window is acceptable (and challenged), and one that starts inside but runs past the edge too; lwIP tests the RST bit before anything else, on SEG.SEQ only. Harmless: a RST without text at RCV.NXT resets either way',
    cite: `${SRC} tcp_in.c: tcp_process(), "Process incoming RST segments"`,
    features: ['rstBySeqOnly'],
  },
  {
    kind: 'choice',
    what: 'in SYN-RECEIVED a segment with none of ACK, SYN and RST is ignored, even outside the window',
    because:
      'RFC 9293 §3.10.7.4 tests the sequence number first and acknowledges an unacceptable segment; lwIP in SYN_RCVD acts only on an ACK or on a copy of the SYN, so there is no sequence test and no ACK',
    cite: `${SRC} tcp_in.c: tcp_process(), case SYN_RCVD`,
    features: ['synReceivedNoAckIgnored'],
  },
  {
    kind: 'bug',
    what: 'an ACK of something not yet sent is answered, and then the text and FIN of the segment are processed anyway',
    because:
      "RFC 9293 §3.10.7.4 (fifth) answers such an ACK and drops the segment; lwIP sends the empty ACK and goes on to tcp_receive()'s text and FIN, so a FIN on it is taken (a second ACK follows) and text after close() resets",
    cite: `${SRC} tcp_in.c: tcp_receive(), "Out of sequence ACK, didn't really ack anything"`,
    features: ['futureAckGoesOn'],
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
];
