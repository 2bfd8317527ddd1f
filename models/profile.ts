// Profiles: named sets of cited overrides on the one model (docs/design.md §1). A profile never forks the model:
// it switches features (which select rules), sets timer parameters and may add cited rules of its own.
import { Feature, Rule } from './rule';
import { RULES } from './rules';
import type { CatalogueRuleId } from './rules';
import { ConcreteInput, UserCall } from './input';
import type { Draft } from './outcome';
import type { RuleId } from './profiles';
import { Segment } from './segment';
import { Tcb } from './tcb';
import type { ProfileTimer } from './timer-table';

export interface ProfileParams {
  /** The n-th retransmission fires between min(rtoInitial·2^n, rtoMax) and rtoMax ms after the last send. */
  rtoInitial: number;
  rtoMax: number;
  /** Once an RTT has been measured (our SYN acknowledged), the floor that replaces rtoInitial in the rule
   *  above (RFC 6298 §2.4 rounds a computed RTO up to 1 s, a SHOULD); absent: rtoInitial. */
  rtoMin?: number;
  /** TIME-WAIT lasts between these (2·MSL). */
  timeWaitLo: number;
  timeWaitHi: number;
  /** User timeout window, from the first transmission of the oldest unacknowledged segment; null: none. */
  userTimeoutLo: number | null;
  userTimeoutHi: number | null;
  /** Give up after this many retransmissions of data (and of a SYN), at the next expiry; null: no limit. */
  maxRetransmissions?: { data: number; syn: number } | null;
  /** Where an ACK that acknowledges nothing new still feeds the RTT estimate (a bug): the ceiling the RTO
   *  may then reach, in ms. */
  rtoWildMax?: number;
  /** With maxRetransmissions: the connection is given up within this many ms of the last allowed
   *  retransmission (a periodic timer's next check), not when the retransmission timer runs out again. */
  giveUpWithin?: number;
  /** The n-th retransmission's earliest time is rtoInitial · factor[n] (last factor repeats); default 2^n. */
  rtoBackoff?: readonly number[];
  /** FIN-WAIT-2 after a half-duplex CLOSE ends in CLOSED after this window; null/absent: lasts forever. */
  finWait2TimeoutLo?: number | null;
  finWait2TimeoutHi?: number | null;
  /** SYN-RECEIVED ends silently after this window since the last segment arrived; null/absent: no such timer. */
  synReceivedTimeoutLo?: number | null;
  synReceivedTimeoutHi?: number | null;
  /** LAST-ACK is given up (aborted, no segment) after this window since the last segment that arrived (not a RST
   *  or SYN, and only while receiving is open); null/absent: no such timer. */
  /** After a half-duplex CLOSE, the FIN-WAIT-2 and TIME-WAIT windows count from the last segment that arrived
   *  before it (not a RST, nor a SYN in a synchronized state), not from entering the state. */
  closedTimersFromLastArrival?: boolean;
  lastAckTimeoutLo?: number | null;
  lastAckTimeoutHi?: number | null;
  /** Data queued in SYN-SENT is cut into segments of this size when queued, whatever MSS the peer then announces
   *  (absent: segments are cut at sending time by the send MSS). */
  presegmentMss?: number;
  /** With presegmentMss: a segment so cut that exceeds the initial congestion window (RFC 5681 §3.1) is never
   *  sent while nothing is in flight. */
  presegmentStalls?: boolean;
  /** Implementation behaviour (absent/null: the RFC's, data queued in SYN-SENT waits for ESTABLISHED, §3.10.2):
   *  once a retransmission timeout has fired in SYN-SENT, every SYN sent again is followed by the queued data,
   *  without ACK, up to this many octets past ISS; only an ACK of exactly ISS+1 is then acceptable. */
  synSentDataWindow?: number | null;
  /** The SYN is retransmitted at a fixed RTO, without back-off (absent: it backs off like data). */
  synRtoFixed?: boolean;
  /** In SYN-SENT, after the reset answering an unacceptable ACK, the SYN is sent again within this many ms when
   *  it was not yet retransmitted (absent: the retransmission timer keeps its course). */
  synRetryAfterBadAck?: number;
  /** The send MSS is never below this, whatever MSS the peer announced (absent: the peer's MSS rules). */
  sndMssMin?: number;
  /** A delayed ACK goes out at most this long after the segment it acknowledges. */
  delayedAckMax: number;
  /** The receive buffer the model uses when it plays the IUT itself. */
  rcvBuffer: number;
  /** The MSS the model announces when it plays the IUT itself. */
  mss: number;
}

