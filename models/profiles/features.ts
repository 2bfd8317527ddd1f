// The switches of the implementation profiles (lwip, linux): each turns on rules of the profile's own and the
// replacements of the RFC's steps that go with them (docs/design.md §7). They join the core's Features here, so
// that the compiler checks every features.has() against them; tcpconform diff takes them away one at a time.
import type {} from '../rule';

declare module '../rule' {
  interface Features {
    // Implementation choices that implementation profiles switch on, each with a rule of its own:
    resetCarriesAck: true; // every RST sent carries ACK (acknowledging the segment, or RCV.NXT)
    noSimultaneousOpen: true; // a SYN in SYN-SENT is dropped
    isnMayRepeat: true; // a new connection may reuse the last ISS (a bug where it occurs: MUST-8)
    abortAlwaysResets: true; // ABORT sends its RST also in SYN-SENT, CLOSING and LAST-ACK
    synFinCountOnce: true; // SEG.LEN of a segment with SYN and FIN counts them as one (a bug where it occurs)
    synAckTextIgnored: true; // text and FIN on a SYN,ACK in SYN-SENT are dropped, not processed
    synAgainAfterReset: true; // in SYN-SENT, after the RST to an unacceptable ACK, the SYN is sent again at once
    synReceivedAckFirst: true; // in SYN-RECEIVED a segment with ACK is judged by its ACK before SEQ and SYN
    acceptWhenEstablished: true; // a passively opened connection reaches the user only once ESTABLISHED
    synReceivedSynIsRetransmission: true; // in SYN-RECEIVED a SYN without ACK is read as a copy of the peer's SYN
    synSentAckResets: true; // in SYN-SENT an acceptable ACK without SYN is reset like an unacceptable one
    /** the ACK field of a segment that fails the sequence test is processed before it is dropped */
    ackOfUnacceptableSegment: true;
    /** text after a half-duplex CLOSE is taken into the window before the reset, which acknowledges it */
    resetAfterTakingText: true;
    rtoResendsFlight: true; // a retransmission timeout sends the whole flight again, as first cut, within one MSS
    /** after a half-duplex CLOSE the application holds nothing: calls answer "connection closing", no signals */
    closeLetsGo: true;
    outOfOrderAckFirst: true; // text ahead of RCV.NXT is acknowledged by an ACK of its own, before anything else goes
    /** TIME-WAIT ignores RSTs, resets a SYN in the window, acknowledges only what occupies sequence space */
    timeWaitLean: true;
    closeAfterCloseOk: true; // a half-duplex CLOSE after CLOSE succeeds and only stops receiving
    removalSendsOwedAck: true; // a connection torn down by ABORT first sends the ACK it was delaying
    resetReportedWhenClosing: true; // a RST in CLOSING or LAST-ACK is reported to the user as "connection reset"
    /** in CLOSING and LAST-ACK a segment starting below RCV.NXT gets an ACK even when otherwise ignored */
    oldTextAckedAfterFin: true;
    synSentMssFromAnySyn: true; // in SYN-SENT the MSS option of any SYN is taken, even of one then rejected or dropped
    rtxCountKept: true; // the retransmission count is reset only by an ACK of new data (not by an idle timer)
    /** text and FIN of a segment without ACK are processed in the synchronized states (a bug where it occurs) */
    textWithoutAck: true;
    ackBoundBySent: true; // RFC 5961 §5.2's lower bound on SEG.ACK is also no lower than ISS+1 (what was ever sent)
    /** text that overlaps RCV.NXT after the peer's FIN resets the connection (a bug where it occurs) */
    dataAfterFinResets: true;
    /** FIN-WAIT-2 after a half-duplex CLOSE keeps only a minimal record (Linux timewait socket) */
    orphanFinWait2Minimal: true;
    closeAgainOk: true; // CLOSE in CLOSING or LAST-ACK succeeds and does nothing (a second shutdown())
    /** an active SYN-RECEIVED takes SEG.ACK = SND.UNA as completing the handshake (a bug where it occurs) */
    synReceivedAckOfNothing: true;
    /** with RCV.WND = 0 even an acceptable segment without octets at RCV.NXT is answered with an ACK */
    zeroWindowAcksAll: true;
    /** a RST at RCV.NXT+RCV.WND passes the sequence test (so is challenged): lwIP's TCP_SEQ_BETWEEN */
    rstWindowEdgeInclusive: true;
    /** a segment without octets at RCV.NXT+RCV.WND passes the sequence test (a bug where it occurs) */
    windowEdgeInclusive: true;
    resetKeepsReceived: true; // text received before a RST stays readable after it
    timeWaitMinimal: true; // TIME-WAIT keeps only a minimal record (Linux timewait socket): its own reduced checks
    unreadResetsLate: true; // CLOSE or ABORT with text unread sends a RST in CLOSING and LAST-ACK too
    /** CLOSE in an active SYN-RECEIVED is queued until ESTABLISHED even with no data pending */
    closeQueuedInSynReceived: true;
    /** in a passive SYN-RECEIVED the peer's SYN sent again (at IRS) is answered with the SYN,ACK again */
    synAgainGetsSynAck: true;
    finCongestionLimited: true; // a segment with only the FIN waits behind a full congestion window like a data segment
    /** after crossed SYNs without window scaling, advertised windows are still scaled (a bug where it occurs) */
    simultaneousOpenKeepsShift: true;
    /** an ACK answering an unacceptable or challenged segment (no text) may be withheld: rate-limited */
    oowAckRateLimited: true;
    listenSynFinDropped: true; // in LISTEN a SYN that also carries FIN is dropped, not taken
    noAckDropped: true; // a full socket drops a segment with none of ACK, RST and SYN before the sequence test
    rstAfterFinAccepted: true; // after the peer's FIN, a RST at RCV.NXT-1 resets as one at RCV.NXT does
    synReceivedBadAckFirst: true; // a passive SYN-RECEIVED resets a wrong SEG.ACK before it tests SEQ
    windowEdgeStartTested: true; // a RST or SYN with octets that starts at RCV.NXT+RCV.WND passes the sequence test
    /** CLOSING, LAST-ACK: a segment below RCV.NXT not acknowledging our FIN goes on to its text */
    closingTextProcessed: true;
    closeResetFromSegment: true; // text after close() is reset as in CLOSED: the RST is formed from the segment
    endPastWindowRefused: true; // a segment ending past the window is refused whole while anything is unread
    rstBySeqOnly: true; // a RST is judged by SEG.SEQ alone: at RCV.NXT reset, up to the right edge challenged
    synReceivedNoAckIgnored: true; // SYN-RECEIVED ignores a segment with none of ACK, SYN and RST, unanswered
    futureAckGoesOn: true; // after answering an ACK of something not yet sent, the segment's text and FIN are taken

    // Sockets-API answers where the RFC's user calls would queue the request:
    receiveOnListenerFails: true; // RECEIVE while the user holds only a listener answers "connection does not exist"
    sendBeforeEstablishedFails: true; // SEND in SYN-SENT is refused ("insufficient resources"), not queued
    listenAgainOk: true; // OPEN passive on a listener succeeds and changes nothing (listen() again)
    /** calls on a socket whose connection ended answer from its history (pending error, EOF) */
    closedSocketRemembers: true;
    /** connect() again on a connection whose non-blocking connect() completed succeeds once (then EISCONN) */
    connectAgainCompletes: true;
    abortResetCarriesAck: true; // the RST of ABORT (and of a half-duplex CLOSE losing data) carries ACK=RCV.NXT
    oldSegmentControls: true; // a segment whose text ends exactly at RCV.NXT is acceptable: its controls (ACK) count
    synReceivedSynResets: true; // the SYN that returns a passive SYN-RECEIVED to LISTEN is also answered with a RST
    orphanRequestDropped: true; // a half-open connection whose listener was closed is dropped by the next segment
    closeReleasesHandle: true; // after a half-duplex CLOSE (close()) the user holds nothing: calls find no connection
  }
}
