// The Transmission Control Block (RFC 793 §3.2 p.19-21; RFC 9293 §3.3.1), plus the few things the model
// needs to know about the user and the clock. Every field is a primitive or an immutable value, so a TCB is
// copied with a spread and never shared mutably between outcomes.
import { State } from './state';

/** A segment held for later processing because it arrived ahead of RCV.NXT (RFC 9293 §3.10.7.4, 7th). */
export interface HeldSegment {
  readonly seq: number;
  readonly data: string;
  readonly fin: boolean;
}

export interface Tcb {
  state: State;
  /** Opened by a passive OPEN: SYN-RECEIVED returns to LISTEN on RST (RFC 793 p.70; RFC 9293 §3.10.7.4). */
  passive: boolean;

  // Send sequence variables (RFC 9293 §3.3.1)
  iss: number;
  sndUna: number;
  sndNxt: number;
  sndWnd: number;
  sndWl1: number;
  sndWl2: number;
  /** Largest window the peer ever offered: RFC 5961 §5's MAX.SND.WND. */
  maxSndWnd: number;
  /** The peer's MSS option, 536 when it announced none (RFC 9293 §3.7.1). */
  sndMss: number;

  // Receive sequence variables
  irs: number;
  rcvNxt: number;
  /** The window the IUT last advertised. */
  rcvWnd: number;
  /** The largest window the IUT ever advertised: its receive buffer is at least this big. */
  rcvWndMax: number;
  /** The window-scale shift the IUT's own SYN offered (RFC 7323 §2.2), learnt from that SYN; null: none. */
  offeredShift: number | null;
  /** Rcv.Wind.Shift (RFC 7323 §2.2): the Window field of the IUT's non-SYN segments is RCV.WND >> this. 0,
   *  since the tester never offers scaling, unless the IUT scales anyway ('simultaneousOpenKeepsShift'). */
  rcvWindShift: number;

  // Queues
  /** SEND data not yet transmitted. */
  sendQueue: string;
  /** Data transmitted and not yet acknowledged: the retransmission queue, as bytes from SND.UNA. */
  unacked: string;
  /** Lengths of the data segments in `unacked` as they were first sent (the retransmission queue's entries). */
  unackedSegs: readonly number[];
  /** Octets of the front entry of the retransmission queue that are already acknowledged (an
   *  implementation that keeps whole segments sends them again with the rest; 'rtoResendsFlight'). */
  unackedHead: string;
  /** CLOSE was called; the FIN goes out once the send queue is empty. */
  finQueued: boolean;
  /** Our FIN has been sent: it occupies the sequence number SND.NXT-1. */
  finSent: boolean;
  /** Our FIN went out in a segment of its own, not on the last data segment (the retransmission queue's
   *  last entry is then the FIN alone). */
  finAlone: boolean;
  /** Data received in order, not yet RECEIVEd by the user. */
  rcvQueue: string;
  /** Data received ahead of RCV.NXT and held. */
  held: readonly HeldSegment[];
  /** A half-duplex CLOSE was called: no more RECEIVEs; arriving data is answered with RST. */
  receiveClosed: boolean;

  // The clock and the timers: each timer is a window [lo, hi] of absolute virtual time in which it fires.
  now: number;
  rtxLo: number | null;
  rtxHi: number | null;
  /** How many times the retransmission timer has fired since SND.UNA last advanced. */
  rtxCount: number;
  utLo: number | null;
  utHi: number | null;
  twLo: number | null;
  twHi: number | null;
  /** A delayed ACK is owed, at the latest by this time. */
  ackDue: number | null;
  /** Connections this endpoint has opened so far (an ISN generator's input). */
  incarnation: number;
  /** The ISS of the previous connection, which a new one must not reuse (RFC 9293 §3.4.1). */
  lastIss: number | null;
  /** What an implementation profile keeps beside the RFC's TCB, typed in the profile's own file
   *  (profileState below); empty under the RFC profiles. */
  ext: ProfileState;
}

/** A profile's own TCB state: flat values, replaced and never changed in place, so that a copy of the TCB can
 *  share it. A key not set holds its default. */
export type ProfileState = Readonly<Record<string, number | boolean | string | null>>;

const NO_STATE: ProfileState = Object.freeze({});

/**
 * Typed access to a profile's own TCB state, declared in the profile's file with the defaults of its fields:
 * `const lw = profileState<LwipState>({ rtoWild: false })`, then `lw.get(t, 'rtoWild')` and
 * `lw.set(t, { rtoWild: true })`.
 */