/** One cited departure from the profile this one extends. */
export interface Override {
  what: string;
  because: string;
  cite: string;
  /** 'choice': the RFC leaves room or the departure is deliberate; 'bug': a violation tolerated so the rest
   *  can be checked, written up in docs/. */
  kind?: 'choice' | 'bug';
  /** What the override switches on (features the base lacks) or off (features of the base the profile drops),
   *  and which parameters it sets: so that `tcpconform diff` can take one override away at a time and show the
   *  counterexample that needs it. */
  features?: readonly Feature[];
  params?: Partial<ProfileParams>;
  /** Where the override cannot be taken away (an input the IUT crashes on, say): where its evidence is. */
  evidence?: string;
}

/** The profile without one of its overrides: its features off, its parameters back to the base profile's. */
export function withoutOverride(p: Profile, o: Override, base: Profile): Profile {
  const features = new Set(p.features);
  // An override's features are those it switches relative to the base: on (not in the base) or off (in the base).
  for (const f of o.features ?? [])
    if (base.features.has(f)) features.add(f);
    else features.delete(f);
  const params: ProfileParams = { ...p.params };
  for (const k of Object.keys(o.params ?? {}) as (keyof ProfileParams)[])
    (params as unknown as Record<string, unknown>)[k] = base.params[k];
  return {
    ...p,
    name: `${p.name}-without-${o.what.slice(0, 20)}`,
    features,
    params,
    overrides: p.overrides.filter((x) => x !== o),
  };
}

/**
 * An implementation profile's replacements of steps of the RFC's procedure (docs/design.md §7). Each lives in
 * the profile's own files, is switched on by the profile's features (so that `diff` can take it away) and
 * returns null, or leaves the outcomes as they are, where the RFC's step applies.
 */
/** The send state a SYN found in SYN-SENT, before the model took the peer's values from it. */
export type SynSentSendState = Pick<Tcb, 'sndMss' | 'sndWnd' | 'sndWl1' | 'sndWl2' | 'maxSndWnd'>;

/** Where an implementation departs from SEGMENT ARRIVES in SYN-SENT (RFC 9293 §3.10.7.3), in its order. */
export interface SynSentVariations {
  /** Before the checks. */
  arrives?: (d: Draft, seg: Segment) => void;
  /** The first check, the profile's own test of SEG.ACK (and of a RST's): null for the RFC's. */
  ackAcceptable?: (d: Draft, seg: Segment) => boolean | null;
  /** After the reset that answers an unacceptable ACK. */
  resetSent?: (d: Draft) => void;
  /** After an unacceptable ACK was answered (with a reset or, for a RST, with nothing). */
  ackRefused?: (d: Draft) => void;
  /** The SYN,ACK is accepted; `sndMssBefore` is the send MSS the queued data was cut by until now. */
  synAck?: (d: Draft, sndMssBefore: number) => void;
  /** An acceptable ACK without SYN or RST, which the RFC drops: the outcomes, or null for the RFC's. */
  ackWithoutSyn?: (d: Draft, seg: Segment) => Draft[] | null;
  /** The SYN,ACK completes the open: true where the retransmission count is kept, not reset. */
  synAckKeepsRtxCount?: (d: Draft) => boolean;
  /** Text or a FIN on the SYN,ACK: true where it is dropped, not processed. */
  synAckTextDropped?: (d: Draft) => boolean;
  /** A SYN without ACK (a simultaneous open): the outcomes, or null for the RFC's; `before` is the send
   *  state the SYN found. */
  synWithoutAck?: (d: Draft, seg: Segment, before: SynSentSendState) => Draft[] | null;
  /** The simultaneous open goes on to SYN-RECEIVED. */
  simultaneousOpen?: (d: Draft, seg: Segment) => void;
}

