// Sequence-number arithmetic modulo 2^32 (RFC 793 §3.3; RFC 9293 §3.4).
// Sequence numbers live on a circle, so "less than" means "less than by fewer than 2^31".

export const SEQ_MOD = 0x1_0000_0000;

/** a + n, wrapped into 0 .. 2^32-1. */
export function seqAdd(a: number, n: number): number {
  return (((a + n) % SEQ_MOD) + SEQ_MOD) % SEQ_MOD;
}

/** The signed distance from a to b, in -2^31 .. 2^31-1: positive when b is after a. */
export function seqDiff(b: number, a: number): number {
  return ((b - a) << 0) | 0;
}

export const seqLt = (a: number, b: number): boolean => seqDiff(b, a) > 0;
export const seqLeq = (a: number, b: number): boolean => seqDiff(b, a) >= 0;
export const seqGt = (a: number, b: number): boolean => seqDiff(a, b) > 0;
export const seqGeq = (a: number, b: number): boolean => seqDiff(a, b) >= 0;

/** lo <= x < lo+len, on the circle. An empty window holds nothing. */
export function inWindow(x: number, lo: number, len: number): boolean {
  const d = seqDiff(x, lo);
  return d >= 0 && d < len;
}

/** lo < x <= hi, on the circle: the test RFC 793 uses for an acceptable ACK. */
export function between(lo: number, x: number, hi: number): boolean {
  return seqLt(lo, x) && seqLeq(x, hi);
}
