// Inputs to an IUT (docs/design.md §1): user calls (RFC 9293 §3.9.1), peer segments, and the passing of time.
import { Segment } from './segment';

/** User calls of RFC 793 §3.8 / RFC 9293 §3.9.1, with their sockets equivalents in comments. */
export type UserCall =
  | { call: 'open'; mode: 'passive' | 'active' } // listen() | connect()
  | { call: 'send'; data: string } // write()
  | { call: 'receive' } // non-blocking read(): what is on hand, '' if nothing
  | { call: 'close'; mode?: 'halfDuplex' } // shutdown(SHUT_WR) | close() (RFC 9293 §3.6.1 half-duplex close)
  | { call: 'abort' }; // close() with SO_LINGER 0

/** Where a peer segment's SEQ is measured from. */
export type SeqBase =
  | 'rcvNxt' // the IUT's RCV.NXT (the tester's ISS while the IUT has none)
  | 'peerIss' // the tester's own initial sequence number
  | 'rcvWndEdge'; // RCV.NXT + the largest window the IUT ever advertised: surely outside its window

/** Where a peer segment's ACK is measured from: the IUT's own send sequence space. */
export type AckBase = 'sndNxt' | 'sndUna' | 'iss';

/**
 * A segment from the tester, described relative to the IUT's sequence space so that a shrunk sequence keeps
 * its meaning ("RST at RCV.NXT+1", "ACK of SND.NXT+5").
 */
export interface PeerSegment {
  ctl: number;
  seq: { from: SeqBase; delta: number };
  ack?: { from: AckBase; delta: number };
  data?: string;
  wnd?: number;
  mss?: number;
}

/** What the generator produces, what counterexample files store. */
export type Input =
  ({ kind: 'call' } & UserCall) | { kind: 'segment'; segment: PeerSegment } | { kind: 'wait'; ms: number };

/** What an adapter receives: peer segments resolved to concrete numbers. */
export type ConcreteInput =
  ({ kind: 'call' } & UserCall) | { kind: 'segment'; segment: Segment } | { kind: 'wait'; ms: number };

/** Names of user calls as capabilities, e.g. 'open.passive', 'close.halfDuplex'. */
export type CallName = 'open.passive' | 'open.active' | 'send' | 'receive' | 'close' | 'close.halfDuplex' | 'abort';

export function callName(c: UserCall): CallName {
  switch (c.call) {
    case 'open':
      return c.mode === 'passive' ? 'open.passive' : 'open.active';
    case 'close':
      return c.mode === 'halfDuplex' ? 'close.halfDuplex' : 'close';
    default:
      return c.call;
  }
}

export const DEFAULT_PEER_WINDOW = 8192;
