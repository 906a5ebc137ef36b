import type { Plan } from '../timeline/plan';
import { frameView, type FrameView } from './frameState';
import { planIndex } from './planIndex';

export interface EvaluatorOptions {
  /** prefers-reduced-motion: sprites appear where they land instead of sliding (timeline/motion). */
  reducedMotion?: boolean;
}

/** How close (in frames) a time must be to the page's grid to be that frame: float sums such as 3 + 2/24 miss 185/60 by an ulp. */
const ON_GRID = 1e-6;

/**
 * The evaluator: plan in, FrameView out for any moment. A pure function of (plan, time):
 * nothing is kept between calls, so seeking a→b is 0→b, and a seek costs O(log n + what
 * is on screen), whatever the length of the trace.
 */
export function createEvaluator(plan: Plan, options: EvaluatorOptions = {}) {
  const index = planIndex(plan);
  const reduced = options.reducedMotion ?? false;
  /** The page's frame n (n / fps seconds). */
  const evaluate = (frame: number): FrameView => frameView(plan, index, frame / plan.fps, reduced, frame);
  return {
    plan,
    reducedMotion: reduced,
    evaluate,
    /**
     * Any presentation time: an export at 24 fps shows from + n/24 exactly, not the nearest
     * page frame. A time on the page's grid (within a microframe of k / fps, however it was
     * summed) is page frame k itself, so an export frame and a link to that moment are one
     * picture by construction.
     */
    at(timeS: number): FrameView {
      const frame = Math.round(timeS * plan.fps);
      return Math.abs(timeS * plan.fps - frame) < ON_GRID ? evaluate(frame) : frameView(plan, index, timeS, reduced);
    },
    dispose() {},
  };
}

export type Evaluator = ReturnType<typeof createEvaluator>;
