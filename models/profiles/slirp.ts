import { Profile } from '../profile';
import { Rule } from '../rule';
import { rfc9293 } from './rfc9293';
import { linuxOutput } from './linux-output';

// libslirp 4.7.0 (QEMU's user-mode stack, a 4.4BSD-Lite TCP) through the C shim of adapters/slirp, its user a host
// socket. A first profile: the departures of adapters/slirp/NOTES.md that are slirp's choices and that the model
// can already express through existing switches, each cited to libslirp's source (src/). The bugs among the
// departures (a RST answered with a RST, the FIN not counted in a reset's ACK, ...) are not here: they are known
// bugs in adapters/slirp/known-bugs.json, so that a check against this profile stays usable as a gate.
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
] as const satisfies readonly Rule[];

/** The ids of the rules this profile adds. */
export type SlirpRuleId = (typeof rules)[number]['id'];

// 4.4BSD-Lite predates RFC 5961 (2010): slirp has none of its three checks.
const dropped = new Set(['rfc5961.rst', 'rfc5961.syn', 'rfc5961.ack']);

export const slirp: Profile = {
  name: 'slirp',
  summary: "libslirp 4.7.0 (QEMU's user-mode stack, 4.4BSD-Lite TCP): rfc9293 with the cited choices found so far",
  extends: 'rfc9293',
  features: new Set([...[...rfc9293.features].filter((f) => !dropped.has(f)), 'abortResetCarriesAck']),
  params: {
    ...rfc9293.params,
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
      kind: 'bug',
      what: "a FIN at RCV.NXT after the peer's FIN, then another after it, crash slirp (SIGBUS): the reassembly loop runs past the end of its list",
      because:
        "RFC 9293 §3.10.7.4 (eighth) leaves CLOSE-WAIT as it is on a FIN again; slirp's loop over the reassembly queue stops only at the tcpcb itself, so it reads a segment out of the tcpcb and hands m_free() a pointer that is not one. Fixed upstream in v4.8.0 (bdba265d, found there by fuzzing)",
      cite: `${SRC}tcp_input.c: tcp_reass(), "present:" (the do-while end test)`,
      evidence:
        "adapters/slirp/slirp.test.ts: OPEN active, <SYN,FIN,ACK>, <FIN,ACK> at RCV.NXT, <FIN,ACK> after it → the shim dies with SIGBUS inside slirp_input(); gdb (no symbols) shows m_free() handed a non-pointer by a loop in a function tcp_input() calls, whose shape is tcp_reass()'s; upstream master built here does not crash",
    },
  ],
  // The reset of ABORT with ACK: the same hook as Linux's (linux-output.ts), switched by 'abortResetCarriesAck'.
  replaces: { output: linuxOutput },
  extraRules: rules,
};

// This profile's rule ids join RuleId (index.ts).
declare module './index' {
  interface ProfileRuleIds {
    slirp: SlirpRuleId;
  }
}
