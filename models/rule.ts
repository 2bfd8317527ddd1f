// A rule is a named, first-class piece of the model (docs/design.md §1): what coverage counts, what
// counterexamples cite and what `tcpconform rules` teaches.
import { State } from './state';

/**
 * Switches that profiles turn on; rules that need one are part only of profiles that have it. These are the RFC
 * profiles' (the differences of rfc793 and rfc9293); an implementation profile declares its own from its files
 * (models/profiles/features.ts), by adding entries to this interface.
 */
export interface Features {
  'rfc5961.rst': true; // RST validation by exact SEQ, challenge ACK otherwise (RFC 5961 §3)
  'rfc5961.syn': true; // challenge ACK for any SYN on a synchronized connection (RFC 5961 §4)
  'rfc5961.ack': true; // ACK validation against MAX.SND.WND (RFC 5961 §5)
  'rfc1122.synInSynReceived': true; // SYN in passive SYN-RECEIVED returns to LISTEN (RFC 1122 4.2.2.20 (e))
  halfDuplexClose: true; // RFC 9293 §3.6.1 half-duplex CLOSE
}

export type Feature = keyof Features;

export type RuleEvent =
  | 'OPEN'
  | 'SEND'
  | 'RECEIVE'
  | 'CLOSE'
  | 'ABORT'
  | 'SEGMENT ARRIVES'
  | 'RETRANSMISSION TIMEOUT'
  | 'TIME-WAIT TIMEOUT'
  | 'USER TIMEOUT'
  | 'DELAYED ACK';

export interface Rule {
  /** e.g. 'synReceived.rst.passive' */
  id: string;
  states: readonly State[];
  event: RuleEvent;
  /** One line, in our own words. */
  summary: string;
  /** Where RFC 793 says it: section and page. */
  rfc793: string;
  /** Where RFC 9293 says it. */
  rfc9293: string;
  /** Other sources: RFC 5961, RFC 1122, RFC 6298, or an implementation's source for implementation profiles. */
  also?: string;
  /** Part of the model only in profiles with this feature. */
  requires?: Feature;
  /** Replaced in profiles with this feature. */
  unless?: Feature;
  /** Why a rule that is part of a profile can never fire in a generated run, if so. */
  unreachable?: string;
  /** The rule permits rather than requires (an implementation may or may not ever take it): coverage lists it
   *  as not shown, not as missing. */
  optional?: boolean;
  /** Part of the model only for profiles whose parameters satisfy this (e.g. a user timeout exists). */
  when?: (params: import('./profile').ProfileParams) => boolean;
}
