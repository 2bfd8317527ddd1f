// The catalogue of seeded bugs ("mutants"): realistic faults in connection management, each switched on inside
// the simulator by `AdapterOptions.mutant` (look for `ep.mutant === '<id>'`). Each entry says what breaks, the
// model rule it breaks, where the RFC says otherwise, and the shortest input sequence that shows it.
//
// Minimal lengths were worked out by hand, over the inputs the harness can generate (docs/interpretations.md:
// text on a SYN is never generated, a FIN on a SYN may be). The usual building blocks:
//   - a synchronized connection needs two inputs (active OPEN + the peer's SYN,ACK, or passive OPEN + SYN);
//   - our FIN needs a CLOSE after that, so TIME-WAIT needs four (OPEN, SYN,ACK, CLOSE, FIN,ACK);
//   - the peer's FIN can ride on its SYN,ACK, so CLOSE-WAIT needs only two (OPEN, SYN,ACK,FIN);
//   - time passes only on 'wait' inputs.
import { ACK, FIN, RST, SYN } from '../../models/segment';
import { AckBase, Input, SeqBase } from '../../models/input';

export const MUTANT_IDS = [
  'noTimeWait',
  'timeWaitNoRestart',
  'timeWaitTooShort',
  'synNotCounted',
  'finAckOffByOne',
  'passiveRstCloses',
  'finWait1FinAckToClosing',
  'simultaneousCloseSkipsClosing',
  'listenAckNoRst',
  'listenRstCloses',
  'closedRstAnswered',
  'rstSeqNotFromAck',
  'rstInWindowAccepted',
  'synResetsConnection',
  'tooOldAckIgnored',
  'futureAckIgnored',
  'noAckForUnacceptable',
  'windowRightEdgeIgnored',
  'closeUnreadSendsFin',
  'noSimultaneousOpen',
  'halfCloseDropsData',
  'rtxNeverGivesUp',
  'rtoNoBackoff',
  'constantIsn',
  'closeWaitToClosing',
  'passiveCloserTimeWait',
  'synSentRstNoAckAccepted',
  'synSentAckIssAccepted',
  'synReceivedBadAckIgnored',
  'abortNoRst',
  'delayedAckTooLong',
  'eofNotReported',
] as const;

export type MutantId = (typeof MUTANT_IDS)[number];

export interface Mutant {
  id: MutantId;
  /** What the bug does, in a sentence. */
  summary: string;
  /** The rule it breaks (ids as in models/rules.ts) and what that rule says. */
  rule: string;
  ruleSummary: string;
  citation: string;
  /** Profiles under which the bug is a divergence (where the broken rule exists). */
  profiles: readonly ('rfc793' | 'rfc9293')[];
  /** Number of inputs in the shortest counterexample. */
  minimalLength: number;
  /** One shortest counterexample; its last input is where the mutant's observation first differs. */
  minimal: Input[];
  /** How the length was worked out, or what detecting it needs. */
  note?: string;
}

// ---- building blocks for the minimal sequences
const activeOpen: Input = { kind: 'call', call: 'open', mode: 'active' };
const passiveOpen: Input = { kind: 'call', call: 'open', mode: 'passive' };
const close: Input = { kind: 'call', call: 'close' };
const closeHalfDuplex: Input = { kind: 'call', call: 'close', mode: 'halfDuplex' };
const abort: Input = { kind: 'call', call: 'abort' };
const receive: Input = { kind: 'call', call: 'receive' };
const wait = (ms: number): Input => ({ kind: 'wait', ms });
function seg(ctl: number, seq: [SeqBase, number], ack?: [AckBase, number], data?: string): Input {
  const s: Input = { kind: 'segment', segment: { ctl, seq: { from: seq[0], delta: seq[1] } } };
  if (ack) s.segment.ack = { from: ack[0], delta: ack[1] };
  if (data !== undefined) s.segment.data = data;
  return s;
}
/** The peer's SYN (passive open, or simultaneous open). */
const peerSyn = seg(SYN, ['peerIss', 0]);
/** The peer's SYN,ACK acknowledging our SYN. */
const peerSynAck = seg(SYN | ACK, ['peerIss', 0], ['iss', 1]);
/** The peer's SYN,ACK with its FIN on it: we go straight to CLOSE-WAIT. */
const peerSynAckFin = seg(SYN | ACK | FIN, ['peerIss', 0], ['iss', 1]);
/** The peer's FIN acknowledging everything we sent (including our FIN). */
const peerFinAckAll = seg(FIN | ACK, ['rcvNxt', 0], ['sndNxt', 0]);
const peerAckAll = seg(ACK, ['rcvNxt', 0], ['sndNxt', 0]);

