import { describe, expect, it } from 'vitest';
import { formatClock, parseClock } from './format';

describe('parseClock', () => {
  it('reads seconds and the clock the page shows alike', () => {
    expect(parseClock('5.8')).toBe(5.8);
    expect(parseClock('0:05.80')).toBeCloseTo(5.8, 12);
    expect(parseClock('1:02')).toBe(62);
    expect(parseClock('1:02:03.5')).toBe(3723.5);
    expect(parseClock('12')).toBe(12);
  });
  it('reads back every clock formatClock writes', () => {
    for (const s of [0, 0.01, 5.8, 59.99, 60, 61.5, 754.25]) expect(parseClock(formatClock(s))).toBeCloseTo(s, 9);
  });
  it('refuses anything else', () => {
    for (const bad of ['', 'soon', '-1', '1:75', '1:60:00', '5.', '.5', '1e3', '0x10', '1::2', '5 s']) expect(parseClock(bad), bad).toBeNaN();
  });
});
