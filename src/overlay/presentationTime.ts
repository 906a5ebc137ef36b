import type { TimeAnchor } from '../timeline/plan';

/**
 * The presentation time that shows network time `netUs` (the inverse of timeline/timeMap's
 * networkTimeAt). Where the network clock stands still on screen (a sprite waiting for its
 * lane, the lead-in), the last such moment: that is when the events of that instant are shown.
 * Held at the ends.
 */
export function presentationTimeAt(map: readonly TimeAnchor[], netUs: number): number {
  if (map.length === 0) return 0;
  if (netUs < map[0].netUs) return map[0].presS;
  // Last anchor with netUs ≤ t (anchors are non-decreasing in both times).
  let lo = 0;
  let hi = map.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (map[mid].netUs <= netUs) lo = mid;
    else hi = mid;
  }
  const a = map[lo];
  const b = map[lo + 1];
  if (!b || a.netUs === netUs) return a.presS;
  return a.presS + ((netUs - a.netUs) / (b.netUs - a.netUs)) * (b.presS - a.presS);
}
