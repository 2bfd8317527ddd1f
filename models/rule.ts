// A rule is a named, first-class piece of the model (docs/design.md §1): what coverage counts, what
// counterexamples cite and what `tcpconform rules` teaches.
import { State } from './state';

/** Switches that profiles turn on; rules that need one are part only of profiles that have it. */
export type Feature =
  | 'rfc5961.rst' // RST validation by exact SEQ, challenge ACK otherwise (RFC 5961 §3)
  | 'rfc5961.syn' // challenge ACK for any SYN on a synchronized connection (RFC 5961 §4)
  | 'rfc5961.ack' // ACK validation against MAX.SND.WND (RFC 5961 §5)
  | 'rfc1122.synInSynReceived' // SYN in passive SYN-RECEIVED returns to LISTEN (RFC 1122 4.2.2.20 (e))
  | 'halfDuplexClose' // RFC 9293 §3.6.1 half-duplex CLOSE
  // Implementation choices that implementation profiles switch on, each with a rule of its own:
  | 'resetCarriesAck' // every RST sent carries ACK (acknowledging the segment, or RCV.NXT)
  | 'noSimultaneousOpen' // a SYN in SYN-SENT is dropped
  | 'isnMayRepeat' // a new connection may reuse the last ISS (a bug where it occurs: MUST-8)
  | 'abortAlwaysResets' // ABORT sends its RST also in SYN-SENT, CLOSING and LAST-ACK
  | 'synFinCountOnce' // SEG.LEN of a segment with SYN and FIN counts them as one (a bug where it occurs)
  | 'synAckTextIgnored' // text and FIN on a SYN,ACK in SYN-SENT are dropped, not processed
  | 'synAgainAfterReset' // in SYN-SENT, after the RST to an unacceptable ACK, the SYN is sent again at once
  | 'synReceivedAckFirst' // in SYN-RECEIVED a segment with ACK is judged by its ACK before SEQ and SYN
  | 'acceptWhenEstablished' // a passively opened connection reaches the user only once ESTABLISHED
  | 'synReceivedSynIsRetransmission' // in SYN-RECEIVED a SYN without ACK is read as a copy of the peer's SYN
  | 'synSentAckResets' // in SYN-SENT an acceptable ACK without SYN is reset like an unacceptable one
  | 'ackOfUnacceptableSegment' // the ACK field of a segment that fails the sequence test is processed before it is dropped
  | 'resetAfterTakingText' // text after a half-duplex CLOSE is taken into the window before the reset, which acknowledges it
  | 'rtoResendsFlight' // a retransmission timeout sends the whole flight again, as first cut, within one MSS
  | 'closeLetsGo' // after a half-duplex CLOSE the application holds nothing: calls answer "connection closing", no signals
  | 'outOfOrderAckFirst' // text ahead of RCV.NXT is acknowledged by an ACK of its own, before anything else goes
  | 'timeWaitLean' // TIME-WAIT ignores RSTs, resets a SYN in the window, acknowledges only what occupies sequence space
  | 'closeAfterCloseOk' // a half-duplex CLOSE after CLOSE succeeds and only stops receiving
  | 'removalSendsOwedAck' // a connection torn down by ABORT first sends the ACK it was delaying
  | 'resetReportedWhenClosing' // a RST in CLOSING or LAST-ACK is reported to the user as "connection reset"
  | 'oldTextAckedAfterFin' // in CLOSING and LAST-ACK a segment starting below RCV.NXT gets an ACK even when otherwise ignored
  | 'synSentMssFromAnySyn' // in SYN-SENT the MSS option of any SYN is taken, even of one then rejected or dropped
  | 'rtxCountKept' // the retransmission count is reset only by an ACK of new data (not by an idle timer)
  | 'textWithoutAck' // text and FIN of a segment without ACK are processed in the synchronized states (a bug where it occurs)
  | 'ackBoundBySent' // RFC 5961 §5.2's lower bound on SEG.ACK is also no lower than ISS+1 (what was ever sent)
  | 'dataAfterFinResets' // text that overlaps RCV.NXT after the peer's FIN resets the connection (a bug where it occurs)
  | 'orphanFinWait2Minimal' // FIN-WAIT-2 after a half-duplex CLOSE keeps only a minimal record (Linux timewait socket)
  | 'closeAgainOk' // CLOSE in CLOSING or LAST-ACK succeeds and does nothing (a second shutdown())
  | 'synReceivedAckOfNothing' // an active SYN-RECEIVED takes SEG.ACK = SND.UNA as completing the handshake (a bug where it occurs)
  | 'zeroWindowAcksAll' // with RCV.WND = 0 even an acceptable segment without octets at RCV.NXT is answered with an ACK
  | 'rstWindowEdgeInclusive' // a RST at RCV.NXT+RCV.WND passes the sequence test (so is challenged): lwIP's TCP_SEQ_BETWEEN
  | 'windowEdgeInclusive' // a segment without octets at RCV.NXT+RCV.WND passes the sequence test (a bug where it occurs)
  | 'resetKeepsReceived' // text received before a RST stays readable after it
  | 'timeWaitMinimal' // TIME-WAIT keeps only a minimal record (Linux timewait socket): its own reduced checks
  | 'unreadResetsLate' // CLOSE or ABORT with text unread sends a RST in CLOSING and LAST-ACK too
  | 'closeQueuedInSynReceived' // CLOSE in an active SYN-RECEIVED is queued until ESTABLISHED even with no data pending
  | 'synAgainGetsSynAck' // in a passive SYN-RECEIVED the peer's SYN sent again (at IRS) is answered with the SYN,ACK again
  | 'finCongestionLimited' // a segment with only the FIN waits behind a full congestion window like a data segment
  | 'simultaneousOpenKeepsShift' // after crossed SYNs without window scaling, advertised windows are still scaled (a bug where it occurs)
  | 'oowAckRateLimited' // an ACK answering an unacceptable or challenged segment (no text) may be withheld: rate-limited
  // Sockets-API answers where the RFC's user calls would queue the request:
  | 'receiveOnListenerFails' // RECEIVE while the user holds only a listener answers "connection does not exist"
  | 'sendBeforeEstablishedFails' // SEND in SYN-SENT is refused ("insufficient resources"), not queued
  | 'listenAgainOk' // OPEN passive on a listener succeeds and changes nothing (listen() again)
  | 'closedSocketRemembers' // calls on a socket whose connection ended answer from its history (pending error, EOF)
  | 'abortResetCarriesAck' // the RST of ABORT (and of a half-duplex CLOSE losing data) carries ACK=RCV.NXT
  | 'oldSegmentControls' // a segment whose text ends exactly at RCV.NXT is acceptable: its controls (ACK) count
  | 'synReceivedSynResets' // the SYN that returns a passive SYN-RECEIVED to LISTEN is also answered with a RST
  | 'closeReleasesHandle' // after a half-duplex CLOSE (close()) the user holds nothing: calls find no connection
  | 'orphanRequestDropped' // a half-open connection whose listener was closed is dropped by the next segment
  | 'listenerCloseDropsHalfOpen'; // CLOSE or ABORT of the listener before the accept ends the half-open connection silently

