import { describe, expect, it } from 'vitest';
import { tickColumns, tickHeight } from './tickDensity';

describe('tick density', () => {
  it('puts 100,000 departures into at most one column per pixel, counting every one', () => {
    const flights = Array.from({ length: 100_000 }, (_, i) => ({ startS: i / 1000, layer: i % 997 === 0 ? ('tls' as const) : ('tcp' as const) }));
    const cols = tickColumns(flights, 800, (s) => (s / 100) * 799);
    expect(cols.length).toBeLessThanOrEqual(800);
    expect(cols.reduce((n, c) => n + c.count, 0)).toBe(100_000);
    // A TLS record among a column of ACKs colours the column.
    expect(cols.filter((c) => c.layer === 'tls').length).toBeGreaterThan(90);
  });

  it('keeps a sparse trace one tick per packet, each full height', () => {
    const cols = tickColumns([{ startS: 1, layer: 'tcp' }, { startS: 2, layer: 'http' }], 100, (s) => s * 10);
    expect(cols).toEqual([{ x: 10, count: 1, layer: 'tcp' }, { x: 20, count: 1, layer: 'http' }]);
    expect(tickHeight(1, 6, 12)).toBe(6);
    expect(tickHeight(1024, 6, 12)).toBe(12);
  });
});
