/**
 * Scroll → frame, as pure functions of the page's geometry: the same scroll position always
 * shows the same frame, and scrolling back goes back. A step (a paragraph, a list, a
 * checkpoint) owns a range of frames in one scenario; while the reading line crosses it,
 * the figure moves through that range in proportion (or jumps to its end with reduced motion).
 */

export interface StepRange {
  scenario: string;
  from: number;
  to: number;
}

export interface StepBox {
  top: number;
  bottom: number;
}

/**
 * Where the reading line is: the last step whose top it has passed, and how far through that
 * step (0 at its top, 1 at its bottom or beyond). Above the first step: step 0 at 0.
 */
export function stepAtLine(boxes: readonly StepBox[], lineY: number): { index: number; progress: number } {
  if (!boxes.length) return { index: -1, progress: 0 };
  let lo = 0;
  let hi = boxes.length;
  // Boxes are in document order, tops non-decreasing: binary search for the last top ≤ line.
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (boxes[mid].top <= lineY) lo = mid + 1;
    else hi = mid;
  }
  const index = Math.max(0, lo - 1);
  const b = boxes[index];
  const height = Math.max(1, b.bottom - b.top);
  return { index, progress: Math.min(1, Math.max(0, (lineY - b.top) / height)) };
}

/** The frame a step shows at a progress through it. Reduced motion: its end, at once. */
export function frameInStep(step: StepRange, progress: number, reducedMotion: boolean): number {
  if (reducedMotion) return step.to;
  const p = Math.min(1, Math.max(0, progress));
  return step.from + Math.round(p * (step.to - step.from));
}

/**
 * Each step's range from what it names: its own `[[range]]`, else the span of its moment links,
 * else it holds where the step before ended (in its section's scenario, at its start if first).
 */
export function assignRanges(steps: readonly { scenario: string; own?: { from: number; to: number } }[]): StepRange[] {
  const out: StepRange[] = [];
  steps.forEach((s, i) => {
    const prev = out[i - 1];
    if (s.own) out.push({ scenario: s.scenario, from: s.own.from, to: s.own.to });
    else if (prev && prev.scenario === s.scenario) out.push({ scenario: s.scenario, from: prev.to, to: prev.to });
    else out.push({ scenario: s.scenario, from: 0, to: 0 });
  });
  return out;
}

/** The step that describes `frame` in a scenario: among those whose range holds it, the one nearest `near`. */
export function stepForFrame(ranges: readonly StepRange[], scenario: string, frame: number, near: number): number {
  let best = -1;
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    if (r.scenario !== scenario || frame < r.from || frame > r.to) continue;
    // A step that moves (from < to) describes its frames better than one that only holds there.
    const score = (r.from < r.to ? 0 : 1e6) + Math.abs(i - near);
    const bestScore = best < 0 ? Infinity : (ranges[best].from < ranges[best].to ? 0 : 1e6) + Math.abs(best - near);
    if (score < bestScore) best = i;
  }
  return best;
}

/**
 * The reading line, in viewport pixels from the top: halfway down beside a side-by-side figure;
 * with the figure stuck on top (a phone), 40% of the way down what is left below it.
 */
export function readingLine(viewportHeight: number, figureBottom: number, figureOnTop: boolean): number {
  if (!figureOnTop) return viewportHeight / 2;
  const top = Math.min(Math.max(0, figureBottom), viewportHeight);
  return top + (viewportHeight - top) * 0.4;
}
