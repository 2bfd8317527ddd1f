// The slirp profile's bugs that the model does not follow: departures from RFC 9293 that libslirp does not mean,
// found by `tcpconform check --adapter slirp --profile slirp` (seeds 1-5, 2000 runs) and read in libslirp 4.7.0's
// src/. Each stays a divergence, kept in adapters/slirp/known-bugs.json, so that a check against this profile
// still gates (docs/design.md §7). All of them still stand in upstream master (0dc4c988, August 2026).
import { Override } from '../profile';

const SRC = 'libslirp 4.7.0 src/';
const KNOWN = 'adapters/slirp/known-bugs.json';

export const SLIRP_BUGS: readonly Override[] = [
  {
    kind: 'bug',
    what: 'a RST for a closed port, or for the listener, is answered with a RST',
    because:
      'RFC 9293 §3.10.7.1 and §3.10.7.2 discard an incoming RST: a reset is never answered with a reset. 4.4BSD tests for RST before it resets; slirp does not',
    cite: `${SRC}tcp_input.c: tcp_input(), "dropwithreset:" has no test of TH_RST`,
    evidence: `${KNOWN}: closed.rst in Closed, listen.rst in Listen`,
  },
  {
    kind: 'bug',
    what: 'the reset answering a segment without ACK acknowledges its SYN but not its FIN',
    because: 'RFC 9293 §3.10.7.1 acknowledges SEG.SEQ+SEG.LEN, and a FIN occupies a sequence number (§3.4)',
    cite: `${SRC}tcp_input.c: tcp_input(), "dropwithreset:" adds 1 to ti_len for TH_SYN only`,
    evidence: `${KNOWN}: closed.noAck in Closed`,
  },
  {
    kind: 'bug',
    what: 'LISTEN answers a segment other than a SYN (a FIN, text) with a RST',
    because:
      'RFC 9293 §3.10.7.2 drops such a segment; slirp has no listening connection of its own for a host listener, so the segment finds no socket and is reset as for a closed port',
    cite: `${SRC}tcp_input.c: tcp_input(), the lookup of the socket and "dropwithreset:"`,
    evidence: `${KNOWN}: listen.other in Listen`,
  },
  {
    kind: 'bug',
    what: 'the sequence test uses the 128 KiB receive buffer, not the window advertised (at most 65535), and passes a segment without octets at the right edge',
    because:
      'RFC 9293 §3.4 and §3.10.7.4 (first) test against RCV.WND, the window announced; without window scaling slirp cannot announce more than 65535 but accepts up to its buffer, and its right-edge test drops only what lies past the edge',
    cite: `${SRC}tcp_input.c: tcp_input(), "rcv_wnd = MAX(sbspace(&so->so_rcv), rcv_adv - rcv_nxt)" and the trim of a segment past the window; tcp.h: TCP_RCVSPACE`,
    evidence: `${KNOWN}: seq.unacceptable and seq.unacceptable.rst in CloseWait, Closing, Established, FinWait1, FinWait2, LastAck, SynReceived, TimeWait (segments at or past RCV.NXT+RCV.WND)`,
  },
  {
    kind: 'bug',
    what: 'a SYN in the window is answered with two resets: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, then <SEQ=0><ACK=SEG.SEQ+1><CTL=RST,ACK>; in a passive SYN-RECEIVED too',
    because:
      "RFC 793 §3.9 p.71 (RFC 9293 §3.10.7.4, fourth, without RFC 5961) sends one reset; a passive SYN-RECEIVED returns to LISTEN without one (RFC 1122 §4.2.2.20 (e)). slirp's tcp_drop() sends the connection's reset before the reset for the segment",
    cite: `${SRC}tcp_input.c: tcp_input(), "If a SYN is in the window": tcp_drop() then "goto dropwithreset"; tcp_subr.c: tcp_drop()`,
    evidence: `${KNOWN}: syn.reset (a SYN at RCV.NXT) in CloseWait, Closing, Established, FinWait1, FinWait2, LastAck, SynReceived, TimeWait; syn.synReceived.passive in SynReceived`,
  },
  {
    kind: 'bug',
    what: 'a segment wholly below RCV.NXT is answered with an ACK, and its ACK field is then processed: it acknowledges data, or completes the handshake',
    because:
      'RFC 9293 §3.10.7.4 (first) drops an unacceptable segment once it has sent the ACK; 4.4BSD\'s trim "keep on processing for RST or ACK" lets an old or forged segment move SND.UNA (crossed SYN,ACKs complete a simultaneous open this way)',
    cite: `${SRC}tcp_input.c: tcp_input(), the left-edge trim, "But keep on processing for RST or ACK"`,
    evidence: `${KNOWN}: close.fin, proxy.callUnseen and rst.abort.withAck in SynReceived (a crossed SYN,ACK completes the handshake, and the calls held until then take effect)`,
  },
  {
    kind: 'bug',
    what: 'SYN-RECEIVED takes SEG.ACK = SND.UNA (acknowledging nothing) as completing the handshake',
    because:
      'RFC 9293 §3.10.7.4 (fifth) needs SND.UNA < SEG.ACK =< SND.NXT in SYN-RECEIVED, and resets otherwise: <SEQ=SEG.ACK><CTL=RST>',
    cite: `${SRC}tcp_input.c: tcp_input(), SYN_RECEIVED case, "SEQ_GT(tp->snd_una, ti->ti_ack)"`,
    evidence: `${KNOWN}: synReceived.ackUnacceptable in SynReceived`,
  },
  {
    kind: 'bug',
    what: "after the peer's FIN, text and a further FIN are still taken as new in CLOSE-WAIT, CLOSING and LAST-ACK",
    because:
      "RFC 9293 §3.10.7.4 (seventh, eighth): the peer's FIN ends its sequence space; text after it is ignored and a FIN again changes nothing. 4.4BSD-Lite's TCPS_HAVERCVDFIN is true only from TIME-WAIT on (later BSDs list the other states); the same test lets two FINs after the peer's FIN reach the crash below",
    cite: `${SRC}tcp.h: TCPS_HAVERCVDFIN; tcp_input.c: tcp_input(), "Process the segment text" and "If FIN is received"`,
    evidence: `${KNOWN}: text.ignored in CloseWait; lastAck.finUnacked in LastAck (a FIN again is acknowledged); the crash below`,
  },
  {
    kind: 'bug',
    what: "once the user closed and the peer's FIN came, text is reset before anything else is looked at: also text without ACK, text past the peer's FIN, and text on the ACK of our FIN",
    because:
      "RFC 9293 §3.10.7.4 drops a segment without ACK (fifth) and ignores text after the peer's FIN (seventh); in LAST-ACK the ACK of our FIN deletes the TCB. slirp's reset of \"new data ... after the user processes are gone\" (SHLD-3's reset) comes before those checks",
    cite: `${SRC}tcp_input.c: tcp_input(), "If new data are received on a connection after the user processes are gone"`,
    evidence: `${KNOWN}: ack.missing in Closing, FinWait1, LastAck, TimeWait; lastAck.finAcked in LastAck; timeWait.finRetransmitted in Closing, TimeWait`,
  },
  {
    kind: 'bug',
    what: "on a passive OPEN the MSS option of the peer's SYN is not applied: segments up to 1460 octets go to a peer that announced less",
    because:
      'RFC 9293 §3.7.1 (MUST-14, MUST-15) bounds the segments sent by the MSS received. slirp holds the SYN while its host connect() is pending and processes it again from "cont_conn", where the options are not parsed (optp is still NULL)',
    cite: `${SRC}tcp_input.c: tcp_input(), the re-entry with m == NULL ("goto cont_conn") skips "optp = ..."; tcp_dooptions()`,
    evidence: `${KNOWN}: send.congestionLimited in CloseWait, Established, SynReceived (passive OPEN, <MSS=4>, a SEND of 36 octets in one segment)`,
  },
];
