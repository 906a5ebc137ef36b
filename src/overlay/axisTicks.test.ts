import { describe, expect, it } from 'vitest';
import { formatAxisTime, formatSeq, niceTicks } from './axisTicks';

describe('axis ticks', () => {
  it('steps by 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(0, 102_400, 5)).toEqual([0, 50_000, 100_000]);
    expect(niceTicks(0, 100, 5)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(15, 95, 4)).toEqual([20, 40, 60, 80]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });
  it('has one tick for an empty range', () => {
    expect(niceTicks(5, 5, 4)).toEqual([5]);
  });
  it('writes labels that fit', () => {
    expect(formatSeq(102_400)).toBe('102,400');
    expect(formatSeq(12_500_000)).toBe('12.5M');
    expect(formatSeq(500_000, 8_000_000)).toBe('0.5M');
    expect(formatSeq(0, 8_000_000)).toBe('0');
    expect(formatSeq(999_999)).toBe('999,999');
    expect(formatAxisTime(480_000)).toBe('480 ms');
    expect(formatAxisTime(12_500)).toBe('12.5 ms');
    expect(formatAxisTime(1_200_000)).toBe('1.2 s');
  });
});
