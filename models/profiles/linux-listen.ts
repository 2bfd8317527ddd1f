// Linux in LISTEN (profile linux): a SYN that also carries FIN is dropped (tcp_input.c: tcp_rcv_state_process(),
// TCP_LISTEN). The RFC takes the SYN and queues the FIN for later (RFC 9293 §3.10.7.2, third and fourth); Linux
// refuses the combination outright, as no real peer opens with one. Switched on by 'listenSynFinDropped'.
import { Draft } from '../outcome';
import { ACK, FIN, RST, SYN, Segment } from '../segment';

/** The drop, or null where the RFC's processing of LISTEN applies. ACK and RST are looked at first, as the RFC
 *  does too. */
export function linuxListen(d: Draft, seg: Segment): Draft[] | null {
  if (!(seg.ctl & SYN) || !(seg.ctl & FIN) || seg.ctl & (ACK | RST)) return null;
  if (!d.p.features.has('listenSynFinDropped')) return null;
  d.fire('listen.synFin.dropped');
  return [d];
}
