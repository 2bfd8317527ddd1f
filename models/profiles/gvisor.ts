import { Profile, ProfileRule } from '../profile';
import { rfc9293 } from './rfc9293';
import { linuxSynchronized } from './linux-synchronized';
import { linuxOutput } from './linux-output';
import { linuxSynSent } from './linux-syn-sent';
import { gvisorUserCall } from './gvisor-calls';
import { gvisorAfterStep } from './gvisor-after-step';
import { FIN_WAIT_2_TIMER, finWait2Closed } from './orphan-timer';
import { GVISOR_RULES_LATER } from './gvisor-rules-later';
import { GVISOR_OVERRIDES_LATER } from './gvisor-overrides-later';
import { GVISOR_BUGS } from './gvisor-bugs';
import {
  gvisorAfterSegment,
  gvisorResetWhileClosing,
  gvisorSegmentArrives,
  gvisorTextAfterClose,
  gvisorAfterReset,
  gvisorWindowEdgePasses,
} from './gvisor-arrives';

// gVisor's netstack as Debian packages it (golang-gvisor-gvisor-dev 0.0~20221219.0-2), through the Go shim of
// adapters/gvisor (the tcpip.Endpoint calls a sockets program makes). A first profile: the departures found by
// `tcpconform check --adapter gvisor --profile rfc9293` that the model can already express, each cited to
// gVisor's source (pkg/tcpip/); adapters/gvisor/NOTES.md lists them all with their counterexamples, and those
// not yet here. Many are Linux's choices, made on purpose: they reuse the switches (and hooks) of the linux
// profile, with gVisor's citations.
const SRC = 'gVisor 20221219';

