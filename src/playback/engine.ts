import type { Plan } from '../timeline/plan';
import { frameView, type FrameView } from './frameState';
import { planIndex } from './planIndex';

export interface EvaluatorOptions {
  /** prefers-reduced-motion: sprites appear where they land instead of sliding (timeline/motion). */
  reducedMotion?: boolean;
}

/**
 * The evaluator: plan in, FrameView out for any moment. A pure function of (plan, time):
 * nothing is kept between calls, so seeking a→b is 0→b, and a seek costs O(log n + what
 * is on screen), whatever the length of the trace.
 */
export function createEvaluator(plan: Plan, options: EvaluatorOptions = {}) {
  const index = planIndex(plan);
  const reduced = options.reducedMotion ?? false;
  return {
    plan,
    reducedMotion: reduced,
    /** The page's frame n (n / fps seconds). */
    evaluate(frame: number): FrameView {
      return frameView(plan, index, frame / plan.fps, reduced, frame);
    },
    /** Any presentation time: an export at 24 fps shows from + n/24 exactly, not the nearest page frame. */
    at(timeS: number): FrameView {
      return frameView(plan, index, timeS, reduced);
    },
    dispose() {},
  };
}

export type Evaluator = ReturnType<typeof createEvaluator>;
