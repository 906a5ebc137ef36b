import { describe, expect, it } from 'vitest';
import { columnOf, decimateBars, decimateSteps } from './seqDecimate';
import type { SeqBar } from './seqGraph';

const bar = (us: number, lo: number, extra: Partial<SeqBar> = {}): SeqBar => ({ us, lo, hi: lo + 1000, retransmission: false, lost: false, packetId: us, ...extra });

describe('decimation', () => {
  it('maps time to pixel columns, clamped to the axis', () => {
    expect(columnOf(0, 0, 100, 10)).toBe(0);
    expect(columnOf(9.99, 0, 100, 10)).toBe(0);
    expect(columnOf(10, 0, 100, 10)).toBe(1);
    expect(columnOf(100, 0, 100, 10)).toBe(9);
    expect(columnOf(-5, 0, 100, 10)).toBe(0);
    expect(columnOf(5, 7, 7, 10)).toBe(0);
  });

  it('leaves a trace with fewer bars than pixels alone', () => {
    const bars = [bar(0, 1), bar(50, 1001)];
    expect(decimateBars(bars, 0, 100, 10)).toEqual(bars);
  });

  it('merges the bars of one column, keeping retransmissions and losses apart', () => {
    const bars = [bar(0, 1), bar(1, 1001), bar(2, 2001, { lost: true }), bar(3, 3001), bar(4, 2001, { retransmission: true }), bar(60, 4001), bar(61, 5001)];
    const out = decimateBars(bars, 0, 100, 2);
    expect(out.map((b) => [b.us, b.lo, b.hi, b.retransmission, b.lost])).toEqual([
      [0, 1, 4001, false, false],
      [2, 2001, 3001, false, true],
      [4, 2001, 3001, true, false],
      [60, 4001, 6001, false, false],
    ]);
    expect(bars[0].hi).toBe(1001); // the input is not changed
  });

  it('keeps 100,000 bars down to a few per pixel column', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => bar(i * 10, i * 1000));
    const out = decimateBars(many, 0, 1_000_000, 500);
    expect(out.length).toBe(500);
    expect(out[0]).toMatchObject({ lo: 0, hi: 200_000 });
    expect(out.at(-1)!.hi).toBe(100_000_000);
  });

  it('keeps first, lowest, highest and last of a step line per column, in order', () => {
    const ys = [5, 1, 9, 3, 4, 7, 2, 8, 6, 0];
    const points = ys.map((y, i) => ({ us: i, y }));
    const out = decimateSteps(points, (p) => p.y, 0, 10, 2);
    // Columns [0, 5): 5 1 9 3 4 → first 5, low 1, high 9, last 4; [5, 10): 7 2 8 6 0 → first 7, high 8, last/low 0.
    expect(out.map((p) => p.y)).toEqual([5, 1, 9, 4, 7, 8, 0]);
    expect(decimateSteps(points.slice(0, 3), (p) => p.y, 0, 10, 2)).toHaveLength(3);
  });
});
