// While our FIN is unacknowledged, every segment slirp sends is the FIN again (profile slirp): 4.4BSD's
// tcp_output() sets FIN on what it sends in FIN-WAIT-1, CLOSING and LAST-ACK once nothing is left to send, and
// steps SND.NXT back over a FIN already sent, so an ACK goes out as <SEQ=SND.NXT-1><CTL=FIN,ACK>
// (docs/design.md §7). A retransmission the peer can take as a plain ACK: RFC 9293 does not forbid it.
import { Draft } from '../outcome';
import { ACK, FIN } from '../segment';
import { seqAdd } from '../seq';

const FIN_OUT = new Set(['FinWait1', 'Closing', 'LastAck']);

/** Turn the bare ACKs of this step into the FIN sent again, where slirp's FIN is still unacknowledged. */
export function ackAsFinAgain(drafts: Draft[]): void {
  for (const d of drafts) {
    const t = d.t;
    if (!d.p.features.has('ackIsFinAgain') || !FIN_OUT.has(t.state) || !t.finSent) continue;
    if (t.sndUna === t.sndNxt || t.sendQueue.length > 0) continue;
    let changed = false;
    d.segments = d.segments.map((s) => {
      if (s.ctl !== ACK || s.data.length > 0 || s.seq !== t.sndNxt) return s;
      changed = true;
      return { ...s, seq: seqAdd(t.sndNxt, -1), ctl: FIN | ACK };
    });
    // First among the rules: the step's own rule stays the one that decided it.
    if (changed) d.rules.unshift('ack.asFinAgain');
  }
}

// This profile's own switch joins the model's features (models/rule.ts).
declare module '../rule' {
  interface Features {
    /** While our FIN is unacknowledged, an ACK goes out as the FIN sent again. */
    ackIsFinAgain: true;
  }
}
