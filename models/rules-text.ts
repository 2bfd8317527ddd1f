// SEGMENT ARRIVES in the other states, the segment text and the FIN (RFC 793 §3.9 p.74-75; RFC 9293 §3.10.7.4
// seventh and eighth).
import { Rule } from './rule';

export const TEXT_RULES = [
  // ---- seventh: text (RFC 793 §3.9 p.74; RFC 9293 §3.10.7.4)
  {
    id: 'text.accept',
    states: ['Established', 'FinWait1', 'FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary: 'in-order text joins the receive queue, RCV.NXT advances, an ACK is sent (at once or delayed)',
    rfc793: '§3.9 p.74',
    rfc9293: '§3.10.7.4 (seventh), §3.8.6.3',
  },
  {
    id: 'text.overlap.heldKept',
    states: ['Established', 'FinWait1', 'FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary:
      'where text at RCV.NXT overlaps text held ahead of it with different octets, the held copy may win: the new text is taken only up to where the held begins',
    rfc793: '§3.9 p.69, p.74',
    rfc9293: '§3.10.7.4 (first, seventh); §3.3.5 leaves overlapping retransmissions to the implementation',
    optional: true,
  },
  {
    id: 'text.outOfOrder',
    states: ['Established', 'FinWait1', 'FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary: 'text ahead of RCV.NXT may be held for later; an ACK for RCV.NXT goes out at once',
    rfc793: '§3.9 p.69, p.74',
    rfc9293: '§3.10.7.4 (first, seventh)',
    optional: true,
  },
  {
    id: 'text.ignored',
    states: ['CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: "text after the peer's FIN is ignored",
    rfc793: '§3.9 p.74',
    rfc9293: '§3.10.7.4 (seventh)',
  },
  {
    id: 'text.afterHalfDuplexClose',
    states: ['FinWait1', 'FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary: 'new data after a half-duplex CLOSE is answered with RST: CLOSED',
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.6.1 (SHLD-3)',
    also: 'RFC 1122 §4.2.2.13',
    requires: 'halfDuplexClose',
  },

  // ---- eighth: FIN (RFC 793 §3.9 p.75; RFC 9293 §3.10.7.4)
  {
    id: 'fin.closeWait',
    states: ['SynReceived', 'Established'],
    event: 'SEGMENT ARRIVES',
    summary: 'the peer\'s FIN: RCV.NXT passes it, ACK it, "connection closing", CLOSE-WAIT',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
  },
  {
    id: 'fin.finWait1.acked',
    states: ['FinWait1'],
    event: 'SEGMENT ARRIVES',
    summary: 'a FIN in FIN-WAIT-1 that also acknowledges our FIN goes straight to TIME-WAIT',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
  },
  {
    id: 'fin.finWait1',
    states: ['FinWait1'],
    event: 'SEGMENT ARRIVES',
    summary: 'a FIN in FIN-WAIT-1 before our FIN is acknowledged: simultaneous close, CLOSING',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
  },
  {
    id: 'fin.finWait2',
    states: ['FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary: 'a FIN in FIN-WAIT-2: ACK it, TIME-WAIT, start the 2MSL timer',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
  },
  {
    id: 'fin.again',
    states: ['CloseWait', 'Closing', 'LastAck'],
    event: 'SEGMENT ARRIVES',
    summary: 'a further FIN at RCV.NXT is acknowledged and changes no state',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
    optional: true,
  },
  {
    id: 'fin.timeWait',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'a FIN at RCV.NXT in TIME-WAIT is acknowledged and restarts the 2MSL timer',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
    optional: true,
  },
] as const satisfies readonly Rule[];