export type RuleEvent =
  | 'OPEN'
  | 'SEND'
  | 'RECEIVE'
  | 'CLOSE'
  | 'ABORT'
  | 'SEGMENT ARRIVES'
  | 'RETRANSMISSION TIMEOUT'
  | 'TIME-WAIT TIMEOUT'
  | 'USER TIMEOUT'
  | 'DELAYED ACK';

export interface Rule {
  /** e.g. 'synReceived.rst.passive' */
  id: string;
  states: readonly State[];
  event: RuleEvent;
  /** One line, in our own words. */
  summary: string;
  /** Where RFC 793 says it: section and page. */
  rfc793: string;
  /** Where RFC 9293 says it. */
  rfc9293: string;
  /** Other sources: RFC 5961, RFC 1122, RFC 6298, or an implementation's source for implementation profiles. */
  also?: string;
  /** Part of the model only in profiles with this feature. */
  requires?: Feature;
  /** Replaced in profiles with this feature. */
  unless?: Feature;
  /** Why a rule that is part of a profile can never fire in a generated run, if so. */
  unreachable?: string;
  /** The rule permits rather than requires (an implementation may or may not ever take it): coverage lists it
   *  as not shown, not as missing. */
  optional?: boolean;
  /** Part of the model only for profiles whose parameters satisfy this (e.g. a user timeout exists). */
  when?: (params: import('./profile').ProfileParams) => boolean;
}
