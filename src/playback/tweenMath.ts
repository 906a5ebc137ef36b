/**
 * The value of one paused GSAP `fromTo` tween (immediateRender: false) at timeline time t,
 * with GSAP 3's own arithmetic: start, duration and the playhead rounded to 1e-7
 * (_roundPrecise), the playhead snapped to an end within 1e-8 of it, the eased ratio
 * applied and the result rounded to 1e-6 (_renderPlain). Evaluating the plan with this
 * instead of one timeline of every tween keeps a seek O(visible) and gives the very
 * numbers the timeline gives (compile.equivalence.test checks every frame against GSAP).
 */
import type { Ease } from '../timeline/motion';

const TINY = 1e-8;

export const roundPrecise = (x: number): number => Math.round(x * 1e7) / 1e7 || 0;

/** The playhead as the timeline sees it. */
export const playhead = (t: number): number => (t <= 0 ? 0 : roundPrecise(t));

/** Has a tween starting at `startS` rendered by playhead `at` (the timeline renders a child once time ≥ its start)? */
export const started = (startS: number, at: number): boolean => at >= roundPrecise(startS);

/** The tween's value at playhead `at`, assuming it has started (`started(startS, at)`). */
export function tweenValue(at: number, startS: number, durationS: number, from: number, to: number, ease: Ease): number {
  const dur = roundPrecise(durationS);
  const local = at - roundPrecise(startS);
  // Zero duration (a banner cut by another at the same instant): GSAP renders the end once the playhead is on it.
  if (dur <= 0) return local >= 0 ? to : from;
  const time = local > dur - TINY && local >= 0 ? dur : local < TINY ? 0 : local;
  const ratio = ease(time / dur);
  return Math.round((from + (to - from) * ratio) * 1e6) / 1e6;
}
