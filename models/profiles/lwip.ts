import { Profile } from '../profile';
import { Rule } from '../rule';
import { rfc9293 } from './rfc9293';

// lwIP 2.1.3 as Debian ships it (liblwip-dev 2.1.3+dfsg1-2). Every departure from rfc9293 below was found
// by `tcpconform check --adapter lwip --profile rfc9293` and is cited to lwIP's source (src/core/); see
// docs/lwip.md for each one's minimal counterexample. File and function names are lwIP's.
const SRC = 'lwIP 2.1.3';

const rules: Rule[] = [
  { id: 'rst.withAck', states: ['Closed', 'Listen', 'SynSent', 'SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait'], event: 'SEGMENT ARRIVES', summary: 'every RST lwIP sends carries ACK: SEG.SEQ+SEG.LEN in reply to a segment, RCV.NXT on ABORT', rfc793: '§3.4 p.36', rfc9293: '§3.5.2, §3.10.5', also: `${SRC} tcp_out.c: tcp_rst() always sets TCP_RST | TCP_ACK` },
  { id: 'synSent.syn.ignored', states: ['SynSent'], event: 'SEGMENT ARRIVES', summary: 'lwIP has no simultaneous open: a SYN without ACK in SYN-SENT is dropped', rfc793: '§3.9 p.68', rfc9293: '§3.10.7.3', also: `${SRC} tcp_in.c: tcp_process(), case SYN_SENT handles SYN+ACK only` },
  { id: 'timeout.finWait2', states: ['FinWait2'], event: 'TIME-WAIT TIMEOUT', summary: 'after a full close (tcp_close) FIN-WAIT-2 ends in CLOSED after 20 s', rfc793: '§3.9 p.75', rfc9293: '§3.10.7.4 (eighth)', also: `${SRC} tcp.c: tcp_slowtmr(), TCP_FIN_WAIT_TIMEOUT 20000 ms with TF_RXCLOSED` },
  { id: 'timeout.retransmissionsExhausted', states: ['SynSent', 'SynReceived', 'Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'], event: 'USER TIMEOUT', summary: 'lwIP gives up after 12 retransmissions of data (6 of a SYN) instead of after a user timeout', rfc793: '§3.9 p.77', rfc9293: '§3.8.3 (R2), §3.10.8', also: `${SRC} tcp.c: tcp_slowtmr(), TCP_MAXRTX 12, TCP_SYNMAXRTX 6` },
];

export const lwip: Profile = {
  name: 'lwip',
  summary: "lwIP 2.1.3 (Debian's liblwip-dev): rfc9293 with lwIP's cited departures",
  extends: 'rfc9293',
  features: new Set([...rfc9293.features, 'resetCarriesAck', 'noSimultaneousOpen', 'isnMayRepeat']),
  params: {
    ...rfc9293.params,
    // 2·TCP_MSL with TCP_MSL 60000 ms, checked by a 500 ms slow timer (tcp.c: tcp_slowtmr()).
    timeWaitLo: 120000,
    timeWaitHi: 121000,
    // No user timeout; the retransmission count limits instead (tcp_slowtmr()).
    userTimeoutLo: null,
    userTimeoutHi: null,
    maxRetransmissions: { data: 12, syn: 6 },
    // RTO starts at 3 s (tcp.c: tcp_alloc()) and backs off by tcp_backoff[] = {1,2,3,4,5,6,7,7,...}
    // (tcp.c), not by doubling; the earliest times are taken from the table.
    rtoBackoff: [1, 2, 3, 4, 5, 6, 7],
    rtoMax: 240000,
    finWait2TimeoutLo: 20000,
    finWait2TimeoutHi: 21000,
  },
  overrides: [
    { kind: 'choice', what: 'every RST carries ACK', because: 'harmless: receivers validate a RST by its sequence number (RFC 9293 §3.5.3)', cite: `${SRC} tcp_out.c: tcp_rst()` },
    { kind: 'choice', what: 'no simultaneous open: SYN in SYN-SENT dropped', because: 'a documented lwIP limitation; the peer falls back to retransmitting', cite: `${SRC} tcp_in.c: tcp_process()` },
    { kind: 'choice', what: 'TIME-WAIT lasts 2·60 s', because: 'MSL is a parameter (RFC 9293 §3.4.1 takes 2 minutes "for this specification")', cite: `${SRC} tcp_priv.h: TCP_MSL` },
    { kind: 'choice', what: 'FIN-WAIT-2 after tcp_close() ends after 20 s', because: 'the application can no longer read: the connection is orphaned (as Linux does with tcp_fin_timeout)', cite: `${SRC} tcp_priv.h: TCP_FIN_WAIT_TIMEOUT` },
    { kind: 'choice', what: 'gives up after 12 data / 6 SYN retransmissions, no user timeout', because: 'RFC 9293 §3.8.3 lets R2 be a count of retransmissions', cite: `${SRC} tcp.c: tcp_slowtmr(), TCP_MAXRTX` },
    { kind: 'choice', what: 'RTO 3 s initially, backing off by tcp_backoff[]', because: 'RFC 1122 initial RTO; RFC 6298 asks 1 s and doubling', cite: `${SRC} tcp.c: tcp_alloc(), tcp_backoff[]` },
    { kind: 'bug', what: 'ISNs are predictable and can repeat: iss += tcp_ticks', because: 'violates RFC 9293 §3.4.1 MUST-8 (and RFC 6528); tolerated here so the rest can be checked', cite: `${SRC} tcp.c: tcp_next_iss()` },
  ],
  extraRules: rules,
};
