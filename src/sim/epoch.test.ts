import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CAPTURE_EPOCH_S } from '../export/pcapng';
import { civil, httpDate, isoDate, SIM_EPOCH_S } from './epoch';

describe('the simulated calendar', () => {
  it('starts where the pcapng export stamps time 0', () => {
    expect(SIM_EPOCH_S).toBe(CAPTURE_EPOCH_S);
  });

  // Oracle: the platform's Date (allowed in tests, not in the simulator).
  it('agrees with Date on every second from 1970 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_102_444_800 }), (s) => {
        const d = new Date(s * 1000);
        expect(civil(s)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() });
        expect(isoDate(s)).toBe(d.toISOString().slice(0, 10));
      }),
    );
    expect(httpDate(61_500_000)).toBe(new Date((SIM_EPOCH_S + 61) * 1000).toUTCString());
  });

  it('writes every weekday and month name as Date does (IMF-fixdate, RFC 9110 §5.6.7)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 * 366 * 86_400 }), (s) => {
        expect(httpDate(s * 1e6 + 999_999)).toBe(new Date((SIM_EPOCH_S + s) * 1000).toUTCString());
      }),
      { numRuns: 500 },
    );
    // One per month, on days that walk through the week.
    for (let m = 0; m < 12; m++) {
      const s = Date.UTC(2026, m, 1 + m) / 1000 - SIM_EPOCH_S;
      expect(httpDate(s * 1e6)).toBe(new Date((SIM_EPOCH_S + s) * 1000).toUTCString());
    }
  });

  it('the last day of a 400-year era and the leap days around it (2000-02-29: doe = 146096)', () => {
    for (const [y, m, d] of [[2000, 1, 29], [2000, 2, 1], [1999, 11, 31], [2100, 1, 28], [2100, 2, 1], [2096, 1, 29]]) {
      const s = Date.UTC(y, m, d, 12, 34, 56) / 1000;
      const date = new Date(s * 1000);
      expect(civil(s), date.toISOString()).toEqual({ year: y, month: m + 1, day: d, hour: 12, minute: 34, second: 56, weekday: date.getUTCDay() });
    }
  });
});

