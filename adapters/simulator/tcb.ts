// The simulator's Transmission Control Block (RFC 793 §3.2 p.19-21; RFC 9293 §3.3.1) and the fixed sizes
// and timer values it runs with (docs/interpretations.md, "Timers").
//
// The TCB is a mutable object, as in lwIP's `struct tcp_pcb` or smoltcp's `TcpSocket`: the endpoint owns one
// and input/output/timer routines change it in place. CLOSED is the absence of a connection; we keep a TCB
// object in state 'Closed' only so the fields have somewhere to live.
import { State } from '../../models/state';

/** Receive buffer size: the window we advertise is its free space. Small on purpose, to make windows matter. */
export const RCV_BUF = 64;
/** Send buffer size: a SEND that does not fit answers "insufficient resources" (RFC 9293 §3.10.2). */
export const SND_BUF = 1024;
/** Our MSS option on SYN and SYN,ACK (RFC 9293 §3.7.1, SHLD-5). */
export const OUR_MSS = 1460;
/** The peer's MSS when it announces none (RFC 9293 §3.7.1, MUST-15). */
export const DEFAULT_PEER_MSS = 536;

/** Retransmission timeout: initial and minimum 1 s (RFC 6298 §2.1, §2.4), doubled per firing, 120 s ceiling. */
export const RTO_INITIAL = 1000;
export const RTO_MAX = 120000;
/** 2·MSL with MSL = 2 minutes (RFC 793 p.28; RFC 9293 §3.4.1). */
export const TIME_WAIT_MS = 240000;
/** User timeout: 5 minutes (RFC 793 p.77; RFC 9293 §3.8.3 asks R2 of at least 100 s). */
export const USER_TIMEOUT_MS = 300000;
/** Delayed ACK: well under the 500 ms bound of RFC 9293 §3.8.6.3 (MUST-40). */
export const DELAYED_ACK_MS = 200;

/** No timer armed. Timers are absolute virtual times in ms; -1 means off (avoids `null` checks and unions). */
export const OFF = -1;

/** One segment on the retransmission queue, as it was sent (minus whatever has since been acknowledged). */
export interface RtxEntry {
  seq: number;
  syn: boolean;
  data: string;
  fin: boolean;
}

/** A segment that arrived ahead of RCV.NXT, held for later (RFC 9293 §3.10.7.4 first check, SHLD-31). */
export interface HeldSegment {
  seq: number;
  data: string;
  fin: boolean;
}

export class Tcb {
  state: State = 'Closed';
  /** Reached SYN-RECEIVED from LISTEN (RFC 9293 §3.5 MUST-11: passive and active opens differ on RST). */
  passive = false;

  // Send sequence variables (RFC 9293 §3.3.1, Figure 3)
  iss = 0;
  sndUna = 0;
  sndNxt = 0;
  sndWnd = 0;
  sndWl1 = 0;
  sndWl2 = 0;
  /** Largest window the peer has offered (RFC 5961 §5.2 MAX.SND.WND). */
  maxSndWnd = 0;
  sndMss = DEFAULT_PEER_MSS;

  // Receive sequence variables (Figure 4). RCV.WND is not stored: it is the free space of the receive buffer.
  irs = 0;
  rcvNxt = 0;
  /** RCV.NXT + window of the last segment we sent: where the peer thinks our window ends. */
  rcvAdvRight = 0;
  /** Largest window we ever advertised. */
  rcvWndMax = 0;

  // Queues
  /** SEND data not yet transmitted. */
  unsent = '';
  /** Transmitted and not yet acknowledged, in sequence order. */
  rtxQueue: RtxEntry[] = [];
  /** In-order data not yet RECEIVEd by the user. */
  rcvQueue = '';
  /** Out-of-order segments, kept sorted by seq. */
  held: HeldSegment[] = [];

  // The user's CLOSE and the FINs
  /** CLOSE called: a FIN goes out once `unsent` is empty. */
  closePending = false;
  /** CLOSE was called in SYN-RECEIVED with data queued: acted on once ESTABLISHED (RFC 9293 §3.10.4). */
  closeQueued = false;
  finSent = false;
  /** The peer's FIN has been received (RCV.NXT has passed it). */
  finReceived = false;
  /** A half-duplex CLOSE was called (RFC 9293 §3.6.1): no more RECEIVEs; new data is answered with RST. */
  receiveClosed = false;

  // Timers: absolute virtual times, OFF when not armed
  rtxDue = OFF;
  /** Firings of the retransmission timer since SND.UNA last advanced: the back-off exponent. */
  rtxCount = 0;
  userDue = OFF;
  timeWaitDue = OFF;
  ackDue = OFF;
  /** An ACK must go out before this input's processing ends (it rides on data if any is sent). */
  ackNow = false;
}

/** RCV.WND: the free space of the receive buffer. */
export function rcvWnd(tcb: Tcb): number {
  return RCV_BUF - tcb.rcvQueue.length;
}

/** Bytes held in the send buffer: unsent plus unacknowledged data. */
export function sendBuffered(tcb: Tcb): number {
  let n = tcb.unsent.length;
  for (let i = 0; i < tcb.rtxQueue.length; i++) n += tcb.rtxQueue[i].data.length;
  return n;
}
