import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TimeAnchor } from './plan';
import { networkTimeAt, presentationTimeAt } from './timeMap';

/**
 * The clock's map both ways, against values worked out by hand and against a linear scan
 * (the binary searches must find the same anchors as reading the list from the start).
 */
// Lead-in to 0.5 s, network 0→10 ms over 0.5→1.5 s, a hold at 10 ms until 2.5 s, a skip 10→110 ms over 2.5→3.5 s.
const map: TimeAnchor[] = [
  { presS: 0, netUs: 0 },
  { presS: 0.5, netUs: 0 },
  { presS: 1.5, netUs: 10_000 },
  { presS: 2.5, netUs: 10_000 },
  { presS: 3.5, netUs: 110_000 },
];

describe('networkTimeAt', () => {
  it('is linear between anchors, still during a hold, held at both ends', () => {
    expect([-1, 0, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 9].map((t) => networkTimeAt(map, t))).toEqual([0, 0, 0, 0, 5000, 10_000, 10_000, 10_000, 60_000, 110_000, 110_000]);
    expect(networkTimeAt([], 3)).toBe(0);
    expect(networkTimeAt([{ presS: 2, netUs: 7 }], 1)).toBe(7);
  });

  it('takes the later anchor where two share a moment (a jump)', () => {
    const jump = [
      { presS: 0, netUs: 0 },
      { presS: 1, netUs: 100 },
      { presS: 1, netUs: 500 },
      { presS: 2, netUs: 600 },
    ];
    expect([0.5, 1, 1.5].map((t) => networkTimeAt(jump, t))).toEqual([50, 500, 550]);
  });
});

describe('an anchor’s own time comes back exactly (no float drift from interpolating onto it)', () => {
  // 0.03 + (0.29 − 0.03) is 0.29000000000000004 in floating point.
  const drift = [
    { presS: 0, netUs: 0 },
    { presS: 0.03, netUs: 0.03 },
    { presS: 0.29, netUs: 0.29 },
  ];
  it('networkTimeAt at the last anchor, presentationTimeAt at an inner one', () => {
    expect(networkTimeAt(drift, 0.29)).toBe(0.29);
    expect(presentationTimeAt(drift, 0.29, 'first')).toBe(0.29);
    expect(presentationTimeAt(drift, 0.03, 'last')).toBe(0.03);
  });
});

describe('presentationTimeAt', () => {
  it('first: when the clock gets there; last: when it moves on (a hold or the lead-in)', () => {
    expect([0, 5000, 10_000, 60_000, 110_000, 200_000].map((n) => presentationTimeAt(map, n, 'first'))).toEqual([0, 1, 1.5, 3, 3.5, 3.5]);
    expect([0, 5000, 10_000, 60_000, 110_000, 200_000].map((n) => presentationTimeAt(map, n, 'last'))).toEqual([0.5, 1, 2.5, 3, 3.5, 3.5]);
    expect([presentationTimeAt(map, -5, 'first'), presentationTimeAt(map, -5, 'last')]).toEqual([0, 0]);
    expect([presentationTimeAt([], 5, 'first'), presentationTimeAt([], 5, 'last')]).toEqual([0, 0]);
  });

  it('starts where the map starts when it does not start at zero', () => {
    const late = [
      { presS: 1, netUs: 100 },
      { presS: 2, netUs: 200 },
    ];
    expect([presentationTimeAt(late, 50, 'first'), presentationTimeAt(late, 50, 'last'), presentationTimeAt(late, 150, 'first'), presentationTimeAt(late, 150, 'last')]).toEqual([1, 1, 1.5, 1.5]);
  });
});

/** A clock map as the scheduler makes one: both times never go back; steps of 0 are holds and jumps. */
const anyMap = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 12 })
  .map((steps) => {
    let presS = 0;
    let netUs = 0;
    return steps.map(([dp, dn]) => ({ presS: (presS += dp), netUs: (netUs += dn * 1000) }));
  });

/** The reference: read the list from the start, as the definitions say. */
function linearNetworkTime(m: TimeAnchor[], t: number): number {
  if (t <= m[0].presS) return m[0].netUs;
  if (t >= m[m.length - 1].presS) return m[m.length - 1].netUs;
  let i = 0;
  while (m[i + 1].presS <= t) i++;
  const [a, b] = [m[i], m[i + 1]];
  return a.netUs + ((t - a.presS) / (b.presS - a.presS)) * (b.netUs - a.netUs);
}
function linearPresentationTime(m: TimeAnchor[], n: number, which: 'first' | 'last'): number {
  if (n < m[0].netUs) return m[0].presS;
  if (which === 'first') {
    const i = m.findIndex((x) => x.netUs >= n);
    if (i < 0) return m[m.length - 1].presS;
    if (m[i].netUs === n || i === 0) return m[i].presS;
    const [a, b] = [m[i - 1], m[i]];
    return a.presS + ((n - a.netUs) / (b.netUs - a.netUs)) * (b.presS - a.presS);
  }
  const i = m.findLastIndex((x) => x.netUs <= n);
  if (m[i].netUs === n || i === m.length - 1) return m[i].presS;
  const [a, b] = [m[i], m[i + 1]];
  return a.presS + ((n - a.netUs) / (b.netUs - a.netUs)) * (b.presS - a.presS);
}

describe('the map against a linear scan (fast-check)', () => {
  it('networkTimeAt', () => {
    fc.assert(
      fc.property(anyMap, fc.integer({ min: -2, max: 40 }), (m, quarter) => {
        expect(networkTimeAt(m, quarter / 4)).toBeCloseTo(linearNetworkTime(m, quarter / 4), 6);
      }),
      { numRuns: 400, seed: 16 },
    );
  });

  it('presentationTimeAt, first and last', () => {
    fc.assert(
      fc.property(anyMap, fc.integer({ min: -2, max: 40 }), (m, k) => {
        const n = k * 500;
        expect(presentationTimeAt(m, n, 'first')).toBeCloseTo(linearPresentationTime(m, n, 'first'), 6);
        expect(presentationTimeAt(m, n, 'last')).toBeCloseTo(linearPresentationTime(m, n, 'last'), 6);
      }),
      { numRuns: 400, seed: 16 },
    );
  });
});
