// Text and FIN on a SYN,ACK dropped (profiles lwip and linux, 'synAckTextIgnored'): the peer sends them again,
// where RFC 9293 §3.10.7.3 processes them at the sixth step (docs/design.md §7).
import { Draft } from '../outcome';

export function synAckTextDropped(d: Draft): boolean {
  if (!d.p.features.has('synAckTextIgnored')) return false;
  d.fire('synSent.synAck.textIgnored');
  return true;
}
