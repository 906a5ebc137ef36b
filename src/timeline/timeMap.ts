import type { TimeAnchor } from './plan';

/** Network time (µs) shown at presentation time `presS`: linear between anchors, held at the ends. */
export function networkTimeAt(map: readonly TimeAnchor[], presS: number): number {
  if (map.length === 0) return 0;
  if (presS <= map[0].presS) return map[0].netUs;
  let lo = 0;
  let hi = map.length - 1;
  if (presS >= map[hi].presS) return map[hi].netUs;
  // Last anchor with presS ≤ t.
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (map[mid].presS <= presS) lo = mid;
    else hi = mid;
  }
  const a = map[lo];
  const b = map[hi];
  const span = b.presS - a.presS;
  return span <= 0 ? b.netUs : a.netUs + ((presS - a.presS) / span) * (b.netUs - a.netUs);
}
