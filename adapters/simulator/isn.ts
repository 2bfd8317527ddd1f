// Initial sequence number selection (RFC 9293 §3.4.1, MUST-8; RFC 6528): ISN = M + F(connection id, secret),
// where M is a clock ticking every 4 microseconds and F a keyed hash. Our clock is the virtual one, the secret
// comes from the run's seed (so a run is reproducible), and the connection id is a counter of the connections
// this endpoint has opened: our 4-tuple never changes, so without it two connections opened at the same virtual
// instant would get the same ISN. An observer who has not seen the seed cannot predict the next ISN.

/** MurmurHash3's finaliser: a cheap, well-mixing 32-bit permutation. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class IsnGenerator {
  private readonly k0: number;
  private readonly k1: number;
  private connections = 0;

  constructor(
    seed: number,
    private readonly constant = false,
  ) {
    // Two key words derived from the seed; the seed may be any JS number, so fold its high bits in too.
    const lo = seed >>> 0;
    const hi = Math.floor(seed / 0x1_0000_0000) >>> 0;
    this.k0 = fmix32(lo ^ 0x6a09e667 ^ Math.imul(hi, 0x9e3779b1));
    this.k1 = fmix32(this.k0 ^ 0xbb67ae85);
  }

  /** The keyed hash F of RFC 6528 §3, over the connection counter. */
  private f(id: number): number {
    return fmix32(fmix32(id ^ this.k0) + this.k1);
  }

  /** A fresh ISN for a connection opened at virtual time `nowMs`. */
  next(nowMs: number): number {
    // Mutant 'constantIsn': the clock and the connection counter are forgotten, so every connection of a run
    // starts from the same number (RFC 9293 §3.4.1 MUST-8 broken).
    if (this.constant) return this.f(0);
    const m = Math.floor(nowMs * 250) >>> 0; // 4 µs ticks
    return (m + this.f(++this.connections)) >>> 0;
  }
}
