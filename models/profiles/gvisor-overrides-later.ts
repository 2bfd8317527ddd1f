// The gvisor profile's later overrides: the choices of gvisor-arrives.ts and lwIP's full close after a half
// close, each cited to gVisor's source (pkg/tcpip/ of the packaged snapshot).
import { Override } from '../profile';

const SRC = 'gVisor 20221219';

export const GVISOR_OVERRIDES_LATER: readonly Override[] = [
  {
    kind: 'choice',
    what: 'the window edge counts as inside only in the synchronized states before TIME-WAIT: SYN-RECEIVED and TIME-WAIT test it as the RFC does',
    because:
      "RFC 9293 §3.4 excludes RCV.NXT+RCV.WND; the handshake and TIME-WAIT have tests of their own, which do not take Linux's +1",
    cite: `${SRC} transport/tcp/connect.go: handshake.synRcvdState() (SeqNum.InWindow); rcv.go: receiver.handleTimeWaitSegment()`,
    evidence:
      'gvisor-arrives.ts gvisorWindowEdgePasses(), part of windowEdgeInclusive: a bare ACK at the window edge in a passive SYN-RECEIVED is answered with an ACK, the handshake does not complete',
  },
  {
    kind: 'choice',
    what: 'a full close (Close()) after CLOSE (Shutdown) succeeds and only stops receiving',
    because:
      'RFC 9293 §3.10.4 answers a second CLOSE with "connection closing"; close() after shutdown() is how a sockets program lets go of the endpoint',
    cite: `${SRC} transport/tcp/endpoint.go: endpoint.Close(), endpoint.shutdownLocked()`,
    features: ['closeAfterShutdownLetsGo'],
  },
  {
    kind: 'choice',
    what: 'a full close or ABORT after our FIN with text still unread resets the connection, in every state up to TIME-WAIT',
    because:
      'RFC 9293 §3.6.1 (SHLD-3) resets a CLOSE that loses received text; §3.10.4-3.10.5 answer CLOSE and ABORT there otherwise (a second CLOSE is refused, ABORT deletes quietly)',
    cite: `${SRC} transport/tcp/endpoint.go: endpoint.shutdownLocked()`,
    features: ['unreadResetsOnClose'],
  },
  {
    kind: 'choice',
    what: 'ABORT (SO_LINGER 0, Close()) in CLOSING, LAST-ACK or TIME-WAIT only lets go of the endpoint',
    because:
      'RFC 9293 §3.10.5 deletes the TCB there; gVisor resets only the states where a RST tells the peer something, and leaves the rest of the close to the stack',
    cite: `${SRC} transport/tcp/endpoint.go: endpoint.closeLocked()`,
    features: ['abortLateLetsGo'],
  },
  {
    kind: 'choice',
    what: "after the peer's FIN, a segment starting past RCV.NXT is dropped whole, and so is text running past it in CLOSE-WAIT; in CLOSING and LAST-ACK such text resets",
    because:
      "RFC 9293 §3.10.7.4 processes the ACK (fifth) before it ignores the text (seventh); nothing can follow the peer's FIN, and gVisor's receiver refuses such a segment before its sender reads the ACK",
    cite: `${SRC} transport/tcp/rcv.go: receiver.handleRcvdSegmentClosing(); connect.go: endpoint.handleSegmentLocked()`,
    features: ['afterFinDropsWhole'],
  },
  {
    kind: 'choice',
    what: 'TIME-WAIT answers by a test of its own: no sequence test, RCV.NXT never moves, only the FIN again restarts it',
    because:
      'RFC 9293 §3.10.7.4 runs the same checks in TIME-WAIT as elsewhere and restarts the 2 MSL timeout on any FIN; a TIME-WAIT that owns nothing to deliver needs only to acknowledge',
    cite: `${SRC} transport/tcp/rcv.go: receiver.handleTimeWaitSegment()`,
    features: ['timeWaitOwnTest'],
  },
  {
    kind: 'choice',
    what: 'text received before a RST can still be read after it',
    because:
      'RFC 9293 §3.10.7.4 (second) flushes the queues on a reset; a sockets read hands over what was delivered before the error (Linux does the same)',
    cite: `${SRC} transport/tcp/connect.go: endpoint.handleReset(); endpoint.go: endpoint.Read()`,
    features: ['resetKeepsReceived'],
  },
  {
    kind: 'choice',
    what: "the peer's FIN is reported once: a FIN again (which gVisor acknowledges) tells the application nothing",
    because:
      'RFC 9293 §3.10.7.4 (eighth) signals "connection closing" on each FIN; through the endpoint, end of file is a state the application reads, not an event',
    cite: `${SRC} transport/tcp/endpoint.go: endpoint.Read(); adapters/gvisor/state.go`,
    features: ['finSeenOnce'],
  },
  {
    kind: 'choice',
    what: 'a passive SYN-RECEIVED that exhausts its SYN,ACK retransmissions returns to LISTEN without telling the user',
    because:
      'RFC 9293 §3.10.8 ends the connection and tells the user; the application holds only the listener until the accept, and the listener goes on',
    cite: `${SRC} transport/tcp/connect.go: handshake.retransmitHandlerLocked(); accept.go`,
    evidence: 'gvisor-after-step.ts gvisorAfterStep(), part of acceptWhenEstablished',
  },
  {
    kind: 'choice',
    what: 'in ESTABLISHED an ACK of something not yet sent is ignored without an ACK',
    because:
      'RFC 9293 §3.10.7.4 (fifth) answers it with an ACK; gVisor follows Linux, whose established path drops it silently (its comment)',
    cite: `${SRC} transport/tcp/rcv.go: receiver.handleRcvdSegmentClosing(); snd.go: sender.handleRcvdSegment()`,
    features: ['futureAckIgnoredWhenEstablished'],
  },
  {
    kind: 'choice',
    what: 'out-of-window ACKs are limited to one per 500 ms whatever the segment, except one with text; during the handshake without exception',
    because:
      'the limit of RFC 5961 §7 (as Linux, which also spares a FIN); the ACK of a segment with text is unlikely to feed an ACK loop (its comment)',
    cite: `${SRC} transport/tcp/snd.go: sender.maybeSendOutOfWindowAck(); connect.go: handshake.synRcvdState()`,
    evidence: 'gvisor-rate-limit.ts gvisorRateLimited(), part of oowAckRateLimited',
  },
  {
    kind: 'choice',
    what: 'a RST in CLOSING or LAST-ACK is reported as "connection reset"',
    because: 'RFC 9293 §3.10.7.4 (second) closes there without telling the user; gVisor sets ErrConnectionReset',
    cite: `${SRC} transport/tcp/connect.go: endpoint.handleReset()`,
    features: ['resetReportedWhenClosing'],
  },
  {
    kind: 'choice',
    what: 'a RST in TIME-WAIT is dropped (no TIME-WAIT assassination)',
    because: 'RFC 9293 §3.10.7.4 (second) closes TIME-WAIT on a RST; RFC 1337 §3 fix 1 ignores it, as its comment says',
    cite: `${SRC} transport/tcp/rcv.go: receiver.handleTimeWaitSegment()`,
    features: ['timeWaitIgnoresRst'],
  },
  {
    kind: 'choice',
    what: 'a RST acknowledging our SYN is reported as "connection refused"',
    because: 'RFC 9293 §3.10.7.3 says "connection reset"; gVisor returns ECONNREFUSED as Linux does (its comment)',
    cite: `${SRC} transport/tcp/connect.go: handshake.synSentState()`,
    features: ['synSentResetRefused'],
  },
  {
    kind: 'choice',
    what: 'a RST in CLOSE-WAIT closes the connection without "connection reset"',
    because:
      'RFC 9293 §3.10.7.4 (second) tells the user; gVisor ends the endpoint with ErrAborted (EPIPE), as Linux moves the socket to CLOSED (its comment)',
    cite: `${SRC} transport/tcp/connect.go: endpoint.handleReset()`,
    features: ['closeWaitResetSilent'],
  },
];