/** Where an implementation forms or times its segments otherwise than RFC 9293 §3.5.2, §3.8 and §3.10 do. */
export interface OutputVariations {
  /** Before the RFC's transmission of queued data: the outcomes where the profile sends something first (its
   *  own queue), or null. */
  transmitFirst?: (d: Draft) => Draft[] | null;
  /** The size of the next segment from the send queue, where the profile's differs from min(MSS, window);
   *  0 or less where nothing more goes now. */
  segmentSize?: (d: Draft, usable: number) => number | null;
  /** `size` octets of the send queue went out. */
  sentFromQueue?: (d: Draft, size: number) => void;
  /** The forms a retransmission may take, where the profile's differ from the RFC's. */
  retransmissionForms?: (d: Draft, seg: Segment) => Segment[] | null;
  /** A retransmission timeout: true where the profile resent on its own. */
  resendOnTimeout?: (d: Draft, seg: Segment) => boolean;
  /** True where the profile holds segments waiting to go. */
  waiting?: (d: Draft) => boolean;
  /** The retransmission queue is all acknowledged: true where the profile keeps an entry on it itself. */
  allAcked?: (d: Draft) => boolean;
  /** SEND queued data in SYN-SENT or SYN-RECEIVED, which the RFC holds until ESTABLISHED (§3.10.2). */
  queuedBeforeEstablished?: (d: Draft) => void;
  /** The SYN was sent again after a retransmission timeout in SYN-SENT. */
  synRetransmitted?: (d: Draft) => void;
  /** The latest an RTO can be, where the profile's differs from rtoMax; null for rtoMax. */
  rtoCeiling?: (d: Draft) => number | null;
  /** The reset answering a segment: true where the profile sent its own. */
  resetFor?: (d: Draft, seg: Segment) => boolean;
  /** <SEQ=SND.NXT><CTL=RST>: true where the profile sent its own. */
  reset?: (d: Draft) => boolean;
  /** The reset of ABORT or of a half-duplex CLOSE that loses data: true where the profile sent its own. */
  abortReset?: (d: Draft) => boolean;
  /** ABORT is about to remove a synchronized connection. */
  beforeRemoval?: (d: Draft) => void;
  /** The retransmission timer starts while idle: true where the retransmission count is kept. */
  idleTimerKeepsRtxCount?: (d: Draft) => boolean;
  /** A new connection's ISS: true where it may repeat the last one. */
  issMayRepeat?: (d: Draft) => boolean;
  /** A FIN alone while data is in flight: the outcome where it is held back, or null. */
  finHeldBack?: (d: Draft, sentSomething: boolean) => Draft | null;
  /** TIME-WAIT ends: true where the text nobody read stays with the socket. */
  timeWaitEndKeepsText?: (d: Draft) => boolean;
}

/** Where an implementation departs from SEGMENT ARRIVES in SYN-RECEIVED and the synchronized states (RFC 9293
 *  §3.10.7.4). A hook that returns outcomes replaces the RFC's processing from there; null leaves it. */
