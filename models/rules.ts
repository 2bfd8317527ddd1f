// The catalogue of rules: RFC 793 §3.9 and RFC 9293 §3.10 event processing, one entry per outcome.
import { Rule } from './rule';
import { State, STATES } from './state';

const ALL = STATES;
const SYNCHRONIZED: State[] = ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'];
const OTHER: State[] = ['SynReceived', ...SYNCHRONIZED];
const NOT_CLOSED = ALL.filter((s) => s !== 'Closed');

const CATALOGUE = [
  // ---- OPEN (RFC 793 §3.9 p.54; RFC 9293 §3.10.1)
  {
    id: 'open.passive',
    states: ['Closed'],
    event: 'OPEN',
    summary: 'passive OPEN creates a TCB and waits in LISTEN',
    rfc793: '§3.9 p.54',
    rfc9293: '§3.10.1',
  },
  {
    id: 'open.active',
    states: ['Closed'],
    event: 'OPEN',
    summary: 'active OPEN picks an ISS, sends <SEQ=ISS><CTL=SYN> and enters SYN-SENT',
    rfc793: '§3.9 p.54',
    rfc9293: '§3.10.1',
  },
  {
    id: 'open.listen.active',
    states: ['Listen'],
    event: 'OPEN',
    summary: 'active OPEN on a listening TCB turns it active: SYN sent, SYN-SENT',
    rfc793: '§3.9 p.54',
    rfc9293: '§3.10.1',
  },
  {
    id: 'open.listen.unspecified',
    states: ['Listen'],
    event: 'OPEN',
    summary:
      'active OPEN on a listening TCB whose passive OPEN left the foreign socket unspecified fails: "foreign socket unspecified"',
    rfc793: '§3.9 p.54',
    rfc9293: '§3.10.1',
  },
  {
    id: 'iss.fresh',
    states: ['Closed', 'Listen'],
    event: 'OPEN',
    summary: "a new connection must not reuse the previous connection's ISS: ISNs come from a clock and a keyed hash",
    rfc793: '§3.3 p.27',
    rfc9293: '§3.4.1 (MUST-8)',
    unless: 'isnMayRepeat',
  },
  {
    id: 'open.exists',
    states: NOT_CLOSED,
    event: 'OPEN',
    summary: 'OPEN on an existing connection answers "connection already exists"',
    rfc793: '§3.9 p.54',
    rfc9293: '§3.10.1',
  },

  // ---- SEND (RFC 793 §3.9 p.55-56; RFC 9293 §3.10.2)
  {
    id: 'send.closed',
    states: ['Closed'],
    event: 'SEND',
    summary: 'SEND without a connection answers "connection does not exist"',
    rfc793: '§3.9 p.55',
    rfc9293: '§3.10.2',
  },
  {
    id: 'send.listen',
    states: ['Listen'],
    event: 'SEND',
    summary: 'SEND on a listening TCB with a known foreign socket turns it active: SYN sent, data queued',
    rfc793: '§3.9 p.55',
    rfc9293: '§3.10.2',
  },
  {
    id: 'send.listen.unspecified',
    states: ['Listen'],
    event: 'SEND',
    summary:
      'SEND on a listening TCB whose passive OPEN left the foreign socket unspecified fails: "foreign socket unspecified"',
    rfc793: '§3.9 p.55',
    rfc9293: '§3.10.2',
  },
  {
    id: 'send.queue',
    states: ['SynSent', 'SynReceived'],
    event: 'SEND',
    summary: 'SEND before the connection is established queues the data until it is',
    rfc793: '§3.9 p.55',
    rfc9293: '§3.10.2',
  },
  {
    id: 'send.transmit',
    states: ['Established', 'CloseWait'],
    event: 'SEND',
    summary: 'SEND segments the data and transmits it as the window allows',
    rfc793: '§3.9 p.56',
    rfc9293: '§3.10.2',
  },
  {
    id: 'send.congestionLimited',
    states: ['Established', 'CloseWait', 'FinWait1', 'Closing', 'LastAck'],
    event: 'SEND',
    summary: 'congestion control may hold back segments while data is in flight; they go out as ACKs arrive',
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.8.2 (MUST-19)',
    also: 'RFC 5681 §3.1',
  },
  {
    id: 'send.closing',
    states: ['SynReceived', 'FinWait1', 'FinWait2', 'Closing', 'LastAck', 'TimeWait'],
    event: 'SEND',
    summary: 'SEND after CLOSE answers "connection closing" (also while that CLOSE waits in SYN-RECEIVED)',
    rfc793: '§3.9 p.56',
    rfc9293: '§3.10.2',
  },

  // ---- RECEIVE (RFC 793 §3.9 p.58-59; RFC 9293 §3.10.3)
  {
    id: 'receive.closed',
    states: ['Closed'],
    event: 'RECEIVE',
    summary: 'RECEIVE without a connection answers "connection does not exist"',
    rfc793: '§3.9 p.58',
    rfc9293: '§3.10.3',
  },
  {
    id: 'receive.notYet',
    states: ['Listen', 'SynSent', 'SynReceived'],
    event: 'RECEIVE',
    summary: 'RECEIVE before the connection is established has nothing to deliver yet',
    rfc793: '§3.9 p.58',
    rfc9293: '§3.10.3',
  },
  {
    id: 'receive.data',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'RECEIVE',
    summary:
      "RECEIVE delivers the data on hand (also text that came before the peer's FIN) and reopens the receive window",
    rfc793: '§3.9 p.58',
    rfc9293: '§3.10.3',
  },
  {
    id: 'receive.eof',
    states: ['CloseWait'],
    event: 'RECEIVE',
    summary: 'once the peer has sent FIN and nothing is left, RECEIVE answers "connection closing"',
    rfc793: '§3.9 p.59',
    rfc9293: '§3.10.3',
  },
  {
    id: 'receive.closing',
    states: ['Closing', 'LastAck', 'TimeWait'],
    event: 'RECEIVE',
    summary: 'RECEIVE after both sides sent FIN, with nothing left on hand, answers "connection closing"',
    rfc793: '§3.9 p.59',
    rfc9293: '§3.10.3',
  },
  {
    id: 'receive.halfDuplexClosed',
    states: ['FinWait1', 'FinWait2', 'Closing', 'TimeWait'],
    event: 'RECEIVE',
    summary: 'after a half-duplex CLOSE the application may not read: "connection closing"',
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.6.1 (MAY-1)',
    requires: 'halfDuplexClose',
  },
  {
    id: 'receive.windowUpdate',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait'],
    event: 'RECEIVE',
    summary: 'a RECEIVE that opens the window may be followed by a window update',
    rfc793: '§3.7 p.42',
    rfc9293: '§3.8.6.2.2',
  },

  // ---- CLOSE (RFC 793 §3.9 p.60-61; RFC 9293 §3.10.4)
  {
    id: 'close.closed',
    states: ['Closed'],
    event: 'CLOSE',
    summary: 'CLOSE without a connection answers "connection does not exist"',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4',
  },
  {
    id: 'close.listen',
    states: ['Listen'],
    event: 'CLOSE',
    summary: 'CLOSE in LISTEN deletes the TCB: CLOSED, nothing sent',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4',
  },
  {
    id: 'close.synSent',
    states: ['SynSent'],
    event: 'CLOSE',
    summary: 'CLOSE in SYN-SENT deletes the TCB: CLOSED, nothing sent',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4',
  },
  {
    id: 'close.fin',
    states: ['SynReceived', 'Established'],
    event: 'CLOSE',
    summary: 'CLOSE sends FIN after any queued data and enters FIN-WAIT-1',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4',
  },
  {
    id: 'close.closeWait',
    states: ['CloseWait'],
    event: 'CLOSE',
    summary: 'CLOSE in CLOSE-WAIT sends FIN after any queued data and enters LAST-ACK',
    rfc793: '§3.9 p.61 (erratum: LAST-ACK, not CLOSING)',
    rfc9293: '§3.10.4',
  },
  {
    id: 'close.again',
    states: ['FinWait1', 'FinWait2'],
    event: 'CLOSE',
    summary: 'a second CLOSE answers "connection closing" (ok is tolerated) and sends no second FIN',
    rfc793: '§3.9 p.60',
    rfc9293: '§3.10.4',
  },
  {
    id: 'close.closing',
    states: ['Closing', 'LastAck', 'TimeWait'],
    event: 'CLOSE',
    summary: 'CLOSE after both FINs answers "connection closing"',
    rfc793: '§3.9 p.61',
    rfc9293: '§3.10.4',
  },
  {
    id: 'close.halfDuplex.unread',
    states: ['SynReceived', 'Established', 'CloseWait', 'FinWait1', 'FinWait2'],
    event: 'CLOSE',
    summary: 'half-duplex CLOSE with unread data sends RST to show data was lost: CLOSED',
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.6.1 (SHLD-3)',
    also: 'RFC 1122 §4.2.2.13',
    requires: 'halfDuplexClose',
  },

  // ---- ABORT (RFC 793 §3.9 p.62; RFC 9293 §3.10.5)
  {
    id: 'abort.closed',
    states: ['Closed'],
    event: 'ABORT',
    summary: 'ABORT without a connection answers "connection does not exist"',
    rfc793: '§3.9 p.62',
    rfc9293: '§3.10.5',
  },
  {
    id: 'abort.quiet',
    states: ['Listen', 'SynSent', 'Closing', 'LastAck', 'TimeWait'],
    event: 'ABORT',
    summary: 'ABORT where no RST is owed deletes the TCB silently: CLOSED',
    rfc793: '§3.9 p.62',
    rfc9293: '§3.10.5',
  },
  {
    id: 'abort.reset',
    states: ['SynReceived', 'Established', 'FinWait1', 'FinWait2', 'CloseWait'],
    event: 'ABORT',
    summary: 'ABORT sends <SEQ=SND.NXT><CTL=RST>, flushes the queues: CLOSED',
    rfc793: '§3.9 p.62',
    rfc9293: '§3.10.5',
  },

  // ---- SEGMENT ARRIVES, CLOSED (RFC 793 §3.9 p.65; RFC 9293 §3.10.7.1; reset generation §3.4 p.36 / §3.5.2)
  {
    id: 'closed.rst',
    states: ['Closed'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST for a connection that does not exist is dropped',
    rfc793: '§3.9 p.65',
    rfc9293: '§3.10.7.1',
  },
  {
    id: 'closed.ack',
    states: ['Closed'],
    event: 'SEGMENT ARRIVES',
    summary: 'a segment with ACK for no connection gets <SEQ=SEG.ACK><CTL=RST>',
    rfc793: '§3.9 p.65, §3.4 p.36',
    rfc9293: '§3.10.7.1, §3.5.2',
  },
  {
    id: 'closed.noAck',
    states: ['Closed'],
    event: 'SEGMENT ARRIVES',
    summary: 'a segment without ACK for no connection gets <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>',
    rfc793: '§3.9 p.65, §3.4 p.36',
    rfc9293: '§3.10.7.1, §3.5.2',
  },

  // ---- LISTEN (RFC 793 §3.9 p.65-66; RFC 9293 §3.10.7.2)
  {
    id: 'listen.rst',
    states: ['Listen'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST in LISTEN is ignored',
    rfc793: '§3.9 p.65',
    rfc9293: '§3.10.7.2',
  },
  {
    id: 'listen.ack',
    states: ['Listen'],
    event: 'SEGMENT ARRIVES',
    summary: 'an ACK in LISTEN is bad: <SEQ=SEG.ACK><CTL=RST>, stay in LISTEN',
    rfc793: '§3.9 p.65',
    rfc9293: '§3.10.7.2',
  },
  {
    id: 'listen.syn',
    states: ['Listen'],
    event: 'SEGMENT ARRIVES',
    summary: 'a SYN in LISTEN: IRS=SEG.SEQ, pick ISS, send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SYN-RECEIVED',
    rfc793: '§3.9 p.66',
    rfc9293: '§3.10.7.2',
  },
  {
    id: 'listen.other',
    states: ['Listen'],
    event: 'SEGMENT ARRIVES',
    summary: 'any other segment in LISTEN is dropped',
    rfc793: '§3.9 p.66',
    rfc9293: '§3.10.7.2',
  },

  // ---- SYN-SENT (RFC 793 §3.9 p.66-68; RFC 9293 §3.10.7.3)
  {
    id: 'synSent.ackUnacceptable',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'an ACK outside ISS < SEG.ACK =< SND.NXT gets <SEQ=SEG.ACK><CTL=RST> (a RST carrying one is dropped)',
    rfc793: '§3.9 p.66',
    rfc9293: '§3.10.7.3',
  },
  {
    id: 'synSent.rst',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST acknowledging our SYN refuses the connection: CLOSED, "connection reset"',
    rfc793: '§3.9 p.67',
    rfc9293: '§3.10.7.3',
  },
  {
    id: 'synSent.rst.noAck',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST without ACK in SYN-SENT is dropped',
    rfc793: '§3.9 p.67',
    rfc9293: '§3.10.7.3',
  },
  {
    id: 'synSent.synAck',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a SYN acknowledging our SYN: RCV.NXT=SEG.SEQ+1, send ACK, ESTABLISHED',
    rfc793: '§3.9 p.67-68',
    rfc9293: '§3.10.7.3',
  },
  {
    id: 'synSent.syn',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a SYN without ACK is a simultaneous open: send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SYN-RECEIVED',
    rfc793: '§3.9 p.68',
    rfc9293: '§3.10.7.3',
    unless: 'noSimultaneousOpen',
  },
  {
    id: 'synSent.other',
    states: ['SynSent'],
    event: 'SEGMENT ARRIVES',
    summary: 'a segment with neither SYN nor RST in SYN-SENT is dropped',
    rfc793: '§3.9 p.68',
    rfc9293: '§3.10.7.3',
  },

  // ---- Other states, first: sequence number (RFC 793 §3.9 p.69; RFC 9293 §3.10.7.4)
  {
    id: 'seq.unacceptable',
    states: OTHER,
    event: 'SEGMENT ARRIVES',
    summary:
      'a segment failing all four cases of the acceptability test gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and is dropped',
    rfc793: '§3.9 p.69, §3.3 p.26',
    rfc9293: '§3.10.7.4 (first), §3.4',
  },
  {
    id: 'seq.unacceptable.rst',
    states: OTHER,
    event: 'SEGMENT ARRIVES',
    summary: 'an unacceptable RST is dropped without reply',
    rfc793: '§3.9 p.69',
    rfc9293: '§3.10.7.4 (first)',
  },
  {
    id: 'timeWait.finRetransmitted',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'a retransmitted FIN in TIME-WAIT is acknowledged again and restarts the 2MSL timer',
    rfc793: '§3.9 p.73, p.76',
    rfc9293: '§3.10.7.4 (fifth, eighth)',
  },

  // ---- second: RST (RFC 793 §3.9 p.70; RFC 9293 §3.10.7.4)
  {
    id: 'rst.synReceived.passive',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST on a passively opened SYN-RECEIVED connection returns it to LISTEN',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
  },
  {
    id: 'rst.synReceived.active',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary: 'a RST on an actively opened SYN-RECEIVED connection refuses it: CLOSED, "connection refused"',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
  },
  {
    id: 'rst.reset',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'a valid RST resets the connection: CLOSED, "connection reset"',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
  },
  {
    id: 'rst.closing',
    states: ['Closing', 'LastAck', 'TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'a valid RST after both FINs just deletes the TCB: CLOSED',
    rfc793: '§3.9 p.70',
    rfc9293: '§3.10.7.4 (second)',
  },
  {
    id: 'rst.challenge',
    states: OTHER,
    event: 'SEGMENT ARRIVES',
    summary: 'a RST inside the window but not at RCV.NXT gets a challenge ACK and is dropped',
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.10.7.4 (second)',
    also: 'RFC 5961 §3.2',
    requires: 'rfc5961.rst',
  },

  // ---- fourth: SYN (RFC 793 §3.9 p.71; RFC 9293 §3.10.7.4)
  {
    id: 'syn.reset',
    states: OTHER,
    event: 'SEGMENT ARRIVES',
    summary: 'a SYN in the window is an error: send a RST, CLOSED, "connection reset"',
    rfc793: '§3.9 p.71',
    rfc9293: '§3.10.7.4 (fourth, RFC 793 behaviour)',
    unless: 'rfc5961.syn',
  },
  {
    id: 'syn.synReceived.passive',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary: 'a SYN on a passively opened SYN-RECEIVED connection returns it to LISTEN',
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.10.7.4 (fourth)',
    also: 'RFC 1122 §4.2.2.20 (e)',
    requires: 'rfc1122.synInSynReceived',
  },
  {
    id: 'syn.challenge',
    states: OTHER,
    event: 'SEGMENT ARRIVES',
    summary: 'any SYN on a synchronized connection gets a challenge ACK and is dropped',
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.10.7.4 (fourth)',
    also: 'RFC 5961 §4.2',
    requires: 'rfc5961.syn',
  },

  // ---- fifth: ACK (RFC 793 §3.9 p.72-73; RFC 9293 §3.10.7.4)
  {
    id: 'ack.missing',
    states: OTHER,
    event: 'SEGMENT ARRIVES',
    summary: 'a segment without ACK is dropped',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
  },
  {
    id: 'synReceived.ack',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary: 'an ACK of our SYN (SND.UNA < SEG.ACK =< SND.NXT) establishes the connection',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
  },
  {
    id: 'synReceived.synAckCrossed',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary:
      "in a simultaneous open the peer's SYN,ACK (at IRS) may complete the handshake at once, as the figure draws it",
    rfc793: '§3.4 p.32 (Figure 8)',
    rfc9293: '§3.5 (Figure 7)',
  },
  {
    id: 'synReceived.ackUnacceptable',
    states: ['SynReceived'],
    event: 'SEGMENT ARRIVES',
    summary: 'an unacceptable ACK in SYN-RECEIVED gets <SEQ=SEG.ACK><CTL=RST>',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
  },
  {
    id: 'ack.new',
    states: SYNCHRONIZED,
    event: 'SEGMENT ARRIVES',
    summary: 'SND.UNA < SEG.ACK =< SND.NXT: SND.UNA advances, acknowledged data leaves the retransmission queue',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
  },
  {
    id: 'ack.duplicate',
    states: SYNCHRONIZED,
    event: 'SEGMENT ARRIVES',
    summary: 'an old ACK (SEG.ACK =< SND.UNA) is ignored',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
  },
  {
    id: 'ack.tooOld',
    states: SYNCHRONIZED,
    event: 'SEGMENT ARRIVES',
    summary: 'an ACK older than SND.UNA-MAX.SND.WND gets a challenge ACK and is dropped',
    rfc793: '(not in RFC 793)',
    rfc9293: '§3.10.7.4 (fifth)',
    also: 'RFC 5961 §5.2',
    requires: 'rfc5961.ack',
  },
  {
    id: 'ack.future',
    states: SYNCHRONIZED,
    event: 'SEGMENT ARRIVES',
    summary: 'an ACK of something not yet sent (SEG.ACK > SND.NXT) gets an ACK and is dropped',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
  },
  {
    id: 'ack.window',
    states: SYNCHRONIZED,
    event: 'SEGMENT ARRIVES',
    summary: 'a newer segment (by SND.WL1/SND.WL2) updates the send window',
    rfc793: '§3.9 p.72',
    rfc9293: '§3.10.7.4 (fifth)',
  },
  {
    id: 'finWait1.finAcked',
    states: ['FinWait1'],
    event: 'SEGMENT ARRIVES',
    summary: 'when our FIN is acknowledged FIN-WAIT-1 becomes FIN-WAIT-2',
    rfc793: '§3.9 p.73',
    rfc9293: '§3.10.7.4 (fifth)',
  },
  {
    id: 'closing.finAcked',
    states: ['Closing'],
    event: 'SEGMENT ARRIVES',
    summary: 'when our FIN is acknowledged CLOSING becomes TIME-WAIT',
    rfc793: '§3.9 p.73',
    rfc9293: '§3.10.7.4 (fifth)',
  },
  {
    id: 'lastAck.finAcked',
    states: ['LastAck'],
    event: 'SEGMENT ARRIVES',
    summary: 'when our FIN is acknowledged LAST-ACK deletes the TCB: CLOSED',
    rfc793: '§3.9 p.73',
    rfc9293: '§3.10.7.4 (fifth)',
  },

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
  },
  {
    id: 'text.outOfOrder',
    states: ['Established', 'FinWait1', 'FinWait2'],
    event: 'SEGMENT ARRIVES',
    summary: 'text ahead of RCV.NXT may be held for later; an ACK for RCV.NXT goes out at once',
    rfc793: '§3.9 p.69, p.74',
    rfc9293: '§3.10.7.4 (first, seventh)',
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
  },
  {
    id: 'fin.timeWait',
    states: ['TimeWait'],
    event: 'SEGMENT ARRIVES',
    summary: 'a FIN at RCV.NXT in TIME-WAIT is acknowledged and restarts the 2MSL timer',
    rfc793: '§3.9 p.75',
    rfc9293: '§3.10.7.4 (eighth)',
  },

  // ---- Timeouts (RFC 793 §3.9 p.77; RFC 9293 §3.10.8)
  {
    id: 'timeout.retransmission',
    states: ['SynSent', 'SynReceived', 'Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'RETRANSMISSION TIMEOUT',
    summary: 'the segment at the front of the retransmission queue is sent again, the timer backs off',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8',
    also: 'RFC 6298 §5',
  },
  {
    id: 'timeout.timeWait',
    states: ['TimeWait'],
    event: 'TIME-WAIT TIMEOUT',
    summary: 'after 2MSL in TIME-WAIT the TCB is deleted: CLOSED',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8',
  },
  {
    id: 'timeout.user',
    states: ['SynSent', 'SynReceived', 'Established', 'FinWait1', 'CloseWait', 'Closing', 'LastAck'],
    event: 'USER TIMEOUT',
    summary: 'data unacknowledged for the user timeout aborts the connection: CLOSED, no segment',
    rfc793: '§3.9 p.77',
    rfc9293: '§3.10.8, §3.8.3',
    when: (p) => p.userTimeoutLo !== null,
  },
  {
    id: 'ack.delayedSent',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait'],
    event: 'DELAYED ACK',
    summary: 'an ACK being delayed may go out with any later event, before its timer runs out',
    rfc793: '§3.7 p.42',
    rfc9293: '§3.8.6.3',
  },
  {
    id: 'timeout.delayedAck',
    states: ['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'TimeWait'],
    event: 'DELAYED ACK',
    summary: 'a delayed ACK goes out within 500 ms',
    rfc793: '§3.7 p.42',
    rfc9293: '§3.8.6.3',
  },
] as const satisfies readonly Rule[];

/** The ids of the catalogue's rules: the compiler checks every rule the model fires against them. */
export type CatalogueRuleId = (typeof CATALOGUE)[number]['id'];
export const RULES: readonly Rule[] = CATALOGUE;

/**
 * Rules that permit rather than require: an IUT conforms whether or not it ever takes them (a window update
 * after RECEIVE, holding data back for congestion control, the literal reading of an ambiguous passage...).
 * Coverage lists the ones an IUT never showed apart from the rules a check failed to reach.
 */
export const OPTIONAL_RULES: ReadonlySet<string> = new Set<CatalogueRuleId>([
  'open.listen.unspecified',
  'send.listen.unspecified',
  'send.congestionLimited',
  'receive.windowUpdate',
  'synReceived.synAckCrossed',
  'text.outOfOrder',
  'text.overlap.heldKept',
  'fin.again',
  'fin.timeWait',
  'ack.delayedSent',
  'timeout.delayedAck',
]);

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

/** A rule by id, looking first at the profile's own (implementation profiles add cited rules). */
export function ruleIn(profile: { extraRules: readonly Rule[] } | undefined, id: string): Rule | undefined {
  return profile?.extraRules.find((r) => r.id === id) ?? BY_ID.get(id);
}

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** "RFC 793 §3.9 p.70, RFC 9293 §3.10.7.4 (second)" */
export function citation(rule: Rule): string {
  const parts = [];
  if (!rule.rfc793.startsWith('(')) parts.push(`RFC 793 ${rule.rfc793}`);
  parts.push(`RFC 9293 ${rule.rfc9293}`);
  if (rule.also) parts.push(rule.also);
  return parts.join(', ');
}
