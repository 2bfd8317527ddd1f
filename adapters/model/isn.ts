// Initial sequence numbers for the model when it plays the IUT: RFC 9293 §3.4.1's recipe of a clock plus a
// keyed hash, with the run's seed as the key, so ISNs are unpredictable across connections yet reproducible.

/** A 32-bit mix (the finaliser of MurmurHash3). */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** ISN = M + F(key, connection): M ticks every 4 µs, F is a keyed hash. */
export function initialSequenceNumber(seed: number, connection: number, nowMs: number): number {
  const clock = Math.floor(nowMs * 250);
  return (clock + mix32(mix32(seed ^ 0x9e3779b9) + connection)) >>> 0;
}
