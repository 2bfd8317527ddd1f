// Test support: per-state fixtures and a resolver that turns the harness's relative peer segments into
// concrete ones against a simulator endpoint, the way a tester-as-peer would (models/input.ts).
import { AckBase, DEFAULT_PEER_WINDOW, Input, PeerSegment, SeqBase } from '../../models/input';
import { Observation } from '../../models/observation';
import { ACK, FIN, RST, SYN, Segment, formatSegment } from '../../models/segment';
import { seqAdd } from '../../models/seq';
import { Endpoint } from './endpoint';

/** The tester's ISS in every fixture and replay (RFC 9293 Figure 6 uses 300 for the passive side). */
export const PEER_ISS = 300;

/** A tester playing the peer of one simulator endpoint. */
export class Tester {
  readonly ep: Endpoint;
  /** ISS the simulator chose, learned from its SYN. */
  iss = 0;
  /** `iss`: a fixed ISS, or one per connection in order (the RFC figures use several). */
  constructor(options: { profile?: string; seed?: number; mutant?: string; iss?: number | number[] } = {}) {
    const fixed = options.iss;
    let n = 0;
    const pick =
      fixed === undefined
        ? undefined
        : typeof fixed === 'number'
          ? () => fixed
          : () => fixed[Math.min(n++, fixed.length - 1)];
    this.ep = new Endpoint({
      profile: options.profile ?? 'rfc9293',
      seed: options.seed ?? 1,
      mutant: options.mutant,
      iss: pick,
    });
  }

  private seqBase(from: SeqBase): number {
    const tcb = this.ep.tcb;
    const synchronizedOnce = tcb.state !== 'Closed' && tcb.state !== 'Listen' && tcb.state !== 'SynSent';
    switch (from) {
      case 'rcvNxt':
        return synchronizedOnce ? tcb.rcvNxt : PEER_ISS;
      case 'peerIss':
        return PEER_ISS;
      case 'rcvWndEdge':
        return seqAdd(synchronizedOnce ? tcb.rcvNxt : PEER_ISS, tcb.rcvWndMax);
    }
  }

  private ackBase(from: AckBase): number {
    const tcb = this.ep.tcb;
    switch (from) {
      case 'sndNxt':
        return tcb.sndNxt;
      case 'sndUna':
        return tcb.sndUna;
      case 'iss':
        return tcb.state === 'Closed' || tcb.state === 'Listen' ? this.iss : tcb.iss;
    }
  }

  resolve(p: PeerSegment): Segment {
    const s: Segment = {
      seq: seqAdd(this.seqBase(p.seq.from), p.seq.delta),
      ack: p.ack ? seqAdd(this.ackBase(p.ack.from), p.ack.delta) : 0,
      ctl: p.ctl,
      wnd: p.wnd ?? DEFAULT_PEER_WINDOW,
      data: p.data ?? '',
    };
    if (p.mss !== undefined) s.mss = p.mss;
    return s;
  }

  /** Apply one abstract input. */
  step(input: Input): Observation {
    const obs =
      input.kind === 'segment'
        ? this.ep.apply({ kind: 'segment', segment: this.resolve(input.segment) })
        : this.ep.apply(input);
    for (const s of obs.segments) if (s.ctl & SYN) this.iss = s.seq;
    return obs;
  }

  run(inputs: Input[]): Observation[] {
    return inputs.map((i) => this.step(i));
  }

  // ---- concrete shorthands
  segment(seq: number, ctl: number, ack?: number, data = '', wnd = DEFAULT_PEER_WINDOW): Observation {
    return this.ep.apply({
      kind: 'segment',
      segment: { seq, ack: ack ?? 0, ctl: ack === undefined ? ctl : ctl | ACK, wnd, data },
    });
  }
  call(c: Input & { kind: 'call' }): Observation {
    return this.ep.apply(c);
  }
  openPassive(): Observation {
    return this.ep.apply({ kind: 'call', call: 'open', mode: 'passive' });
  }
  openActive(): Observation {
    return this.ep.apply({ kind: 'call', call: 'open', mode: 'active' });
  }
  send(data: string): Observation {
    return this.ep.apply({ kind: 'call', call: 'send', data });
  }
  receive(): Observation {
    return this.ep.apply({ kind: 'call', call: 'receive' });
  }
  close(halfDuplex = false): Observation {
    return this.ep.apply(
      halfDuplex ? { kind: 'call', call: 'close', mode: 'halfDuplex' } : { kind: 'call', call: 'close' },
    );
  }
  abort(): Observation {
    return this.ep.apply({ kind: 'call', call: 'abort' });
  }
  wait(ms: number): Observation {
    return this.ep.apply({ kind: 'wait', ms });
  }
  get state() {
    return this.ep.tcb.state;
  }
}

// ---- Fixtures, smoltcp style. The simulator's ISS is 100 (RFC 9293 Figure 6's A) unless said otherwise; the
// tester's is 300. Each returns the tester with the observations of the set-up left behind.

export const ISS = 100;

export function socketClosed(profile = 'rfc9293', mutant?: string): Tester {
  return new Tester({ profile, iss: ISS, mutant });
}

export function socketListen(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketClosed(profile, mutant);
  t.openPassive();
  return t;
}

/** LISTEN + <SEQ=300><CTL=SYN>: we sent <SEQ=100><ACK=301><CTL=SYN,ACK>. */
export function socketSynReceived(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketListen(profile, mutant);
  t.segment(PEER_ISS, SYN);
  return t;
}

/** Active OPEN: we sent <SEQ=100><CTL=SYN>. */
export function socketSynSent(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketClosed(profile, mutant);
  t.openActive();
  return t;
}

/** Active open completed: SND.NXT=101, RCV.NXT=301. */
export function socketEstablished(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketSynSent(profile, mutant);
  t.segment(PEER_ISS, SYN, ISS + 1);
  return t;
}

/** ESTABLISHED + CLOSE: we sent <SEQ=101><ACK=301><CTL=FIN,ACK>; SND.NXT=102. */
export function socketFinWait1(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketEstablished(profile, mutant);
  t.close();
  return t;
}

/** FIN-WAIT-1 + the ACK of our FIN. */
export function socketFinWait2(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketFinWait1(profile, mutant);
  t.segment(301, ACK, ISS + 2);
  return t;
}

/** ESTABLISHED + the peer's FIN <SEQ=301><ACK=101><CTL=FIN,ACK>: RCV.NXT=302. */
export function socketCloseWait(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketEstablished(profile, mutant);
  t.segment(301, FIN, ISS + 1);
  return t;
}

/** CLOSE-WAIT + CLOSE: we sent <SEQ=101><ACK=302><CTL=FIN,ACK>. */
export function socketLastAck(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketCloseWait(profile, mutant);
  t.close();
  return t;
}

/** FIN-WAIT-1 + the peer's FIN that does not acknowledge ours: simultaneous close. RCV.NXT=302, SND.NXT=102. */
export function socketClosing(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketFinWait1(profile, mutant);
  t.segment(301, FIN, ISS + 1);
  return t;
}

/** FIN-WAIT-2 + the peer's FIN: RCV.NXT=302, SND.NXT=102. */
export function socketTimeWait(profile = 'rfc9293', mutant?: string): Tester {
  const t = socketFinWait2(profile, mutant);
  t.segment(301, FIN, ISS + 2);
  return t;
}

export { ACK, FIN, RST, SYN };

/** The segments of an observation in RFC 793 figure notation (window and PSH left out, as the RFC's figures do). */
export function segs(obs: Observation): string[] {
  return obs.segments.map(formatSegment);
}
