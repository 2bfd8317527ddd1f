import { Profile } from '../profile';
import { Rule } from '../rule';
import { NOT_CLOSED } from '../state';
import { rfc9293 } from './rfc9293';
import { linuxOutput } from './linux-output';
import { slirpKeepsLetGo, slirpReleaseHeld, slirpUserCall } from './slirp-proxy';
import { slirpSynchronized } from './slirp-text';
import { ackAsFinAgain } from './slirp-fin-again';
import { SLIRP_BUGS } from './slirp-bugs';
import { FIN_WAIT_2_IDLE_TIMER, KEEP_INIT_TIMER, keepInitOnOpen, keepInitOnSegment } from './slirp-timers';

// libslirp 4.7.0 (QEMU's user-mode stack, a 4.4BSD-Lite TCP) through the C shim of adapters/slirp, its user a host
// socket. The departures of adapters/slirp/NOTES.md, each cited to libslirp's source (src/): its choices, and the
// bugs the model follows because they are how slirp is built (its timers). The other bugs (slirp-bugs.ts: a RST
// answered with a RST, the FIN not counted in a reset's ACK, ...) stay divergences, in a baseline of known bugs
// (adapters/slirp/known-bugs.json), so that a check against this profile stays usable as a gate.
const SRC = 'libslirp 4.7.0 src/';

