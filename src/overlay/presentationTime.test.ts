import { describe, expect, it } from 'vitest';
import { networkTimeAt } from '../timeline/timeMap';
import { presentationTimeAt } from './presentationTime';

// Lead-in (network clock at 0 until 0.6 s), 40 ms → 2.4 s, a 0.5 s hold at 40 ms, a skip of 60 s in 1 s.
const map = [
  { presS: 0, netUs: 0 },
  { presS: 0.6, netUs: 0 },
  { presS: 3.0, netUs: 40_000 },
  { presS: 3.5, netUs: 40_000 },
  { presS: 4.1, netUs: 50_000 },
  { presS: 5.1, netUs: 60_050_000 },
];

describe('presentation time of a network time', () => {
  it('inverts the time map between anchors', () => {
    expect(presentationTimeAt(map, 20_000)).toBeCloseTo(1.8, 9);
    expect(presentationTimeAt(map, 45_000)).toBeCloseTo(3.8, 9);
    expect(presentationTimeAt(map, 30_050_000)).toBeCloseTo(4.6, 9);
    for (const us of [1, 12_345, 39_999, 40_001, 49_000, 1_000_000, 60_000_000]) {
      expect(networkTimeAt(map, presentationTimeAt(map, us))).toBeCloseTo(us, 3);
    }
  });
  it('takes the last moment of a stretch where the network clock stands still', () => {
    expect(presentationTimeAt(map, 0)).toBe(0.6);
    expect(presentationTimeAt(map, 40_000)).toBe(3.5);
  });
  it('holds at the ends', () => {
    expect(presentationTimeAt(map, -5)).toBe(0);
    expect(presentationTimeAt(map, 99_000_000)).toBe(5.1);
    expect(presentationTimeAt([], 5)).toBe(0);
  });
});
