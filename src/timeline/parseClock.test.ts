import { describe, expect, it } from 'vitest';
import { formatClock, parseClock } from './format';

describe('parseClock', () => {
  it('reads seconds and the clock the page shows alike', () => {
    expect(parseClock('5.8')).toBe(5.8);
    expect(parseClock('0:05.80')).toBeCloseTo(5.8, 12);
    expect(parseClock('1:02')).toBe(62);
    expect(parseClock('1:02:03.5')).toBe(3723.5);
    expect(parseClock('12')).toBe(12);
    expect(parseClock('  5.8 ')).toBe(5.8); // pasted with spaces
    expect(parseClock('10:00:00')).toBe(36_000); // hours of two digits
  });
  it('limits 60 only inside a clock: plain seconds and leading minutes may be any size', () => {
    expect([parseClock('75'), parseClock('75:00'), parseClock('0:59.99'), parseClock('59:00')]).toEqual([75, 4500, 59.99, 3540]);
    for (const bad of ['0:60', '1:00:60', '1:60:00']) expect(parseClock(bad), bad).toBeNaN();
  });
  it('reads at most 32 characters (a pasted essay is not a time)', () => {
    expect(parseClock(`${'0'.repeat(31)}7`)).toBe(7);
    expect(parseClock(`${'0'.repeat(32)}7`)).toBeNaN();
  });
  it('reads back every clock formatClock writes', () => {
    for (const s of [0, 0.01, 5.8, 59.99, 60, 61.5, 754.25]) expect(parseClock(formatClock(s))).toBeCloseTo(s, 9);
  });
  it('refuses anything else', () => {
    for (const bad of ['', 'soon', '-1', '1:75', '1:60:00', '5.', '.5', '1e3', '0x10', '1::2', '5 s']) expect(parseClock(bad), bad).toBeNaN();
  });
});
