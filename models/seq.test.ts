import fc from 'fast-check';
import { SEQ_MOD, between, inWindow, seqAdd, seqDiff, seqGeq, seqGt, seqLeq, seqLt } from './seq';

const seq = fc.integer({ min: 0, max: SEQ_MOD - 1 });
const smallStep = fc.integer({ min: 1, max: 2 ** 31 - 1 });

describe('sequence arithmetic modulo 2^32 (RFC 793 §3.3, RFC 9293 §3.4)', () => {
  test('adding wraps around 2^32', () => {
    expect(seqAdd(SEQ_MOD - 1, 1)).toBe(0);
    expect(seqAdd(0, -1)).toBe(SEQ_MOD - 1);
    expect(seqAdd(4294967000, 1000)).toBe(704);
  });

  test('a number is less than every number up to 2^31-1 after it, even across the wrap', () => {
    fc.assert(fc.property(seq, smallStep, (a, n) => seqLt(a, seqAdd(a, n)) && seqGt(seqAdd(a, n), a)));
  });

  test('comparison is antisymmetric and irreflexive', () => {
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        if (a === b) return !seqLt(a, b) && seqLeq(a, b) && seqGeq(a, b);
        if (seqDiff(a, b) === -(2 ** 31)) return true; // exactly opposite: undefined by the RFC
        return seqLt(a, b) !== seqLt(b, a);
      }),
    );
  });

  test('the distance undoes the addition', () => {
    fc.assert(
      fc.property(seq, fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), (a, n) => seqDiff(seqAdd(a, n), a) === n),
    );
  });

  test('window membership: lo <= x < lo+len, across the wrap', () => {
    expect(inWindow(5, SEQ_MOD - 10, 20)).toBe(true);
    expect(inWindow(10, SEQ_MOD - 10, 20)).toBe(false);
    expect(inWindow(SEQ_MOD - 11, SEQ_MOD - 10, 20)).toBe(false);
    expect(inWindow(7, 7, 0)).toBe(false);
    fc.assert(
      fc.property(
        seq,
        fc.integer({ min: 1, max: 65535 }),
        fc.nat(70000),
        (lo, len, k) => inWindow(seqAdd(lo, k), lo, len) === k < len,
      ),
    );
  });

  test('the ACK test SND.UNA < SEG.ACK =< SND.NXT excludes the lower end and includes the upper', () => {
    expect(between(100, 100, 105)).toBe(false);
    expect(between(100, 101, 105)).toBe(true);
    expect(between(100, 105, 105)).toBe(true);
    expect(between(100, 106, 105)).toBe(false);
    expect(between(SEQ_MOD - 2, 1, 3)).toBe(true);
  });
});
