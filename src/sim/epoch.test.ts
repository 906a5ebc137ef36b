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
});
