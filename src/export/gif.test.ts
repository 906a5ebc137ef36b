import { describe, expect, it } from 'vitest';
import { gifDelayMs } from './gif';

describe('gifDelayMs', () => {
  it('keeps the total duration exact in hundredths of a second', () => {
    for (const fps of [24, 30, 60]) {
      const total = Array.from({ length: fps }, (_, n) => gifDelayMs(n, fps)).reduce((a, b) => a + b, 0);
      expect(total).toBe(1000);
    }
    expect([0, 1, 2].map((n) => gifDelayMs(n, 30))).toEqual([30, 40, 30]);
  });
});
