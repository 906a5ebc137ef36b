import { describe, expect, it } from 'vitest';
import { formatClock, formatNetworkTime } from './format';

describe('format', () => {
  it('formats network time in ms below a second and s above', () => {
    expect(formatNetworkTime(20_405, 1)).toBe('20.4 ms');
    expect(formatNetworkTime(0)).toBe('0.000 ms');
    expect(formatNetworkTime(60_168_307)).toBe('60.168 s');
    expect([formatNetworkTime(999_999), formatNetworkTime(1e6)]).toEqual(['999.999 ms', '1.000 s']); // a second is said in seconds
  });
  it('formats the presentation clock like a player', () => {
    expect(formatClock(2.349)).toBe('0:02.35');
    expect(formatClock(75.5)).toBe('1:15.50');
    expect(formatClock(-1)).toBe('0:00.00');
  });
});