const rules = [
  {
    id: 'send.synSent.refused',
    replaces: ['send.queue'],
    states: ['SynSent', 'SynReceived'],
    event: 'SEND',
    summary:
      'SEND before the handshake completes (SYN-SENT, or the SYN-RECEIVED of a simultaneous open) is refused, "insufficient resources", not queued',
    rfc793: '§3.9 p.55',
    rfc9293: '§3.10.2',
    also: `${SRC} transport/tcp/endpoint.go: endpoint.isEndpointWritableLocked() returns ErrWouldBlock while connecting`,
    requires: 'sendBeforeEstablishedFails',
  },
  {
    id: 'send.synReceived.unaccepted',
    replaces: ['send.queue'],
    states: ['SynReceived'],
    event: 'SEND',
    summary: 'before the accept SEND acts on the listener, which has no foreign socket: "foreign socket unspecified"',
    rfc793: '§3.9 p.56',
    rfc9293: '§3.10.2',
    also: `${SRC} transport/tcp/accept.go: a passive connection reaches the application by endpoint.Accept() only once ESTABLISHED (dispatcher.go: deliverAccepted())`,
    requires: 'acceptWhenEstablished',
  },
  {
    id: 'close.synReceived.dropped',
    states: ['SynReceived'],
    event: 'CLOSE',
    summary:
      'CLOSE or ABORT before the accept closes the listener, which ends the half-open connection without a segment: CLOSED',
    rfc793: '§3.9 p.60, p.62',
    rfc9293: '§3.10.4, §3.10.5',
    also: `${SRC} transport/tcp/endpoint.go: endpoint.closePendingAcceptableConnectionsLocked() → Abort() → closeLocked(); connect.go: endpoint.handshakeFailed()`,
    requires: 'listenerCloseDropsHalfOpen',
  },
  {
    id: 'rst.abort.withAck',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait'],
    event: 'ABORT',
    summary:
      'the reset of ABORT, and of a half-duplex CLOSE with unread text, carries ACK: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>',
    rfc793: '§3.9 p.62',
    rfc9293: '§3.10.5, §3.6.1',
    also: `${SRC} transport/tcp/connect.go: endpoint.resetConnectionLocked() sends TCPFlagAck|TCPFlagRst`,
    requires: 'abortResetCarriesAck',
  },
  {
    id: 'syn.synReceived.reset',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a SYN that returns a passive SYN-RECEIVED to LISTEN is also answered with a reset formed from it (<SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>)',
    rfc793: '§3.9 p.71',
    rfc9293: '§3.10.7.4 (fourth)',
    also: `${SRC} transport/tcp/connect.go: handshake.synRcvdState(), "two SYN segments with different sequence numbers"`,
    requires: 'synReceivedSynResets',
  },
  {
    id: 'synSent.synAck.textIgnored',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'text and FIN on the SYN,ACK are dropped: only the SYN is acknowledged, ESTABLISHED',
    rfc793: '§3.9 p.68',
    rfc9293: '§3.10.7.3 (fourth: continue at the sixth step)',
    also: `${SRC} transport/tcp/connect.go: handshake.synSentState(), "we only need to acknowledge the SYN"`,
    requires: 'synAckTextIgnored',
  },
  {
    id: 'ack.rateLimited',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'the ACK answering an out-of-window segment without text, or a challenge ACK, is withheld when another such ACK left less than 500 ms before',
    rfc793: '§3.9 p.69',
    rfc9293: '§3.10.7.4 (first, fourth, fifth)',
    also: `RFC 5961 §7; ${SRC} transport/tcp/endpoint.go: endpoint.allowOutOfWindowAck(), stack.TCPInvalidRateLimitOption (500 ms, stack/stack_options.go); snd.go: sender.maybeSendOutOfWindowAck(); connect.go: handshake.synRcvdState()`,
    requires: 'oowAckRateLimited',
  },
  {
    id: 'seq.windowEdge.accepted',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary:
      'a segment without octets at RCV.NXT+RCV.WND (just past the window) passes the sequence test: its RST resets, its ACK is processed',
    rfc793: '§3.3 p.26',
    rfc9293: '§3.4, §3.10.7.4 (first)',
    also: `${SRC} header/tcp.go: Acceptable(), "rcvWnd is incremented by 1 because that is Linux's behavior"`,
    requires: 'windowEdgeInclusive',
  },
  {
    id: 'close.finCongestionLimited',
    states: ['SynReceived', 'Established', 'CloseWait'],
    event: 'CLOSE',
    summary:
      'the FIN of a CLOSE may wait, like data, while the congestion window (counted in segments) is full of what is in flight',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4, §3.8.2 (MUST-19)',
    also: `RFC 5681 §3.1; ${SRC} transport/tcp/snd.go: the FIN is the last segment of sender.writeList, sent by sender.sendData() within the congestion window, counted in packets (reno.go after a timeout: one)`,
    requires: 'finCongestionLimited',
    optional: true,
  },
  {
    id: 'user.afterClose.letGo',
    replaces: ['receive.halfDuplexClosed'],
    states: ['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEND',
    summary:
      'after Close() (the half-duplex CLOSE) the application holds no endpoint: SEND, RECEIVE, CLOSE and ABORT answer "connection closing" while gVisor finishes the connection',
    rfc793: '§3.9 p.56-62',
    rfc9293: '§3.10.2-3.10.5',
    also: `${SRC} transport/tcp/endpoint.go: endpoint.Close() ("must be called only once"); the shim answers for the application`,
    requires: 'closeLetsGo',
  },
  {
    id: 'signals.afterClose.none',
    states: ['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: "after Close() nobody is left to be told of the peer's FIN, a reset or a timeout",
    rfc793: '§3.9 p.70, p.77',
    rfc9293: '§3.10.7.4, §3.10.8',
    also: `${SRC} transport/tcp/endpoint.go: endpoint.Close(); the shim reports no signal once the application closed`,
    requires: 'closeLetsGo',
  },
  {
    id: 'timeout.finWait2',
    states: ['FinWait2'],
    event: 'TIME-WAIT TIMEOUT',
    summary: 'after a half-duplex CLOSE FIN-WAIT-2 ends in CLOSED after 60 s: nobody is left to read',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
    also: `${SRC} transport/tcp/endpoint.go: endpoint.closeNoShutdownLocked() arms finWait2Timer with tcpLingerTimeout (protocol.go: DefaultTCPLingerTimeout 60 s)`,
    when: (p) => p.finWait2TimeoutLo != null,
  },
  {
    id: 'timeout.retransmissionsExhausted',
    states: ['SynSent', 'SynReceived', 'Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'USER TIMEOUT',
    summary: 'gVisor gives up after 15 retransmissions of data (6 of a SYN) instead of after a user timeout',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.8.3 (R2), §3.10.8',
    also: `${SRC} transport/tcp/snd.go: sender.retransmitTimerExpired(), MaxRetries 15; connect.go: backoffTimer.reset(), protocol.go: DefaultSynRetries 6`,
  },
] as const satisfies readonly ProfileRule[];

/** The ids of the rules this profile adds. */
export type GvisorRuleId = (typeof rules)[number]['id'] | (typeof GVISOR_RULES_LATER)[number]['id'];

const dropped = new Set(['rfc5961.rst', 'rfc5961.ack']);

export const gvisor: Profile = {
  name: 'gvisor',
  summary:
    "gVisor's netstack (pkg/tcpip, 20221219) through tcpip.Endpoint: rfc9293 with the cited departures found so far",
  extends: 'rfc9293',
  features: new Set([
    ...[...rfc9293.features].filter((f) => !dropped.has(f)),
    'acceptWhenEstablished',
    'listenerCloseDropsHalfOpen',
    'sendBeforeEstablishedFails',
    'abortResetCarriesAck',
    'synReceivedSynResets',
    'synAckTextIgnored',
    'oowAckRateLimited',
    'windowEdgeInclusive',
    'closeLetsGo',
    'finCongestionLimited',
    'isnMayRepeat',
    'closeAfterShutdownLetsGo',
    'unreadResetsOnClose',
    'abortLateLetsGo',
    'afterFinDropsWhole',
    'timeWaitOwnTest',
    'resetKeepsReceived',
    'finSeenOnce',
    'futureAckIgnoredWhenEstablished',
    'resetReportedWhenClosing',
    'timeWaitIgnoresRst',
    'synSentResetRefused',
    'closeWaitResetSilent',
  ]),
  params: {
    ...rfc9293.params,
    // header/tcp.go: ParseSynOptions() raises a smaller announced MSS to TCPMinimumSendMSS (48).
    sndMssMin: 48,
    // transport/tcp/protocol.go: DefaultTCPTimeWaitTimeout, exact on the manual clock.
    timeWaitLo: 60000,
    timeWaitHi: 60000,
    finWait2TimeoutLo: 60000,
    finWait2TimeoutHi: 60000,
    // transport/tcp/snd.go: MinRTO, the floor of SRTT + 4·RTTVAR once an RTT was measured.
    rtoMin: 200,
    maxRetransmissions: { data: 15, syn: 6 },
    userTimeoutLo: null,
    userTimeoutHi: null,
  },
  overrides: [
    {
      kind: 'choice',
      what: 'a passively opened connection reaches the application only once ESTABLISHED (Accept); until then user calls act on the listener',
      because:
        'tcpip.Endpoint separates the listener from the connections it accepts, as sockets do; RFC 9293 §3.10.2-3.10.5 act on the one TCB in SYN-RECEIVED',
      cite: `${SRC} transport/tcp/endpoint.go: endpoint.Accept(); dispatcher.go: deliverAccepted()`,
      features: ['acceptWhenEstablished'],
    },
    {
      kind: 'choice',
      what: 'closing the listener before the accept ends its half-open connections without a segment',
      because:
        'RFC 9293 §3.10.4-3.10.5 send a FIN (CLOSE) or a RST (ABORT) from SYN-RECEIVED; the application never held that connection, and the peer learns of it at its next segment (a RST from CLOSED)',
      cite: `${SRC} transport/tcp/endpoint.go: endpoint.closePendingAcceptableConnectionsLocked()`,
      features: ['listenerCloseDropsHalfOpen'],
    },
    {
      kind: 'choice',
      what: 'SEND before ESTABLISHED is refused (ErrWouldBlock, "try again"), not queued',
      because: 'RFC 9293 §3.10.2 queues it; a non-blocking write before the connection is up may be refused',
      cite: `${SRC} transport/tcp/endpoint.go: endpoint.isEndpointWritableLocked()`,
      features: ['sendBeforeEstablishedFails'],
    },
    {
      kind: 'choice',
      what: 'the reset of ABORT and of a half-duplex CLOSE losing text carries ACK=RCV.NXT',
      because: 'RFC 9293 §3.10.5 sends <SEQ=SND.NXT><CTL=RST>; the reset is valid by its SEQ (§3.5.3) either way',
      cite: `${SRC} transport/tcp/connect.go: endpoint.resetConnectionLocked()`,
      features: ['abortResetCarriesAck'],
    },
    {
      kind: 'choice',
      what: 'a SYN at another sequence number in a passive SYN-RECEIVED is answered with a reset before the return to LISTEN',
      because:
        "RFC 1122 §4.2.2.20 (e) returns to LISTEN silently; the reset is RFC 793 p.71's answer to a SYN in the window",
      cite: `${SRC} transport/tcp/connect.go: handshake.synRcvdState()`,
      features: ['synReceivedSynResets'],
    },
    {
      kind: 'choice',
      what: 'text and FIN on a SYN,ACK are dropped',
      because: 'RFC 9293 §3.10.7.3 processes them; not acknowledged, they are sent again, so nothing is lost',
      cite: `${SRC} transport/tcp/connect.go: handshake.synSentState()`,
      features: ['synAckTextIgnored'],
    },
    {
      kind: 'choice',
      what: 'no RFC 5961 §3 RST check: any RST inside the window resets the connection',
      because: 'RFC 9293 §3.10.7.4 (second) makes the RFC 5961 mitigation a SHOULD; without it RFC 793 p.70 applies',
      cite: `${SRC} transport/tcp/connect.go: endpoint.handleReset() tests receiver.acceptable() only`,
      features: ['rfc5961.rst'],
    },
    {
      kind: 'choice',
      what: 'no RFC 5961 §5 ACK check: an ACK below SND.UNA-MAX.SND.WND is ignored as a duplicate',
      because: 'RFC 9293 §3.10.7.4 (fifth) makes the blind data injection mitigation optional (MAY-12)',
      cite: `${SRC} transport/tcp/snd.go: sender.handleRcvdSegment()`,
      features: ['rfc5961.ack'],
    },
    {
      kind: 'choice',
      what: 'out-of-window and challenge ACKs are limited to one per 500 ms',
      because: 'RFC 5961 §7 lets challenge ACKs be throttled; for the others it breaks ACK loops (as Linux does)',
      cite: `${SRC} transport/tcp/endpoint.go: endpoint.allowOutOfWindowAck()`,
      features: ['oowAckRateLimited'],
    },
    {
      kind: 'choice',
      what: 'a segment without octets at RCV.NXT+RCV.WND passes the sequence test',
      because: 'RFC 9293 §3.4 takes SEG.SEQ < RCV.NXT+RCV.WND; gVisor follows Linux, on purpose (its comment)',
      cite: `${SRC} header/tcp.go: Acceptable()`,
      features: ['windowEdgeInclusive'],
    },
    {
      kind: 'choice',
      what: 'after Close() (the half-duplex CLOSE) the application holds nothing: calls answer "connection closing", and no signal reaches it',
      because:
        'RFC 9293 §3.10.5 still lets the user ABORT a closing connection and §3.10.7.4, §3.10.8 inform the user; after close() a sockets program has no descriptor left to act on or to be told through',
      cite: `${SRC} transport/tcp/endpoint.go: endpoint.Close(); adapters/gvisor/calls.go answers for the application`,
      features: ['closeLetsGo'],
    },
    {
      kind: 'choice',
      what: 'the FIN of a CLOSE waits behind a full congestion window like a data segment',
      because:
        'RFC 9293 §3.10.4 sends the FIN once the queued data is out; the congestion window (§3.8.2, RFC 5681) may hold any segment back while others are in flight, and gVisor counts it in segments',
      cite: `${SRC} transport/tcp/snd.go: sender.sendData(), sender.maybeSendSegment()`,
      features: ['finCongestionLimited'],
    },
    {
      kind: 'choice',
      what: 'two connections opened at the same instant may get the same ISS',
      because:
        "RFC 9293 §3.4.1 (MUST-8) with RFC 6528: a keyed hash of the four-tuple plus a 64 ns clock; on the adapter's manual clock no time passes between two OPENs, so the clock term does not move",
      cite: `${SRC} transport/tcp/connect.go: generateSecureISN()`,
      features: ['isnMayRepeat'],
    },
    {
      kind: 'choice',
      what: "the peer's MSS is raised to at least 48",
      because:
        "RFC 9293 §3.7.1 bounds segments by the peer's MSS; a floor protects against tiny-segment floods (Linux: 48 too)",
      cite: `${SRC} header/tcp.go: ParseSynOptions(), TCPMinimumSendMSS`,
      params: { sndMssMin: 48 },
    },
    {
      kind: 'choice',
      what: 'TIME-WAIT lasts 60 s; FIN-WAIT-2 after a half-duplex CLOSE ends after 60 s (its own timer)',
      because: 'MSL is a parameter (RFC 9293 §3.4.1); an orphaned FIN-WAIT-2 may be bounded (RFC 9293 leaves it open)',
      cite: `${SRC} transport/tcp/protocol.go: DefaultTCPTimeWaitTimeout, DefaultTCPLingerTimeout; endpoint.go: endpoint.closeNoShutdownLocked()`,
      params: { timeWaitLo: 60000, timeWaitHi: 60000, finWait2TimeoutLo: 60000, finWait2TimeoutHi: 60000 },
    },
    {
      kind: 'choice',
      what: 'gives up after 15 data / 6 SYN retransmissions, no user timeout; the RTO may be 200 ms once an RTT was measured',
      because:
        'RFC 9293 §3.8.3 lets R2 be a count of retransmissions; RFC 6298 §2.4 rounds the RTO up to 1 s (a SHOULD)',
      cite: `${SRC} transport/tcp/snd.go: MinRTO, MaxRetries, sender.retransmitTimerExpired(); connect.go: backoffTimer.reset(); protocol.go: DefaultSynRetries`,
      params: { rtoMin: 200, maxRetransmissions: { data: 15, syn: 6 }, userTimeoutLo: null, userTimeoutHi: null },
    },
    {
      kind: 'bug',
      what: 'ABORT in the SYN-RECEIVED of a simultaneous open crashes gVisor (nil pointer dereference)',
      because:
        'RFC 9293 §3.10.5 sends a RST and deletes the TCB; the endpoint has no sender before the handshake completes, yet closeLocked() resets SYN-RECEIVED through resetConnectionLocked(). The check finds the crash (rule iut.crash, shrunk to four inputs); it is kept in adapters/gvisor/known-bugs.json so that a check against this profile still gates',
      cite: `${SRC} transport/tcp/endpoint.go: endpoint.closeLocked(); connect.go: endpoint.resetConnectionLocked()`,
      evidence:
        'adapters/gvisor/gvisor.test.ts: reset, OPEN active, <SEQ=IRS><CTL=SYN>, ABORT → the shim dies with the panic at connect.go resetConnectionLocked()',
    },
    ...GVISOR_OVERRIDES_LATER,
    ...GVISOR_BUGS,
  ],
  timers: [FIN_WAIT_2_TIMER],
  replaces: {
    timers: { finWait2Closed },
    synchronized: {
      ...linuxSynchronized,
      windowEdgePasses: gvisorWindowEdgePasses,
      resetWhileClosing: gvisorResetWhileClosing,
      textAfterClose: gvisorTextAfterClose,
      afterReset: gvisorAfterReset,
    },
    segmentArrives: gvisorSegmentArrives,
    output: { ...linuxOutput, issMayRepeat: (d) => d.p.features.has('isnMayRepeat') },
    synSent: linuxSynSent,
    userCall: gvisorUserCall,
    afterSegment: gvisorAfterSegment,
    afterStep: gvisorAfterStep,
  },
  extraRules: [...rules, ...GVISOR_RULES_LATER],
  unreachable: {
    'timeWait.finRetransmitted':
      'TIME-WAIT answers every segment by its own test (timeWait.ownTest, timeWait.ownTest.finAgain)',
    'send.queue':
      'SEND before ESTABLISHED is refused (send.synSent.refused) or, before the accept, finds only the listener (send.synReceived.unaccepted)',
    'receive.halfDuplexClosed':
      'after Close() the application holds nothing: calls answer "connection closing" (user.afterClose.letGo)',
  },
};

// This profile's rule ids join RuleId (index.ts).
declare module './index' {
  interface ProfileRuleIds {
    gvisor: GvisorRuleId;
  }
}
