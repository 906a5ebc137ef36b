import type { SeqBar } from './seqGraph';

/** Pixel column of time `us` on an axis [x0, x1] drawn `columns` wide. */
export function columnOf(us: number, x0: number, x1: number, columns: number): number {
  const span = x1 - x0;
  if (!(span > 0)) return 0;
  return Math.min(columns - 1, Math.max(0, Math.floor(((us - x0) / span) * columns)));
}

/**
 * At most three bars per pixel column (sent once, retransmitted, lost): each the union of the
 * bars of its kind that fall in the column. A column cannot show more, and a trace of 100,000
 * segments draws as fast as one of a few hundred. Bars come back in time order.
 */
export function decimateBars(bars: readonly SeqBar[], x0: number, x1: number, columns: number): SeqBar[] {
  if (bars.length <= columns) return bars.slice();
  const out: SeqBar[] = [];
  let column = -1;
  let open: (SeqBar | undefined)[] = [];
  const flush = () => {
    for (const b of open) if (b) out.push(b);
    open = [];
  };
  for (const b of bars) {
    const c = columnOf(b.us, x0, x1, columns);
    if (c !== column) {
      flush();
      column = c;
    }
    const kind = (b.retransmission ? 1 : 0) + (b.lost ? 2 : 0);
    const m = open[kind];
    if (!m) open[kind] = { ...b };
    else {
      m.lo = Math.min(m.lo, b.lo);
      m.hi = Math.max(m.hi, b.hi);
    }
  }
  flush();
  return out.sort((a, b) => a.us - b.us);
}

/**
 * M4 aggregation of a step line: per pixel column the first, lowest, highest and last point,
 * in their original order. The drawn line is the same at that resolution; the count is at
 * most four per column.
 */
export function decimateSteps<T extends { us: number }>(points: readonly T[], y: (p: T) => number, x0: number, x1: number, columns: number): T[] {
  if (points.length <= 4 * columns) return points.slice();
  const out: T[] = [];
  let i = 0;
  while (i < points.length) {
    const c = columnOf(points[i].us, x0, x1, columns);
    let j = i;
    let lo = i;
    let hi = i;
    while (j + 1 < points.length && columnOf(points[j + 1].us, x0, x1, columns) === c) {
      j++;
      if (y(points[j]) < y(points[lo])) lo = j;
      if (y(points[j]) > y(points[hi])) hi = j;
    }
    for (const k of [...new Set([i, lo, hi, j])].sort((a, b) => a - b)) out.push(points[k]);
    i = j + 1;
  }
  return out;
}
