import { describe, expect, it } from 'vitest';
import { createPrng } from './prng';

describe('createPrng', () => {
  it('gives the same sequence for the same seed', () => {
    const a = createPrng(7);
    const b = createPrng(7);
    const xs = Array.from({ length: 50 }, () => a.u32());
    const ys = Array.from({ length: 50 }, () => b.u32());
    expect(xs).toEqual(ys);
  });

  it('gives different sequences for different seeds', () => {
    expect(createPrng(1).u32()).not.toBe(createPrng(2).u32());
  });

  it('covers the 32-bit range roughly uniformly', () => {
    const p = createPrng(123);
    const buckets = new Array(16).fill(0);
    for (let i = 0; i < 16000; i++) buckets[p.u32() >>> 28]++;
    for (const n of buckets) expect(n).toBeGreaterThan(800);
    for (const n of buckets) expect(n).toBeLessThan(1200);
  });

  it('draws bytes from the same sequence', () => {
    const b = createPrng(9).bytes(32);
    expect(b).toHaveLength(32);
    const p = createPrng(9);
    expect(Array.from(b)).toEqual(Array.from({ length: 32 }, () => p.u32() & 0xff));
  });
});