const rules = [
  {
    id: 'rst.abort.withAck',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait'],
    event: 'ABORT',
    summary:
      'the reset of ABORT, and of a half-duplex CLOSE with unread text, carries ACK: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>',
    rfc793: '§3.9 p.62',
    rfc9293: '§3.10.5, §3.6.1',
    also: `${SRC}tcp_subr.c: tcp_drop() sets CLOSED and calls tcp_output(); tcp_fsm.h: tcp_outflags[TCPS_CLOSED]`,
    requires: 'abortResetCarriesAck',
  },
  {
    id: 'proxy.callHeld',
    states: ['SynSent', 'SynReceived'],
    event: 'SEND',
    summary: 'SEND, CLOSE and ABORT before ESTABLISHED succeed at the host socket and wait there for the handshake',
    rfc793: '§3.9 p.56-62',
    rfc9293: '§3.10.2, §3.10.4, §3.10.5',
    also: `${SRC}slirp.c: slirp_pollfds_fill(), CONN_CANFRCV needs SS_ISFCONNECTED, set by soisfconnected() on ESTABLISHED`,
    requires: 'callsWaitForEstablished',
  },
  {
    id: 'proxy.callAfterClose',
    states: NOT_CLOSED,
    event: 'SEND',
    summary:
      'after close() or ABORT every call on the host socket, and before ESTABLISHED after CLOSE a SEND or CLOSE, fails',
    rfc793: '§3.9 p.56-61',
    rfc9293: '§3.10.2, §3.10.4',
    also: 'adapters/slirp/tcpconform-slirp.c: the host socket, closed or shut for writing, answers the calls',
    requires: 'callsWaitForEstablished',
  },
  {
    id: 'proxy.callsReleased',
    states: ['Established', 'CloseWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'once the handshake completes, the held calls take effect in order, after what the segment itself caused',
    rfc793: '§3.9 p.56-62',
    rfc9293: '§3.10.2, §3.10.4, §3.10.5',
    also: `${SRC}tcp_input.c: tcp_input(), soisfconnected() on entering ESTABLISHED; socket.c: soread()`,
    requires: 'callsWaitForEstablished',
  },
  {
    id: 'proxy.callUnseen',
    states: ['FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait'],
    event: 'ABORT',
    summary: 'ABORT (or a full close) after the user closed: slirp no longer reads the host socket, nothing happens',
    rfc793: '§3.9 p.62',
    rfc9293: '§3.10.5',
    also: `${SRC}socket.c: sofcantrcvmore() stops watching the socket; slirp.c: slirp_pollfds_fill(), CONN_CANFRCV`,
    requires: 'callsWaitForEstablished',
  },
  {
    id: 'text.afterClose.ackedThenReset',
    states: ['FinWait1', 'FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary:
      "text after the user's close() is acknowledged, and once a write to the closed socket fails the connection is reset",
    rfc793: '§3.9 p.74',
    rfc9293: '§3.6.1 (SHLD-3), §3.10.7.4 (seventh)',
    also: `${SRC}socket.c: sowrite() fails on the closed host socket; tcp_subr.c: tcp_drop()`,
    requires: 'resetAfterAckingText',
  },
  {
    id: 'ack.asFinAgain',
    states: ['FinWait1', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary: 'while our FIN is unacknowledged and nothing else is left to send, an ACK goes out as the FIN again',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth), §3.8.1',
    also: `${SRC}tcp_output.c: tcp_output(), "If resending a FIN, be sure not to use a new sequence number"`,
    requires: 'ackIsFinAgain',
  },
  {
    id: 'timeout.finWait2Idle',
    states: ['FinWait2'],
    event: 'USER TIMEOUT',
    summary: 'FIN-WAIT-2 idle for 600 s (checked every 75 s after) ends: CLOSED, nothing sent',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8',
    also: `${SRC}tcp_input.c: tcp_input() arms TCPT_2MSL with TCP_MAXIDLE; tcp_timer.c: tcp_timers(), TCPT_2MSL`,
  },
  {
    id: 'timeout.keepInit',
    states: ['SynSent', 'SynReceived'],
    event: 'USER TIMEOUT',
    summary:
      'a connection not ESTABLISHED 75 s after it started (no segment since) is dropped; from SYN-RECEIVED with a RST',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.8.3',
    also: `${SRC}tcp_timer.h: TCPTV_KEEP_INIT; tcp_timer.c: tcp_timers(), TCPT_KEEP; tcp_subr.c: tcp_drop()`,
  },
] as const satisfies readonly Rule[];

/** The ids of the rules this profile adds. */
export type SlirpRuleId = (typeof rules)[number]['id'];

// 4.4BSD-Lite predates RFC 5961 (2010): slirp has none of its three checks.
const dropped = new Set(['rfc5961.rst', 'rfc5961.syn', 'rfc5961.ack']);

export const slirp: Profile = {
  name: 'slirp',
  summary: "libslirp 4.7.0 (QEMU's user-mode stack, 4.4BSD-Lite TCP): rfc9293 with the cited choices found so far",
  extends: 'rfc9293',
  features: new Set([
    ...[...rfc9293.features].filter((f) => !dropped.has(f)),
    'abortResetCarriesAck',
    'callsWaitForEstablished',
    'resetAfterAckingText',
    'ackIsFinAgain',
  ]),
  params: {
    ...rfc9293.params,
    // tcp_timer.h, tcp_subr.c: the RTO starts at 12 slow ticks (6 s) and backs off to TCPTV_REXMTMAX, 12 s; once
    // an RTT is measured its floor is TCPTV_MIN, 1 s. Each is counted by the 500 ms slow timer: one tick sooner.
    rtoInitial: 5400,
    rtoMax: 12000,
    rtoMin: 500,
    // tcp_input.c: tcp_mss() raises the peer's MSS to at least 32.
    sndMssMin: 32,
    // TCPTV_KEEP_INIT, 75 s (150 slow ticks), before ESTABLISHED (slirp-timers.ts).
    synReceivedTimeoutLo: 74000,
    synReceivedTimeoutHi: 75000,
    // TCP_MAXIDLE (600 s), then checks every 75 s, counted from the last arrival (slirp-timers.ts); a tick each way.
    finWait2TimeoutLo: 599000,
    finWait2TimeoutHi: 676000,
    // tcp_timer.h: TCPTV_MSL is 5 s, so 2·MSL is 10 s, counted down by the 500 ms slow timer (slirp.c).
    timeWaitLo: 9500,
    timeWaitHi: 10500,
    // tcp_timer.c: tcp_timers() TCPT_REXMT halves t_maxseg after TCP_MAXRXTSHIFT and backs off again: data is
    // retransmitted for far longer than any user timeout the model would use.
    userTimeoutLo: null,
    userTimeoutHi: null,
  },
  overrides: [
    {
      kind: 'choice',
      what: 'no RFC 5961 §3 RST check: any RST inside the window resets the connection',
      because:
        'RFC 9293 §3.10.7.4 (second) makes the RFC 5961 mitigation a SHOULD; 4.4BSD-Lite predates it and follows RFC 793 p.70',
      cite: `${SRC}tcp_input.c: tcp_input(), "If the RST bit is set" tests only the window`,
      evidence: 'adapters/slirp/NOTES.md 4: <SEQ=RCV.NXT+1><CTL=RST> in ESTABLISHED → CLOSED, nothing sent',
      features: ['rfc5961.rst'],
    },
    {
      kind: 'choice',
      what: 'no RFC 5961 §4 SYN check: a SYN in the window resets the connection',
      because:
        'RFC 9293 §3.10.7.4 (fourth) makes the challenge ACK a SHOULD; without it RFC 793 p.71 answers a SYN in the window with a reset',
      cite: `${SRC}tcp_input.c: tcp_input(), "If a SYN is in the window": tcp_drop() then dropwithreset`,
      evidence: 'adapters/slirp/NOTES.md 4: an in-window SYN in ESTABLISHED gets RSTs and CLOSED',
      features: ['rfc5961.syn'],
    },
    {
      kind: 'choice',
      what: 'no RFC 5961 §5 ACK check: an ACK below SND.UNA-MAX.SND.WND is ignored as a duplicate',
      because: 'RFC 9293 §3.10.7.4 (fifth) makes the blind data injection mitigation optional (MAY-12)',
      cite: `${SRC}tcp_input.c: tcp_input(), ESTABLISHED ACK processing, SEQ_LEQ(ti_ack, snd_una) → duplicate`,
      evidence: 'adapters/slirp/NOTES.md 4: such an ACK in ESTABLISHED is dropped without an ACK',
      features: ['rfc5961.ack'],
    },
    {
      kind: 'choice',
      what: 'the reset of ABORT and of a half-duplex CLOSE losing text carries ACK=RCV.NXT',
      because: 'RFC 9293 §3.10.5 sends <SEQ=SND.NXT><CTL=RST>; the reset is valid by its SEQ (§3.5.3) either way',
      cite: `${SRC}tcp_subr.c: tcp_drop() → tcp_output(), tcp_outflags[TCPS_CLOSED] = TH_RST|TH_ACK`,
      evidence: 'adapters/slirp/NOTES.md 10: ABORT in ESTABLISHED sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>',
      features: ['abortResetCarriesAck'],
    },
    {
      kind: 'choice',
      what: 'TIME-WAIT lasts 10 s (MSL 5 s)',
      because: 'MSL is a parameter (RFC 9293 §3.4.1); 2·MSL = 240 s is its suggested value, slirp chose 5 s on purpose',
      cite: `${SRC}tcp_timer.h: TCPTV_MSL ("max seg lifetime (hah!)"), TCPTV_2MSL; tcp_timer.c: tcp_timers()`,
      evidence: 'adapters/slirp/NOTES.md 14c: TIME-WAIT after 9 s, CLOSED after 11 s',
      params: { timeWaitLo: 9500, timeWaitHi: 10500 },
    },
    {
      kind: 'choice',
      what: 'no user timeout: data and FIN are retransmitted with a smaller segment size instead of giving up',
      because:
        'RFC 9293 §3.8.3 leaves R2 and the user timeout to the implementation; slirp halves its MSS and backs off again',
      cite: `${SRC}tcp_timer.c: tcp_timers(), TCPT_REXMT, "a hack to suit our terminal server"`,
      evidence: 'adapters/slirp/NOTES.md 14b: no give-up within 300 s in ESTABLISHED, CLOSE-WAIT, FIN-WAIT-1',
      params: { userTimeoutLo: null, userTimeoutHi: null },
    },
    {
      kind: 'choice',
      what: 'SEND, CLOSE and ABORT before ESTABLISHED wait for the handshake; ABORT after CLOSE changes nothing',
      because:
        "RFC 9293 §3.10 leaves the user interface to the implementation; slirp's user is a host socket that it reads only from ESTABLISHED until the user's end of stream, so a call outside that span reaches the TCP late (its data after the handshake's ACK, not on it) or never",
      cite: `${SRC}slirp.c: slirp_pollfds_fill(), CONN_CANFRCV; socket.c: soisfconnected(), sofcantrcvmore()`,
      evidence:
        'adapters/slirp/NOTES.md 11, 12: ABORT in SYN-SENT leaves SYN-SENT, and the SYN,ACK then gets an ACK and a RST,ACK; SEND in SYN-SENT goes out after the bare ACK',
      features: ['callsWaitForEstablished'],
    },
    {
      kind: 'choice',
      what: "text after the user's close() is acknowledged; the reset, with ACK, comes only once a write of it to the closed host socket fails",
      because:
        'RFC 9293 §3.6.1 (SHLD-3) resets, <SEQ=SND.NXT><CTL=RST>, without taking the text. slirp takes and acknowledges it, and only its write to the host socket the user closed fails and drops the connection (lwIP acknowledges such text too)',
      cite: `${SRC}tcp_input.c: tcp_input() (TF_ACKNOW); socket.c: sowrite(); tcp_subr.c: tcp_drop()`,
      evidence:
        'FIN-WAIT-2 after close(): <SEQ=RCV.NXT><CTL=ACK><DATA="xyz"> gets <SEQ=SND.NXT><ACK=RCV.NXT+3><CTL=ACK>, then <SEQ=SND.NXT><ACK=RCV.NXT+3><CTL=RST,ACK>: CLOSED',
      features: ['resetAfterAckingText'],
    },
    {
      kind: 'choice',
      what: 'the retransmission timeout starts at 6 s and, once an RTT is measured, has a floor of 1 s',
      because:
        "RFC 6298 §2.1 sets the initial RTO to 1 s, a SHOULD (RFC 1122's was 3 s); 4.4BSD's is TCPTV_SRTTDFLT's 3 s doubled by its variance term. RFC 6298 §2.4's 1 s floor is slirp's TCPTV_MIN",
      cite: `${SRC}tcp_subr.c: tcp_newtcpcb(); tcp_timer.h: TCPTV_SRTTDFLT, TCPTV_MIN, TCP_REXMTVAL`,
      evidence: 'SYN-SENT: the first SYN is sent again between 5 and 6 s after OPEN (adapter, virtual clock)',
      params: { rtoInitial: 5400, rtoMin: 500 },
    },
    {
      kind: 'bug',
      what: 'the retransmission timeout backs off to at most 12 s',
      because:
        "RFC 6298 §2.5 allows a ceiling on the RTO only if it is at least 60 s (RFC 9293 §3.8.1 requires RFC 6298); slirp lowered 4.4BSD's 64 s TCPTV_REXMTMAX to 12 s, so it sends twice as many retransmissions into a congested path",
      cite: `${SRC}tcp_timer.h: TCPTV_REXMTMAX; tcp_timer.c: tcp_timers(), TCPT_REXMT, TCPT_RANGESET`,
      evidence:
        'timeout.retransmission: 12 retransmissions of data within 120 s in CLOSE-WAIT, where a 60 s ceiling allows 6',
      params: { rtoMax: 12000 },
    },
    {
      kind: 'bug',
      what: 'a connection not ESTABLISHED within 75 s of its start is dropped: silently from SYN-SENT, with a RST,ACK from SYN-RECEIVED',
      because:
        "RFC 9293 §3.8.3 (MUST-23) keeps retransmitting a SYN for at least 3 minutes, unless the user gives up; 4.4BSD's connection-establishment timer, and slirp rearms it with the 2-hour idle value on any segment",
      cite: `${SRC}tcp_timer.h: TCPTV_KEEP_INIT; tcp_timer.c: tcp_timers(), TCPT_KEEP "goto dropit"; tcp_input.c: tcp_input()`,
      evidence:
        'adapters/slirp/NOTES.md 14a: SYN-SENT CLOSED 74-76 s after OPEN after 6 retransmissions; SYN-RECEIVED sends <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK> and LISTEN',
      params: { synReceivedTimeoutLo: 74000, synReceivedTimeoutHi: 75000 },
    },
    {
      kind: 'choice',
      what: 'while our FIN is unacknowledged, an ACK goes out as the FIN sent again: <SEQ=SND.NXT-1><CTL=FIN,ACK>',
      because:
        "RFC 9293 §3.10.7.4 answers with <SEQ=SND.NXT><CTL=ACK>; 4.4BSD's tcp_output() sends the state's FIN on whatever it sends once nothing else is queued, and steps back over the FIN already sent. The peer reads it as an ACK and a copy of a FIN it may already have: a retransmission, which nothing forbids",
      cite: `${SRC}tcp_output.c: tcp_output(), tcp_outflags[] and the "snd_nxt--" for a FIN sent again; tcp_fsm.h`,
      evidence:
        'adapters/slirp/NOTES.md 9: in FIN-WAIT-1 an ACK of data never sent is answered with <SEQ=64002><ACK=1001><CTL=FIN,ACK>; the same for the ACK of the peer FIN in CLOSING and of a duplicate in LAST-ACK',
      features: ['ackIsFinAgain'],
    },
    {
      kind: 'choice',
      what: 'FIN-WAIT-2 ends after 600 to 675 s without a segment from the peer: CLOSED, nothing sent',
      because:
        "RFC 9293 §3.10.8 has no FIN-WAIT-2 timer, and a peer that never sends its FIN would hold the connection for ever; 4.4BSD limits FIN-WAIT-2 once the user can send no more, which for slirp's host socket is always so after CLOSE (Linux's tcp_fin_timeout is the same idea)",
      cite: `${SRC}tcp_input.c: tcp_input(), FIN_WAIT_1 case, "if (so->so_state & SS_FCANTRCVMORE)"; tcp_timer.c: tcp_timers(), TCPT_2MSL; slirp.h: TCP_MAXIDLE`,
      evidence:
        'FIN-WAIT-2 after CLOSE and the ACK of our FIN: still FIN-WAIT-2 after 480 s, CLOSED after 720 s, nothing sent',
      params: { finWait2TimeoutLo: 599000, finWait2TimeoutHi: 676000 },
    },
    {
      kind: 'choice',
      what: "the peer's MSS is raised to at least 32",
      because:
        "RFC 9293 §3.7.1 bounds segments by the peer's MSS; a floor protects against tiny-segment floods (Linux and gVisor: 48)",
      cite: `${SRC}tcp_input.c: tcp_mss(), "mss = MAX(mss, 32)"`,
      evidence: 'adapters/slirp/NOTES.md 13: with <MSS=4> on the peer SYN, SEND "hello" goes out as one 5-byte segment',
      params: { sndMssMin: 32 },
    },
    {
      kind: 'bug',
      what: 'slirp crashes (SIGBUS or SIGSEGV) when text or a FIN taken through its reassembly queue brings RCV.NXT to 0',
      because:
        "RFC 9293 §3.10.7.4 takes such text like any other. slirp's loop over the reassembly queue ends only when it is back at the tcpcb itself, compared with the wrong pointer: it reads a word of the tcpcb as the next segment's SEQ, and when that equals RCV.NXT (0, after the sequence space wrapped) it hands m_free() a pointer that is not one. Fixed upstream in v4.8.0 (bdba265d, found there by fuzzing)",
      cite: `${SRC}tcp_input.c: tcp_reass(), "present:" (the do-while end test, "ti != (struct tcpiphdr *)tp")`,
      evidence:
        'adapters/slirp/known-bugs.json, the crash: OPEN active, <SYN,ACK> with ISS\' 2^32-4, CLOSE, then <ACK> with "xyz" at RCV.NXT: SIGSEGV (seed 4, 4 inputs); adapters/slirp/slirp.test.ts: OPEN active, <SYN,FIN,ACK> at 2^32-3, a FIN at RCV.NXT, another after it: SIGBUS inside slirp_input(); upstream master built here does not crash',
    },
    ...SLIRP_BUGS,
  ],
  // The reset of ABORT with ACK: the same hook as Linux's (linux-output.ts), switched by 'abortResetCarriesAck'.
  replaces: {
    output: linuxOutput,
    synchronized: slirpSynchronized,
    userCall: (d, c, iss) =>
      c.call === 'open' && d.t.state === 'Closed' ? keepInitOnOpen(slirpUserCall(d, c, iss)) : slirpUserCall(d, c, iss),
    afterStep: (drafts, before) => {
      slirpKeepsLetGo(drafts, before);
      ackAsFinAgain(drafts);
    },
    afterSegment: (drafts, seg, before) => slirpReleaseHeld(keepInitOnSegment(drafts, seg, before), before),
  },
  timers: [KEEP_INIT_TIMER, FIN_WAIT_2_IDLE_TIMER],
  extraRules: rules,
};

// This profile's rule ids join RuleId (index.ts).
declare module './index' {
  interface ProfileRuleIds {
    slirp: SlirpRuleId;
  }
}
