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

/**
 * Presentation time at which the network clock shows `netUs`. Where the clock holds still
 * (a wait for a lane, or the lead-in) many times qualify: 'first' is when it gets there,
 * 'last' when it moves on again.
 */
export function presentationTimeAt(map: readonly TimeAnchor[], netUs: number, which: 'first' | 'last'): number {
  if (map.length === 0) return 0;
  if (netUs < map[0].netUs) return map[0].presS;
  if (which === 'first') {
    // First anchor with netUs ≥ target.
    const i = countBelow(map, netUs);
    if (i >= map.length) return map[map.length - 1].presS;
    if (i === 0 || map[i].netUs === netUs) return map[i].presS;
    const a = map[i - 1];
    const b = map[i];
    return a.presS + ((netUs - a.netUs) / (b.netUs - a.netUs)) * (b.presS - a.presS);
  }
  // Last anchor with netUs ≤ target.
  const i = countBelow(map, netUs + 1e-9) - 1;
  const a = map[i];
  const b = map[i + 1];
  if (a.netUs === netUs || !b) return a.presS;
  return a.presS + ((netUs - a.netUs) / (b.netUs - a.netUs)) * (b.presS - a.presS);
}

/** How many anchors have netUs < x. */
function countBelow(map: readonly TimeAnchor[], x: number): number {
  let lo = 0;
  let hi = map.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (map[mid].netUs < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
