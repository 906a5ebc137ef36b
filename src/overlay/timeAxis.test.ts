import { describe, expect, it } from 'vitest';
import { BREAK_WIDTH, timeAxis } from './timeAxis';

describe('time axis', () => {
  it('is to scale when the intervals are close together', () => {
    const axis = timeAxis([[0, 100], [150, 200], [90, 120]]);
    expect([axis.startUs, axis.endUs, axis.breaks]).toEqual([0, 200, []]);
    expect(axis.fraction(50)).toBeCloseTo(0.25, 9);
    expect(axis.fraction(150)).toBeCloseTo(0.75, 9);
  });

  it('breaks an idle stretch longer than half the busy time', () => {
    // 100 µs busy, 10,000 idle, 100 busy, 40 idle (short: kept), 60 busy.
    const axis = timeAxis([[0, 100], [10_100, 10_200], [10_240, 10_300]]);
    expect(axis.breaks).toEqual([{ startUs: 100, endUs: 10_100, left: expect.closeTo(100 * (1 - BREAK_WIDTH) / 300, 9), width: BREAK_WIDTH }]);
    const perUs = (1 - BREAK_WIDTH) / 300;
    expect(axis.fraction(50)).toBeCloseTo(50 * perUs, 9);
    expect(axis.fraction(5_100)).toBeCloseTo(100 * perUs + BREAK_WIDTH / 2, 9);
    expect(axis.fraction(10_100)).toBeCloseTo(100 * perUs + BREAK_WIDTH, 9);
    expect(axis.fraction(10_220)).toBeCloseTo(220 * perUs + BREAK_WIDTH, 9);
    expect(axis.fraction(10_300)).toBe(1);
  });

  it('clamps and survives nothing', () => {
    const axis = timeAxis([[10, 20]]);
    expect([axis.fraction(0), axis.fraction(99)]).toEqual([0, 1]);
    expect(timeAxis([]).fraction(5)).toBe(0);
  });
});
