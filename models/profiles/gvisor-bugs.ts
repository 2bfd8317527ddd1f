// The gvisor profile's bugs: departures from RFC 9293 that gVisor does not mean, found by
// `tcpconform check --adapter gvisor --profile gvisor` (seeds 1-5, 2000 runs) and read in the packaged source
// (pkg/tcpip/ of 20221219). The model does not follow them: each stays a divergence, kept in
// adapters/gvisor/known-bugs.json, so that a check against this profile still gates (docs/design.md §7).
import { Override } from '../profile';

const SRC = 'gVisor 20221219';
const KNOWN = 'adapters/gvisor/known-bugs.json';

export const GVISOR_BUGS: readonly Override[] = [
  {
    kind: 'bug',
    what: 'CLOSE in the SYN-RECEIVED of a simultaneous open ends the connection without a FIN or a RST',
    because:
      'RFC 9293 §3.10.4 queues the FIN and enters FIN-WAIT-1; the endpoint has no sender before the handshake completes, and Close() treats that SYN-RECEIVED as a connection to drop, leaving the peer half-open',
    cite: `${SRC} transport/tcp/endpoint.go: endpoint.closeLocked(), endpoint.shutdownLocked()`,
    evidence: `${KNOWN}: close.finCongestionLimited in SynReceived (OPEN active, SYN, CLOSE)`,
  },
  {
    kind: 'bug',
    what: 'after CLOSE the state moves to FIN-WAIT-1 or LAST-ACK only when the FIN is actually sent, not when it is queued',
    because:
      'RFC 9293 §3.10.4 enters FIN-WAIT-1 (LAST-ACK) at the CLOSE, the FIN going out after the queued data; while data waits for the window gVisor still reports ESTABLISHED (CLOSE-WAIT). Upstream moved the state change to the CLOSE ("matching Linux tcp_close_state()")',
    cite: `${SRC} transport/tcp/snd.go: sender.maybeSendSegment() sets the state when it sends the FIN`,
    evidence: `${KNOWN}: close.finCongestionLimited in Established and CloseWait, send.congestionLimited in Established and CloseWait`,
  },
  {
    kind: 'bug',
    what: 'a FIN retransmitted in CLOSING or LAST-ACK moves the connection back to FIN-WAIT-1',
    because:
      'RFC 9293 §3.10.7.4 keeps CLOSING (LAST-ACK) until the FIN is acknowledged; the ACK of the retransmitted FIN then leaves gVisor in FIN-WAIT-2, waiting for a FIN that already came. Fixed upstream',
    cite: `${SRC} transport/tcp/snd.go: sender.maybeSendSegment()`,
    evidence: `${KNOWN}: timeout.retransmission in Closing and LastAck`,
  },
  {
    kind: 'bug',
    what: 'the ACK of our FIN on a segment ahead of RCV.NXT does not move FIN-WAIT-1 to FIN-WAIT-2',
    because:
      'RFC 9293 §3.10.7.4 (fifth) processes the ACK of any acceptable segment; gVisor advances SND.UNA but changes the state only when the receiver consumes a segment in order',
    cite: `${SRC} transport/tcp/rcv.go: receiver.consumeSegment(), receiver.handleRcvdSegment()`,
    evidence: `${KNOWN}: finWait1.finAcked in FinWait1, text.outOfOrder in FinWait1`,
  },
  {
    kind: 'bug',
    what: 'after a half-duplex CLOSE a segment without text ahead of RCV.NXT is taken for new text: RST, CLOSED',
    because:
      'RFC 9293 §3.6.1 resets on text that arrives after the receiving side closed; a bare ACK carries none. gVisor compares SEG.SEQ+payload (no payload) with RCV.NXT',
    cite: `${SRC} transport/tcp/rcv.go: receiver.handleRcvdSegmentClosing(), "any data past the RcvNxt should trigger a RST"`,
    evidence: `${KNOWN}: ack.window and seq.windowEdge.accepted in FinWait2, finWait1.finAcked in FinWait1`,
  },
  {
    kind: 'bug',
    what: 'in SYN-RECEIVED text starting before RCV.NXT and running into the window is refused, and the handshake does not complete',
    because:
      'RFC 9293 §3.4 accepts a segment any octet of which is in the window; the handshake tests only whether SEG.SEQ is in the window',
    cite: `${SRC} transport/tcp/connect.go: handshake.synRcvdState(), SeqNum.InWindow`,
    evidence: `${KNOWN}: text.accept in SynReceived`,
  },
  {
    kind: 'bug',
    what: "after the peer's FIN, a FIN at RCV.NXT (one past the first) is taken as new: acknowledged, and its ACK of our FIN ignored in CLOSING and LAST-ACK",
    because:
      "RFC 9293 §3.10.7.4: the peer's FIN ends its sequence space and a FIN again changes nothing (eighth), while the ACK is processed (fifth): CLOSING goes to TIME-WAIT, LAST-ACK to CLOSED",
    cite: `${SRC} transport/tcp/rcv.go: receiver.handleRcvdSegmentClosing(), receiver.consumeSegment()`,
    evidence: `${KNOWN}: fin.timeWait, signals.afterClose.none and closing.finUnacked in Closing; lastAck.finUnacked, lastAck.finAcked and ack.window in LastAck`,
  },
  {
    kind: 'bug',
    what: "text past the peer's FIN reaches the application before the reset it causes",
    because:
      "RFC 9293 §3.10.7.4 (seventh) ignores text after the peer's FIN; gVisor resets (a choice, text.afterFin.reset) yet the part past the FIN is read afterwards",
    cite: `${SRC} transport/tcp/rcv.go: receiver.handleRcvdSegmentClosing(); endpoint.go: endpoint.Read()`,
    evidence: `${KNOWN}: receive.closed in Closed`,
  },
  {
    kind: 'bug',
    what: 'in the SYN-RECEIVED of a simultaneous open a SYN resets and restarts the handshake, yet the endpoint still reports SYN-RECEIVED',
    because:
      "RFC 9293 §3.10.7.4 (fourth) answers such a SYN with a challenge ACK; gVisor's reset and new SYN are its choice (as in a passive SYN-RECEIVED), but its handshake is back in SYN-SENT while State() says SYN-RECEIVED, so the user is told a state the connection is not in",
    cite: `${SRC} transport/tcp/connect.go: handshake.synRcvdState(), "we reset this and restart the whole process"`,
    evidence: `${KNOWN}: syn.challenge in SynReceived, and ack.rateLimited in SynReceived where the challenge ACK would be withheld`,
  },
];