const BOTH = ['rfc793', 'rfc9293'] as const;
const RFC9293 = ['rfc9293'] as const;

export const MUTANTS: readonly Mutant[] = [
  {
    id: 'noTimeWait',
    summary: 'the active closer deletes the TCB where it should enter TIME-WAIT',
    rule: 'fin.finWait1.acked',
    ruleSummary: 'a FIN that arrives after our FIN was acknowledged leads to TIME-WAIT for 2MSL',
    citation: 'RFC 793 §3.9 p.75; RFC 9293 §3.10.7.4 (eighth), §3.6 Figure 12',
    profiles: BOTH,
    minimalLength: 4,
    minimal: [activeOpen, peerSynAck, close, peerFinAckAll],
    note: "TIME-WAIT needs our FIN (OPEN, SYN,ACK, CLOSE) and then the peer's FIN: four inputs.",
  },
  {
    id: 'timeWaitNoRestart',
    summary: 'a retransmitted FIN in TIME-WAIT is acknowledged but the 2MSL timer is not restarted',
    rule: 'timeWait.finRetransmitted',
    ruleSummary: "a retransmission of the peer's FIN in TIME-WAIT is acknowledged again and restarts 2MSL",
    citation: 'RFC 793 §3.9 p.73, p.76; RFC 9293 §3.10.7.4 (fifth, eighth)',
    profiles: BOTH,
    minimalLength: 7,
    minimal: [
      activeOpen,
      peerSynAck,
      close,
      peerFinAckAll,
      wait(1000),
      seg(FIN | ACK, ['rcvNxt', -1], ['sndNxt', 0]),
      wait(239000),
    ],
    note: 'TIME-WAIT (4), time must pass before the retransmitted FIN or the restart changes nothing (5), the FIN (6), and a wait past the original expiry (7).',
  },
  {
    id: 'timeWaitTooShort',
    summary: 'TIME-WAIT lasts one MSL (120 s) instead of two',
    rule: 'timeout.timeWait',
    ruleSummary: 'the TCB is deleted exactly 2MSL = 240 s after TIME-WAIT was entered',
    citation: 'RFC 793 §3.9 p.77, p.28; RFC 9293 §3.10.8, §3.4.1',
    profiles: BOTH,
    minimalLength: 5,
    minimal: [activeOpen, peerSynAck, close, peerFinAckAll, wait(120000)],
  },
  {
    id: 'synNotCounted',
    summary: "the peer's SYN is not counted in its sequence space: RCV.NXT = SEG.SEQ, so SYN,ACK carries ACK=IRS",
    rule: 'listen.syn',
    ruleSummary: 'a SYN in LISTEN sets RCV.NXT to SEG.SEQ+1 and is answered <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>',
    citation: 'RFC 793 §3.9 p.66, §3.3 p.26; RFC 9293 §3.10.7.2, §3.4',
    profiles: BOTH,
    minimalLength: 2,
    minimal: [passiveOpen, peerSyn],
  },
  {
    id: 'finAckOffByOne',
    summary: "RCV.NXT is not advanced over the peer's FIN, so its ACK is one short",
    rule: 'fin.closeWait',
    ruleSummary: "the peer's FIN advances RCV.NXT by one and is acknowledged; ESTABLISHED becomes CLOSE-WAIT",
    citation: 'RFC 793 §3.9 p.75; RFC 9293 §3.10.7.4 (eighth), §3.4 (FIN occupies one sequence number)',
    profiles: BOTH,
    minimalLength: 2,
    minimal: [activeOpen, peerSynAckFin],
    note: 'The FIN may ride on the SYN,ACK (RFC 9293 §3.10.7.3: other controls continue at the sixth step); with a separate FIN it takes 3.',
  },
  {
    id: 'passiveRstCloses',
    summary: 'a RST in a passively opened SYN-RECEIVED goes to CLOSED instead of back to LISTEN',
    rule: 'rst.synReceived.passive',
    ruleSummary: 'a RST on a passively opened SYN-RECEIVED connection returns it to LISTEN',
    citation: 'RFC 793 §3.9 p.70; RFC 9293 §3.10.7.4 (second), §3.5 Figure 8 and Figure 11',
    profiles: BOTH,
    minimalLength: 3,
    minimal: [passiveOpen, peerSyn, seg(RST, ['rcvNxt', 0])],
  },
  {
    id: 'finWait1FinAckToClosing',
    summary: 'in FIN-WAIT-1 a FIN that also acknowledges our FIN leads to CLOSING instead of TIME-WAIT',
    rule: 'fin.finWait1.acked',
    ruleSummary: 'a FIN in FIN-WAIT-1 that acknowledges our FIN goes straight to TIME-WAIT',
    citation: 'RFC 793 §3.9 p.75; RFC 9293 §3.10.7.4 (eighth)',
    profiles: BOTH,
    minimalLength: 4,
    minimal: [activeOpen, peerSynAck, close, peerFinAckAll],
  },
  {
    id: 'simultaneousCloseSkipsClosing',
    summary: 'in FIN-WAIT-1 a FIN that does not acknowledge our FIN leads to TIME-WAIT instead of CLOSING',
    rule: 'fin.finWait1',
    ruleSummary: 'a FIN in FIN-WAIT-1 before our FIN is acknowledged is a simultaneous close: CLOSING',
    citation: 'RFC 793 §3.9 p.75; RFC 9293 §3.10.7.4 (eighth), §3.6 Figure 13',
    profiles: BOTH,
    minimalLength: 4,
    minimal: [activeOpen, peerSynAck, close, seg(FIN | ACK, ['rcvNxt', 0], ['sndUna', 0])],
  },
  {
    id: 'listenAckNoRst',
    summary: 'an ACK arriving in LISTEN is dropped instead of answered with <SEQ=SEG.ACK><CTL=RST>',
    rule: 'listen.ack',
    ruleSummary: 'any ACK in LISTEN is bad: reset <SEQ=SEG.ACK><CTL=RST>, stay in LISTEN',
    citation: 'RFC 793 §3.9 p.65; RFC 9293 §3.10.7.2',
    profiles: BOTH,
    minimalLength: 2,
    minimal: [passiveOpen, seg(ACK, ['peerIss', 0], ['iss', 1])],
  },
  {
    id: 'listenRstCloses',
    summary: 'a RST arriving in LISTEN closes the listener instead of being ignored',
    rule: 'listen.rst',
    ruleSummary: 'a RST in LISTEN is ignored',
    citation: 'RFC 793 §3.9 p.65; RFC 9293 §3.10.7.2',
    profiles: BOTH,
    minimalLength: 2,
    minimal: [passiveOpen, seg(RST, ['peerIss', 0])],
  },
  {
    id: 'closedRstAnswered',
    summary: 'a RST for a connection that does not exist is answered with another RST',
    rule: 'closed.rst',
    ruleSummary: 'a RST arriving where no connection exists is discarded',
    citation: 'RFC 793 §3.9 p.65, §3.4 p.36; RFC 9293 §3.10.7.1',
    profiles: BOTH,
    minimalLength: 1,
    minimal: [seg(RST, ['peerIss', 0])],
  },
  {
    id: 'rstSeqNotFromAck',
    summary: 'a reset answering an ACK-bearing segment uses <SEQ=0><CTL=RST,ACK> instead of <SEQ=SEG.ACK><CTL=RST>',
    rule: 'closed.ack',
    ruleSummary: 'a segment with ACK for no connection gets <SEQ=SEG.ACK><CTL=RST>',
    citation: 'RFC 793 §3.9 p.65, §3.4 p.36; RFC 9293 §3.10.7.1, §3.5.2',
    profiles: BOTH,
    minimalLength: 1,
    minimal: [seg(ACK, ['peerIss', 0], ['iss', 1])],
  },
  {
    id: 'rstInWindowAccepted',
    summary: 'any RST inside the window resets the connection (RFC 793), where RFC 5961 asks for a challenge ACK',
    rule: 'rst.challenge',
    ruleSummary: 'a RST in the window but not exactly at RCV.NXT gets a challenge ACK and is dropped',
    citation: 'RFC 9293 §3.10.7.4 (second); RFC 5961 §3.2',
    profiles: RFC9293,
    minimalLength: 3,
    minimal: [activeOpen, peerSynAck, seg(RST, ['rcvNxt', 1])],
  },
  {
    id: 'synResetsConnection',
    summary: 'a SYN in the window of an ESTABLISHED connection resets it (RFC 793) instead of drawing a challenge ACK',
    rule: 'syn.challenge',
    ruleSummary: 'any SYN on a synchronized connection gets a challenge ACK and is dropped',
    citation: 'RFC 9293 §3.10.7.4 (fourth); RFC 5961 §4.2',
    profiles: RFC9293,
    minimalLength: 3,
    minimal: [activeOpen, peerSynAck, seg(SYN, ['rcvNxt', 0])],
  },
  {
    id: 'tooOldAckIgnored',
    summary: 'an ACK older than SND.UNA-MAX.SND.WND is ignored like a duplicate instead of drawing a challenge ACK',
    rule: 'ack.tooOld',
    ruleSummary: 'an ACK below SND.UNA-MAX.SND.WND gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and is dropped',
    citation: 'RFC 9293 §3.10.7.4 (fifth, MAY-12); RFC 5961 §5.2',
    profiles: RFC9293,
    minimalLength: 3,
    minimal: [activeOpen, peerSynAck, seg(ACK, ['rcvNxt', 0], ['sndUna', -10000])],
    note: 'The peer window in the minimal sequence is the default 8192, so SND.UNA-10000 is too old.',
  },
  {
    id: 'futureAckIgnored',
    summary: 'an ACK of data not yet sent (SEG.ACK > SND.NXT) is dropped silently instead of answered with an ACK',
    rule: 'ack.future',
    ruleSummary: 'an ACK of something not yet sent gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and is dropped',
    citation: 'RFC 793 §3.9 p.72; RFC 9293 §3.10.7.4 (fifth)',
    profiles: BOTH,
    minimalLength: 3,
    minimal: [activeOpen, peerSynAck, seg(ACK, ['rcvNxt', 0], ['sndNxt', 1])],
  },
  {
    id: 'noAckForUnacceptable',
    summary: 'a segment failing the sequence test is dropped without the ACK that tells the peer what we expect',
    rule: 'seq.unacceptable',
    ruleSummary: 'an unacceptable segment (not RST) gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> and is dropped',
    citation: 'RFC 793 §3.9 p.69, §3.3 p.26; RFC 9293 §3.10.7.4 (first), §3.4',
    profiles: BOTH,
    minimalLength: 3,
    minimal: [activeOpen, peerSynAck, seg(ACK, ['rcvWndEdge', 0], ['sndNxt', 0])],
  },
  {
    id: 'windowRightEdgeIgnored',
    summary: 'the acceptability test checks only the left edge: segments beyond RCV.NXT+RCV.WND are taken in',
    rule: 'seq.unacceptable',
    ruleSummary: 'a segment wholly beyond the receive window is unacceptable: ACK it and drop it',
    citation: 'RFC 793 §3.3 p.26, §3.9 p.69; RFC 9293 §3.4 (Table 6), §3.10.7.4 (first)',
    profiles: BOTH,
    minimalLength: 3,
    minimal: [activeOpen, peerSynAck, seg(ACK, ['rcvWndEdge', 0], ['sndNxt', 0])],
  },
  {
    id: 'closeUnreadSendsFin',
    summary: 'a half-duplex close with unread received data sends FIN instead of RST',
    rule: 'close.halfDuplex.unread',
    ruleSummary: 'a half-duplex CLOSE with data still unread sends RST to show the data was lost: CLOSED',
    citation: 'RFC 9293 §3.6.1 (MAY-1, SHLD-3); RFC 1122 §4.2.2.13',
    profiles: RFC9293,
    minimalLength: 4,
    minimal: [activeOpen, peerSynAck, seg(ACK, ['rcvNxt', 0], ['sndNxt', 0], 'x'), closeHalfDuplex],
    note: 'Unread data needs a data segment after the handshake (text on a SYN is not generated).',
  },
  {
    id: 'noSimultaneousOpen',
    summary: 'a SYN without ACK in SYN-SENT is dropped: simultaneous open is not supported',
    rule: 'synSent.syn',
    ruleSummary: 'a SYN without ACK in SYN-SENT: send <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, SYN-RECEIVED',
    citation: 'RFC 793 §3.9 p.68, §3.4 Figure 8; RFC 9293 §3.10.7.3, §3.5 Figure 7 (MUST-10)',
    profiles: BOTH,
    minimalLength: 2,
    minimal: [activeOpen, peerSyn],
  },
  {
    id: 'halfCloseDropsData',
    summary: 'after our CLOSE, data from the peer is ignored as if it had closed: the half-close loses data',
    rule: 'text.accept',
    ruleSummary: 'in FIN-WAIT-1 and FIN-WAIT-2 in-order text is still accepted and acknowledged',
    citation: 'RFC 793 §3.9 p.74; RFC 9293 §3.10.7.4 (seventh), §3.6',
    profiles: BOTH,
    minimalLength: 4,
    minimal: [activeOpen, peerSynAck, close, seg(FIN | ACK, ['rcvNxt', 0], ['sndNxt', 0], 'x')],
    note: 'With a FIN behind the data the difference shows at once: the correct endpoint ACKs data and FIN.',
  },
  {
    id: 'rtxNeverGivesUp',
    summary: 'no user timeout: an unacknowledged SYN is retransmitted for ever',
    rule: 'timeout.user',
    ruleSummary: 'data unacknowledged for the user timeout (300 s) aborts the connection: CLOSED, no segment',
    citation: 'RFC 793 §3.9 p.77; RFC 9293 §3.10.8, §3.8.3 (R2)',
    profiles: BOTH,
    minimalLength: 2,
    minimal: [activeOpen, wait(300000)],
  },
  {
    id: 'rtoNoBackoff',
    summary: 'the retransmission timer is not backed off: every retransmission comes 1 s after the last',
    rule: 'timeout.retransmission',
    ruleSummary: 'the n-th retransmission waits at least min(1000·2^n, 120000) ms',
    citation: 'RFC 793 §3.9 p.77; RFC 9293 §3.10.8, §3.8.1; RFC 6298 §5.5',
    profiles: BOTH,
    minimalLength: 2,
    minimal: [activeOpen, wait(2000)],
  },
  {
    id: 'constantIsn',
    summary: 'the ISN ignores the clock and the connection: every connection of a run starts at the same number',
    rule: 'open.active',
    ruleSummary: 'each connection picks a fresh ISS from a clock plus a keyed hash, so ISNs are not predictable',
    citation: 'RFC 793 §3.3 p.27; RFC 9293 §3.4.1 (MUST-8); RFC 6528',
    profiles: BOTH,
    minimalLength: 3,
    minimal: [activeOpen, close, activeOpen],
    note: 'Lockstep checking cannot see it (an IUT chooses its ISS freely); it needs the property that two connections of a run do not share an ISN.',
  },
  {
    id: 'closeWaitToClosing',
    summary: 'CLOSE in CLOSE-WAIT enters CLOSING (the RFC 793 text before its erratum) instead of LAST-ACK',
    rule: 'close.closeWait',
    ruleSummary: 'CLOSE in CLOSE-WAIT sends FIN after the queued data and enters LAST-ACK',
    citation: 'RFC 793 §3.9 p.61 (erratum); RFC 9293 §3.10.4',
    profiles: BOTH,
    minimalLength: 3,
    minimal: [activeOpen, peerSynAckFin, close],
  },
  {
    id: 'passiveCloserTimeWait',
    summary: 'the passive closer enters TIME-WAIT when its FIN is acknowledged in LAST-ACK',
    rule: 'lastAck.finAcked',
    ruleSummary: 'when our FIN is acknowledged LAST-ACK deletes the TCB: CLOSED, no TIME-WAIT',
    citation: 'RFC 793 §3.9 p.73; RFC 9293 §3.10.7.4 (fifth), §3.6 Figure 12',
    profiles: BOTH,
    minimalLength: 4,
    minimal: [activeOpen, peerSynAckFin, close, peerAckAll],
  },
  {
    id: 'synSentRstNoAckAccepted',
    summary: 'a RST without ACK in SYN-SENT aborts the connection attempt',
    rule: 'synSent.rst.noAck',
    ruleSummary: 'in SYN-SENT a RST is believed only when it acknowledges our SYN; otherwise it is dropped',
    citation: 'RFC 793 §3.9 p.67; RFC 9293 §3.10.7.3',
    profiles: BOTH,
    minimalLength: 2,
    minimal: [activeOpen, seg(RST, ['peerIss', 0])],
  },
  {
    id: 'synSentAckIssAccepted',
    summary:
      'SYN-SENT tests SEG.ACK < ISS instead of SEG.ACK =< ISS: a SYN,ACK acknowledging nothing is taken in instead of reset',
    rule: 'synSent.ackUnacceptable',
    ruleSummary: 'in SYN-SENT an ACK outside ISS < SEG.ACK =< SND.NXT gets <SEQ=SEG.ACK><CTL=RST>',
    citation: 'RFC 793 §3.9 p.66; RFC 9293 §3.10.7.3',
    profiles: BOTH,
    minimalLength: 2,
    minimal: [activeOpen, seg(SYN | ACK, ['peerIss', 0], ['iss', 0])],
  },
  {
    id: 'synReceivedBadAckIgnored',
    summary: 'an unacceptable ACK in SYN-RECEIVED is dropped instead of answered with a reset',
    rule: 'synReceived.ackUnacceptable',
    ruleSummary: 'in SYN-RECEIVED an ACK outside SND.UNA < SEG.ACK =< SND.NXT gets <SEQ=SEG.ACK><CTL=RST>',
    citation: 'RFC 793 §3.9 p.72; RFC 9293 §3.10.7.4 (fifth)',
    profiles: BOTH,
    minimalLength: 3,
    minimal: [passiveOpen, peerSyn, seg(ACK, ['rcvNxt', 0], ['sndNxt', 1])],
  },
  {
    id: 'abortNoRst',
    summary: 'ABORT on an established connection deletes the TCB without telling the peer',
    rule: 'abort.reset',
    ruleSummary: 'ABORT sends <SEQ=SND.NXT><CTL=RST> and enters CLOSED',
    citation: 'RFC 793 §3.9 p.62; RFC 9293 §3.10.5',
    profiles: BOTH,
    minimalLength: 3,
    minimal: [activeOpen, peerSynAck, abort],
  },
  {
    id: 'delayedAckTooLong',
    summary: 'the delayed ACK waits 600 ms, beyond the 500 ms the RFC allows',
    rule: 'timeout.delayedAck',
    ruleSummary: 'an ACK for in-order data may be delayed, but by less than 0.5 s',
    citation: 'RFC 9293 §3.8.6.3 (MUST-40); RFC 1122 §4.2.3.2',
    profiles: BOTH,
    minimalLength: 4,
    minimal: [activeOpen, peerSynAck, seg(ACK, ['rcvNxt', 0], ['sndNxt', 0], 'x'), wait(500)],
  },
  {
    id: 'eofNotReported',
    summary: 'RECEIVE after the peer\'s FIN with nothing left answers with no data instead of "connection closing"',
    rule: 'receive.eof',
    ruleSummary: 'in CLOSE-WAIT with nothing left to read, RECEIVE answers "connection closing"',
    citation: 'RFC 793 §3.9 p.59; RFC 9293 §3.10.3',
    profiles: BOTH,
    minimalLength: 3,
    minimal: [activeOpen, peerSynAckFin, receive],
  },
];

const BY_ID = new Map<string, Mutant>(MUTANTS.map((m) => [m.id, m]));

export function findMutant(id: string): Mutant | undefined {
  return BY_ID.get(id);
}

/** The id, checked: an unknown one is an error that lists the valid ids. */
export function checkMutant(id: string): MutantId {
  if (BY_ID.has(id)) return id as MutantId;
  throw new Error(`unknown mutant "${id}"; valid mutants are: ${MUTANT_IDS.join(', ')}`);
}