export interface SynchronizedVariations {
  /** SYN-RECEIVED, before the checks. */
  synReceivedArrives?: (d: Draft, seg: Segment) => Draft[] | null;
  /** More outcomes of a SYN,ACK that crossed ours (forked from the draft that completes the handshake). */
  crossedSynAck?: (crossed: Draft) => Draft[];
  /** A segment at the right edge of the window (with or without octets): the rule under which it passes, or null. */
  windowEdgePasses?: (d: Draft, seg: Segment) => RuleId | null;
  /** A segment whose text ends exactly at RCV.NXT (old, by the first check). */
  oldSegment?: (d: Draft, seg: Segment) => Draft[] | null;
  /** An acceptable segment without octets while the window is closed: its outcomes, to amend. */
  zeroWindowEmpty?: (outs: Draft[]) => void;
  /** A RST at a sequence number other than RCV.NXT: true where the profile takes it as exact (its rule fired). */
  rstExact?: (d: Draft, seg: Segment) => boolean;
  /** A segment that passes the sequence test in window `w` but ends past its right edge: true where the profile
   *  refuses it all the same (its rule fired). */
  endPastWindowRefused?: (d: Draft, seg: Segment, w: number) => boolean;
  /** A segment with ACK that fails the sequence test. */
  unacceptableWithAck?: (d: Draft, seg: Segment, wnd: number) => Draft[] | null;
  /** Text or a FIN without the ACK bit. */
  textWithoutAck?: (d: Draft, seg: Segment, wnd: number) => Draft[] | null;
  /** In an active SYN-RECEIVED, SEG.ACK = SND.UNA: true where it completes the handshake. */
  ackOfNothingCompletes?: (d: Draft) => boolean;
  /** In CLOSING or LAST-ACK a segment below RCV.NXT that does not acknowledge our FIN. */
  oldIgnoredInClosing?: (d: Draft, seg: Segment, wnd: number) => Draft[] | null;
  /** The handshake completed with a CLOSE queued and nothing to send before its FIN. */
  queuedCloseOnHandshake?: (d: Draft, seg: Segment, wnd: number) => Draft[] | null;
  /** A RST ends CLOSING or LAST-ACK. */
  resetWhileClosing?: (d: Draft) => void;
  /** The ACK that completes the handshake: true where the profile refuses it (its rules fired, its segments sent). */
  handshakeRefused?: (d: Draft) => boolean;
  /** A RST in SYN-RECEIVED: true where the profile answered it its own way. */
  resetInSynReceived?: (d: Draft) => boolean;
  /** A SYN returns a passive SYN-RECEIVED to LISTEN. */
  synBackToListen?: (d: Draft, seg: Segment) => void;
  /** The RFC 5961 §5.2 test of an old SEG.ACK, the profile's own: true where the ACK is too old (its rules
   *  fired), false where it passes, null for the RFC's test. */
  tooOldAck?: (d: Draft, seg: Segment) => boolean | null;
  /** An ACK of something not yet sent, answered and dropped as the RFC says: what else the profile does. */
  futureAck?: (d: Draft, seg: Segment) => void;
  /** An ACK of something not yet sent, once answered: true where the rest of the segment (text, FIN) is still
   *  processed, the ACK taken as acknowledging nothing. */
  futureAckGoesOn?: (d: Draft, seg: Segment) => boolean;
  /** LAST-ACK ends: true where the text nobody read stays with the socket. */
  closedKeepsText?: (d: Draft) => boolean;
  /** A reset deleted the TCB: what the profile does with the text nobody read (`unread`). */
  afterReset?: (d: Draft, unread: string) => void;
  /** After the peer's FIN, text that starts below RCV.NXT and runs past it. */
  overlapAfterFin?: (d: Draft, seg: Segment) => Draft[] | null;
  /** After a half-duplex CLOSE, text ahead of RCV.NXT: true where it waits like other out-of-order text. */
  aheadAfterCloseWaits?: (d: Draft) => boolean;
  /** After a half-duplex CLOSE, text at RCV.NXT, before the reset: the outcomes where it ends otherwise. */
  textAfterClose?: (d: Draft, data: string, fin: boolean, wnd: number, seg: Segment) => Draft[] | null;
  /** After a half-duplex CLOSE, a FIN without text ahead of RCV.NXT: the outcomes where it ends the connection. */
  finAheadAfterClose?: (d: Draft, seg: Segment) => Draft[] | null;
  /** Text ahead of RCV.NXT: true where its ACK was sent alone, at once. */
  outOfOrderAckedAlone?: (d: Draft) => boolean;
}

