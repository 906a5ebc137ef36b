/** A stretch of the axis where nothing happens, drawn narrow instead of to scale. */
export interface AxisBreak {
  startUs: number;
  endUs: number;
  /** Where the break sits on the axis, as fractions of its length. */
  left: number;
  width: number;
}

export interface TimeAxis {
  startUs: number;
  endUs: number;
  breaks: AxisBreak[];
  /** Position of a time on the axis, 0…1 (clamped at the ends). */
  fraction(us: number): number;
}

/** Screen share of one collapsed idle stretch. */
export const BREAK_WIDTH = 0.04;

/**
 * A time axis over the given intervals, to scale except where an idle stretch between them
 * is longer than half of all the busy time together (a 60 s TIME_WAIT before the next
 * connection): those become narrow breaks, as a broken axis on a chart. Pure.
 */
export function timeAxis(intervals: readonly [number, number][]): TimeAxis {
  const sorted = intervals.filter(([a, b]) => b >= a).sort((x, y) => x[0] - y[0]);
  const spans: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = spans.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else spans.push([a, b]);
  }
  const startUs = spans[0]?.[0] ?? 0;
  const endUs = spans.at(-1)?.[1] ?? 0;
  const busy = spans.reduce((sum, [a, b]) => sum + (b - a), 0);
  const gaps = spans.slice(1).map(([a], i) => [spans[i][1], a] as [number, number]);
  const long = gaps.filter(([a, b]) => busy > 0 && b - a > busy / 2);
  const scaled = endUs - startUs - long.reduce((sum, [a, b]) => sum + (b - a), 0);
  const perUs = (1 - long.length * BREAK_WIDTH) / Math.max(1, scaled);
  // Anchors (µs, fraction), piecewise linear: to scale between breaks, BREAK_WIDTH across one.
  const anchors: [number, number][] = [[startUs, 0]];
  const breaks: AxisBreak[] = [];
  for (const [a, b] of long) {
    const [lastUs, lastF] = anchors.at(-1)!;
    const left = lastF + (a - lastUs) * perUs;
    anchors.push([a, left], [b, left + BREAK_WIDTH]);
    breaks.push({ startUs: a, endUs: b, left, width: BREAK_WIDTH });
  }
  const fraction = (us: number): number => {
    if (endUs <= startUs || us <= startUs) return 0;
    if (us >= endUs) return 1;
    let i = anchors.length - 1;
    while (i > 0 && anchors[i][0] > us) i--;
    const [u0, f0] = anchors[i];
    const next = anchors[i + 1];
    if (!next) return Math.min(1, f0 + (us - u0) * perUs);
    return f0 + ((us - u0) / Math.max(1, next[0] - u0)) * (next[1] - f0);
  };
  return { startUs, endUs, breaks, fraction };
}
