/** Number of items whose key is ≤ x, in a list sorted by key (binary search). */
export function countUpTo<T>(items: readonly T[], x: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (key(items[mid]) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
