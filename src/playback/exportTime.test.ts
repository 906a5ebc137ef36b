import { describe, expect, it } from 'vitest';
import { exportFrameTime } from '../export/exporter';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { frameCount } from '../timeline/eventsUpTo';
import { schedule } from '../timeline/schedule';
import { createEvaluator } from './engine';

// Export and page share one evaluator and one notion of time: export frame n is the moment
// from + n/fps, the page's frame k is k/60. Where the two coincide the views are the same
// object, field for field; where they do not (every other frame at 24 fps) the export shows
// the moment between two page frames, not either of them.
describe('export frame times on the one evaluator', () => {
  const plan = schedule(simulate(findScenario('https')!));
  const ev = createEvaluator(plan);
  const last = frameCount(plan) - 1;

  it.each([24, 30, 60] as const)('at %i fps, every export frame on the page grid is that page frame exactly (from 0 and from 3 s)', (fps) => {
    const step = plan.fps / fps; // page frames per export frame: 2.5, 2, 1
    for (const fromFrame of [0, 180]) {
      const settings = { fromS: fromFrame / plan.fps, fps };
      let onGrid = 0;
      let total = 0;
      for (let n = 0; fromFrame + n * step <= last; n++, total++) {
        const k = fromFrame + n * step;
        if (!Number.isInteger(k)) continue;
        onGrid++;
        expect(ev.at(exportFrameTime(settings, n)), `frame ${n} = page frame ${k}`).toEqual(ev.evaluate(k));
      }
      // Every frame at 30 and 60 fps, every other one at 24.
      expect(onGrid).toBe(fps === 24 ? Math.ceil(total / 2) : total);
      expect(total).toBeGreaterThan(100);
    }
  });

  it('at 24 fps, an odd frame is the moment halfway between two page frames: sprites stand between where they stand at both', () => {
    let between = 0;
    for (let n = 1; 2.5 * n < last; n += 2) {
      const t = exportFrameTime({ fromS: 0, fps: 24 }, n);
      const mid = ev.at(t);
      expect(mid.timeS).toBe(t);
      expect(mid.frame).toBeCloseTo(2.5 * n, 9);
      const before = ev.evaluate(Math.floor(2.5 * n));
      const after = ev.evaluate(Math.ceil(2.5 * n));
      for (const f of mid.flights) {
        const a = before.flights.find((x) => x.index === f.index);
        const b = after.flights.find((x) => x.index === f.index);
        if (!a || !b || a.progress === b.progress) continue;
        expect(f.progress).toBeGreaterThanOrEqual(Math.min(a.progress, b.progress));
        expect(f.progress).toBeLessThanOrEqual(Math.max(a.progress, b.progress));
        if (f.progress !== a.progress && f.progress !== b.progress) between++;
      }
    }
    // Snapping to the page grid (the old judder) would leave no sprite strictly between.
    expect(between).toBeGreaterThan(100);
  });

  it('a sum that misses the grid by an ulp still lands on the page frame', () => {
    const t = exportFrameTime({ fromS: 7 / 60, fps: 24 }, 6); // 22/60 in exact arithmetic
    expect(t).not.toBe(22 / 60);
    expect(ev.at(t)).toEqual(ev.evaluate(22));
  });
});