export function profileState<S extends { [K in keyof S]: number | boolean | string | null }>(defaults: S) {
  return {
    get<K extends keyof S & string>(t: Tcb, k: K): S[K] {
      const v = t.ext[k];
      return (v === undefined ? defaults[k] : v) as S[K];
    },
    set(t: Tcb, patch: Partial<S>): void {
      t.ext = { ...t.ext, ...patch };
    },
  };
}

/** No connection: the CLOSED state is the absence of a TCB (RFC 9293 §3.3.2); these are its zero values. */
export function closedTcb(now = 0, incarnation = 0, lastIss: number | null = null): Tcb {
  return {
    state: 'Closed',
    passive: false,
    iss: 0,
    sndUna: 0,
    sndNxt: 0,
    sndWnd: 0,
    sndWl1: 0,
    sndWl2: 0,
    maxSndWnd: 0,
    sndMss: 536,
    irs: 0,
    rcvNxt: 0,
    rcvWnd: 0,
    rcvWndMax: 0,
    offeredShift: null,
    rcvWindShift: 0,
    sendQueue: '',
    unacked: '',
    unackedSegs: [],
    unackedHead: '',
    finQueued: false,
    finSent: false,
    finAlone: false,
    rcvQueue: '',
    held: [],
    receiveClosed: false,
    now,
    rtxLo: null,
    rtxHi: null,
    rtxCount: 0,
    utLo: null,
    utHi: null,
    twLo: null,
    twHi: null,
    ackDue: null,
    incarnation,
    lastIss,
    ext: NO_STATE,
  };
}

/** A copy of a TCB. Spelled out field by field: the hot path copies a TCB per outcome, and a literal of one
 *  fixed shape is much cheaper for V8 than a spread (the type checker catches a forgotten field). */
export function copyTcb(t: Tcb): Tcb {
  return {
    state: t.state,
    passive: t.passive,
    iss: t.iss,
    sndUna: t.sndUna,
    sndNxt: t.sndNxt,
    sndWnd: t.sndWnd,
    sndWl1: t.sndWl1,
    sndWl2: t.sndWl2,
    maxSndWnd: t.maxSndWnd,
    sndMss: t.sndMss,
    irs: t.irs,
    rcvNxt: t.rcvNxt,
    rcvWnd: t.rcvWnd,
    rcvWndMax: t.rcvWndMax,
    offeredShift: t.offeredShift,
    rcvWindShift: t.rcvWindShift,
    sendQueue: t.sendQueue,
    unacked: t.unacked,
    unackedSegs: t.unackedSegs,
    unackedHead: t.unackedHead,
    finQueued: t.finQueued,
    finSent: t.finSent,
    finAlone: t.finAlone,
    rcvQueue: t.rcvQueue,
    held: t.held,
    receiveClosed: t.receiveClosed,
    now: t.now,
    rtxLo: t.rtxLo,
    rtxHi: t.rtxHi,
    rtxCount: t.rtxCount,
    utLo: t.utLo,
    utHi: t.utHi,
    twLo: t.twLo,
    twHi: t.twHi,
    ackDue: t.ackDue,
    incarnation: t.incarnation,
    lastIss: t.lastIss,
    ext: t.ext,
  };
}

/** Two TCBs that no later input can tell apart: every field equal (the arrays element by element). Cheaper
 *  than comparing serialisations, on the hot path where outcomes are de-duplicated. */
export function sameTcb(a: Tcb, b: Tcb): boolean {
  for (const k in a) {
    const x = a[k as keyof Tcb];
    const y = b[k as keyof Tcb];
    if (x === y) continue;
    if (k === 'ext') {
      if (!sameState(x as ProfileState, y as ProfileState)) return false;
      continue;
    }
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        const u = x[i];
        const v = y[i];
        if (u === v) continue;
        if (typeof u !== 'object' || typeof v !== 'object' || u === null || v === null) return false;
        const hu = u as { seq: number; data: string; fin: boolean };
        const hv = v as { seq: number; data: string; fin: boolean };
        if (hu.seq !== hv.seq || hu.data !== hv.data || hu.fin !== hv.fin) return false;
      }
      continue;
    }
    return false;
  }
  return true;
}

function sameState(a: ProfileState, b: ProfileState): boolean {
  for (const k in a) if (a[k] !== b[k]) return false;
  for (const k in b) if (!(k in a)) return false;
  return true;
}