/** Where an implementation's own timers (Profile.timers) start and restart, and how it counts TIME-WAIT. */
export interface TimerStarts {
  /** A segment arrived in SYN-RECEIVED or a synchronized state, before it is processed. */
  arrived?: (d: Draft, seg: Segment) => void;
  /** The connection has just entered SYN-RECEIVED. */
  synReceived?: (d: Draft) => void;
  /** FIN-WAIT-2 with the receiving side closed: entered so, or closed there. */
  finWait2Closed?: (d: Draft) => void;
  /** The window of TIME-WAIT's 2·MSL as the profile counts it, or null for now + [timeWaitLo, timeWaitHi]. */
  timeWaitWindow?: (d: Draft) => [number, number] | null;
}

export interface Replacements {
  /** The implementation's own timers. */
  timers?: TimerStarts;
  /** SEGMENT ARRIVES in SYN-RECEIVED and the synchronized states. */
  synchronized?: SynchronizedVariations;
  /** Forming and timing segments. */
  output?: OutputVariations;
  /** SEGMENT ARRIVES in SYN-SENT. */
  synSent?: SynSentVariations;
  /** A user call, before the RFC's processing of it. */
  userCall?: (d: Draft, c: UserCall, iss: number) => Draft[] | null;
  /** SEGMENT ARRIVES, before the RFC's processing for the state the TCB is in. */
  segmentArrives?: (d: Draft, seg: Segment, iss: number) => Draft[] | null;
  /** The outcomes of SEGMENT ARRIVES as the implementation lets them out; `before` is the TCB the segment met. */
  afterSegment?: (drafts: Draft[], seg: Segment, before: Tcb) => Draft[];
  /** Every outcome of a step, last; `before` is the TCB the input met. */
  afterStep?: (drafts: Draft[], before: Tcb) => void;
}

/** A rule an implementation profile adds (docs/design.md §7). */
export interface ProfileRule extends Rule {
  /** The catalogue rules this rule stands in place of under the profile: for an input on which the RFC's procedure
   *  fires them, the profile fires this one instead; or rules the profile leaves no way to reach (its
   *  `unreachable`, whose reason names this rule). Absent where the rule adds what the RFC has no rule for, or
   *  amends a catalogue rule that still fires. */
  replaces?: readonly CatalogueRuleId[];
}

export interface Profile {
  name: string;
  summary: string;
  extends?: string;
  features: ReadonlySet<Feature>;
  params: ProfileParams;
  overrides: readonly Override[];
  /** Extra rules an implementation profile adds, each citing its source. */
  extraRules: readonly ProfileRule[];
  /** Rules of the one model that this profile's overrides leave no way to reach, with why: coverage reports
   *  them as unreachable instead of missing. */
  unreachable?: Readonly<Record<string, string>>;
  /**
   * Inputs the implementation is known to crash on (a bug, written up among the overrides): the reason, or
   * null. Generation leaves them out, since a crashed IUT can show nothing more.
   */
  crashesOn?: (t: Tcb, input: ConcreteInput) => string | null;
  /** The implementation's replacements of steps of the RFC's procedure. */
  replaces?: Replacements;
  /** Timers the implementation adds to the RFC's (models/timer-table.ts), in the order they are considered. */
  timers?: readonly ProfileTimer[];
}

/** The rules that are part of a profile: those whose feature switches it has. */
export function profileRules(p: Profile): Rule[] {
  return [...RULES, ...p.extraRules].filter(
    (r) =>
      (!r.requires || p.features.has(r.requires)) &&
      (!r.unless || !p.features.has(r.unless)) &&
      (!r.when || r.when(p.params)),
  );
}
