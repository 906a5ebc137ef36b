import type { Plan } from '../timeline/plan';
import { networkTimeAt, presentationTimeAt } from '../timeline/timeMap';
import { TIME_SCALES, timeScaleLabel, timeScaleName } from '../timeline/timeScale';

/** The "time" select beside a capture: fit, or real time × k. Shown only while a capture is on screen. */
export function bindTimeScale(label: HTMLElement, select: HTMLSelectElement, change: (time: string) => void) {
  select.replaceChildren(
    ...TIME_SCALES.map((t) => {
      const option = document.createElement('option');
      option.value = timeScaleName(t);
      option.textContent = timeScaleLabel(t);
      return option;
    }),
  );
  select.onchange = () => change(select.value);
  return {
    /** The capture's scale, or undefined to hide the control (a simulated scenario). */
    show(time: string | undefined): void {
      label.hidden = time === undefined;
      select.value = time ?? 'fit';
    },
  };
}

/** Where the same network moment is in a re-timed plan, on a whole frame (the first that shows it). */
export function sameMomentS(before: Plan, tS: number, after: Plan): number {
  const netUs = networkTimeAt(before.timeMap, tS);
  const s = presentationTimeAt(after.timeMap, netUs, 'first');
  return Math.min(after.durationS, Math.ceil(s * after.fps - 1e-6) / after.fps);
}
