import type { Plan } from '../timeline/plan';
import { compilePlan, type CompileOptions } from './compile';
import { frameView, type FrameView } from './frameState';

/**
 * The evaluator: plan in, FrameView out for any integer frame. Seeking GSAP with
 * suppressEvents keeps it a pure lookup; no callbacks fire.
 */
export function createEvaluator(plan: Plan, options: CompileOptions = {}) {
  const { timeline, state } = compilePlan(plan, options);
  return {
    plan,
    evaluate(frame: number): FrameView {
      timeline.totalTime(frame / plan.fps, true);
      return frameView(plan, state, frame);
    },
    dispose() {
      timeline.kill();
    },
  };
}

export type Evaluator = ReturnType<typeof createEvaluator>;
