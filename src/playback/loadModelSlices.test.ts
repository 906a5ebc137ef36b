import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { simulation } from '../sim/simulate';
import { minLaneGapS } from '../timeline/laneGap';
import { timing } from '../timeline/timeScale';
import { loadModel, type LoadProgress } from './model';

/**
 * loadModel's slicing rules with a clock the test drives: it pauses (the page's next task) once a
 * slice has run `sliceMs`, reports where it is (simulating is the first 80 % of the bar, placing
 * events the rest), and stops at the next pause once aborted. The slices are the simulator's and
 * the scheduler's own (their generators, read here step by step).
 */
const scenario = () => findScenario('lost-segment')!;
/** Events a slice: a few dozen slices in each phase. */
const SLICE = 25;

/** The progress a load must report when it pauses after every slice: the generators' own steps, scaled. */
function everySlice(sliceEvents: number): LoadProgress[] {
  const out: LoadProgress[] = [{ phase: 'simulate', fraction: 0, packets: 0 }];
  const sims = simulation(scenario(), sliceEvents);
  let step = sims.next();
  for (; !step.done; step = sims.next()) out.push({ phase: 'simulate', fraction: step.value.fraction * 0.8, packets: step.value.packets });
  const sim = step.value;
  const plans = timing(sim, 'fit', (flightS) => (a, b, lane) => minLaneGapS(a, b, flightS, lane, !!sim.resolver), {}, sliceEvents);
  let placed = plans.next();
  for (; !placed.done; placed = plans.next()) out.push({ phase: 'schedule', fraction: 0.8 + placed.value * 0.2, packets: sim.packets.length });
  out.push({ phase: 'schedule', fraction: 1, packets: sim.packets.length });
  return out;
}

describe('loadModel: slices, progress, pauses', () => {
  it('with a slice’s time up at every check, pauses after every slice and reports each: simulating is 0–80 % of the bar, scheduling the rest', async () => {
    let clock = 0;
    let pauses = 0;
    const seen: LoadProgress[] = [];
    // The clock moves exactly sliceMs between checks: a slice that has run sliceMs is over (not "still under").
    await loadModel(scenario(), { now: () => (clock += 7), sliceMs: 7, pause: async () => void pauses++, sliceEvents: SLICE, onProgress: (p) => seen.push(p) });
    const expected = everySlice(SLICE);
    expect(seen).toEqual(expected.map((p) => ({ ...p, fraction: expect.closeTo(p.fraction, 12) })));
    expect(expected.filter((p) => p.phase === 'simulate').length).toBeGreaterThan(3);
    expect(expected.filter((p) => p.phase === 'schedule').length).toBeGreaterThan(3);
    // One pause before the first slice (the bar is drawn), one after each slice but the last of all.
    expect(pauses).toBe(expected.length - 1);
  });

  it('pauses once 30 ms have gone by, by default, and not before', async () => {
    let clock = 0;
    let pauses = 0;
    // 10 ms a check: a pause every third check, as the slice reaches 30 ms (the reset reads the clock too).
    await loadModel(scenario(), { now: () => (clock += 10), pause: async () => void pauses++, sliceEvents: SLICE });
    const slices = everySlice(SLICE).length - 2;
    let expected = 1;
    let start = 20; // the first pause's reset reads 20
    let now = 20;
    for (let i = 0; i < slices; i++) {
      now += 10;
      if (now - start >= 30) {
        expected++;
        now += 10;
        start = now;
      }
    }
    expect(pauses).toBe(expected);
    // A clock that never moves: only the pause before the first slice, and progress only at the start and the end.
    const seen: LoadProgress[] = [];
    let still = 0;
    const model = await loadModel(scenario(), { now: () => 0, pause: async () => void still++, sliceEvents: SLICE, onProgress: (p) => seen.push(p) });
    expect(still).toBe(1);
    expect(seen).toEqual([
      { phase: 'simulate', fraction: 0, packets: 0 },
      { phase: 'schedule', fraction: 1, packets: model.sim.packets.length },
    ]);
  });

  it('draws the bar before the first slice: progress 0 is reported before the first pause', async () => {
    const order: string[] = [];
    await loadModel(scenario(), { now: () => 0, pause: async () => void order.push('pause'), onProgress: (p) => order.push(`${p.phase} ${p.fraction}`) });
    expect(order).toEqual(['simulate 0', 'pause', 'schedule 1']);
  });

  it('stops at the pause after the abort, in either phase, with an AbortError that names the scenario; nothing is reported after it', async () => {
    const total = everySlice(SLICE).length - 1;
    for (const abortAt of [1, 3, total - 2]) {
      const abort = new AbortController();
      let clock = 0;
      let pauses = 0;
      const seen: LoadProgress[] = [];
      const load = loadModel(scenario(), {
        now: () => (clock += 7),
        sliceMs: 7,
        sliceEvents: SLICE,
        signal: abort.signal,
        onProgress: (p) => seen.push(p),
        pause: async () => {
          if (++pauses === abortAt) abort.abort();
        },
      });
      await expect(load).rejects.toThrow(new DOMException('loading lost-segment was cancelled', 'AbortError'));
      await load.catch((e: DOMException) => expect(e.name).toBe('AbortError'));
      expect([pauses, seen.length]).toEqual([abortAt, abortAt]);
    }
  });
});
