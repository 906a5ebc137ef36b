import type { Simulation } from '../sim/types';
import type { Plan } from './plan';
import { defaultScheduleOptions, formatRtt, scheduledDuration, scheduling, type ScheduleOptions } from './schedule';

/**
 * How network time becomes screen time. "fit" (the default): one round trip lasts two
 * flights (about two seconds), idle stretches are skipped with a caption, and a capture that
 * would still last longer than MAX_FIT_S is fast-forwarded to about that length. A number k:
 * real time × k, one network second lasting k seconds on screen, nothing skipped.
 */
export type TimeScale = 'fit' | number;

/** The choices the page offers and a link or `--time` may name. */
export const TIME_SCALES: readonly TimeScale[] = ['fit', 1, 10, 100, 1000];
/** Screen time a "fit" plan may take before it is fast-forwarded (ten minutes). */
export const MAX_FIT_S = 600;
/** The shortest flight drawn: a sprite must be seen, even when its real trip lasted microseconds. */
export const MIN_FLIGHT_S = 0.25;

export const timeScaleName = (t: TimeScale): string => (t === 'fit' ? 'fit' : String(t));
export function parseTimeScale(text: string): TimeScale | undefined {
  return TIME_SCALES.find((t) => timeScaleName(t) === text.trim());
}
export const timeScaleLabel = (t: TimeScale): string => (t === 'fit' ? 'fit (1 RTT ≈ 2 s)' : t === 1 ? 'real time' : `real time ×${t.toLocaleString('en-US')}`);

/** The renderer's lane gap for a flight length (timeline/laneGap's minLaneGapS over stage/ geometry, injected by the model). */
export type LaneGapFor = (flightS: number) => ScheduleOptions['laneGapS'];

const fmt = (x: number) => (x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x >= 0.01 ? x.toFixed(2) : x.toPrecision(1));

/** The plan of a trace at a time scale. Pure and deterministic: the same trace and scale give the same plan. */
export function timedPlan(sim: Simulation, time: TimeScale, laneGapFor?: LaneGapFor, base: Partial<ScheduleOptions> = {}): Plan {
  const run = timing(sim, time, laneGapFor, base, Infinity);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
  }
}

/** "fit" measures a trace's length at most this many times (the first pass, then up to three fast-forward passes). */
const MAX_FIT_PASSES = 4;

/**
 * timedPlan in slices of `sliceEvents` events, yielding the share of the work done after each
 * (a page loading 100,000 packets draws progress in between). A "fit" fast-forward is several
 * passes over the events; each is sliced, and the share assumes the most passes (it jumps ahead when
 * fewer are needed). The same plan as timedPlan: slicing changes no value.
 */
export function* timing(sim: Simulation, time: TimeScale, laneGapFor?: LaneGapFor, base: Partial<ScheduleOptions> = {}, sliceEvents = 20_000): Generator<number, Plan> {
  const o = { ...defaultScheduleOptions, ...base };
  let pass = 0;
  // "fit": up to MAX_FIT_PASSES passes that only measure the length, then the plan at the last one's settings.
  const passes = time === 'fit' ? MAX_FIT_PASSES + 1 : 1;
  const optionsAt = (flightS: number, extra: Partial<ScheduleOptions>) => ({ ...base, flightS, laneGapS: laneGapFor?.(flightS), ...extra });
  function* at(flightS: number, extra: Partial<ScheduleOptions>): Generator<number, Plan> {
    const run = scheduling(sim, optionsAt(flightS, extra), sliceEvents);
    let step = run.next();
    for (; !step.done; step = run.next()) yield (pass + step.value) / passes;
    pass++;
    return step.value;
  }
  function* lengthAt(flightS: number, extra: Partial<ScheduleOptions>): Generator<number, number> {
    const run = scheduledDuration(sim, optionsAt(flightS, extra), sliceEvents);
    let step = run.next();
    for (; !step.done; step = run.next()) yield (pass + step.value) / passes;
    pass++;
    return step.value;
  }
  if (time !== 'fit') {
    // Every flight is the trip it really took (half the round trip) × k, but never shorter than MIN_FLIGHT_S.
    const flightS = Math.max(MIN_FLIGHT_S, (sim.rttUs / 2 / 1e6) * time);
    const plan = yield* at(flightS, { networkScale: time, maxIdleS: Number.POSITIVE_INFINITY, causal: false, minLaneGapS: o.minLaneGapS * (flightS / o.flightS) });
    // The schedule stretches its last stretch over the tail; in real time the clock runs at k to the last event, then holds.
    const [before, last] = plan.timeMap.slice(-2);
    const lastS = before ? before.presS + ((last.netUs - before.netUs) / 1e6) * time : 0;
    if (before && lastS > before.presS && lastS < last.presS) plan.timeMap = [...plan.timeMap.slice(0, -1), { presS: lastS, netUs: last.netUs }, last];
    const floor = flightS === MIN_FLIGHT_S ? `; flights last at least ${MIN_FLIGHT_S} s` : '';
    return { ...plan, scaleNote: `${timeScaleLabel(time)}: 1 s of capture = ${time.toLocaleString('en-US')} s on screen (1 RTT = ${formatRtt(sim.rttUs)})${floor}` };
  }
  // A long capture: shrink flights, skips and the clock together until it fits (a few passes; each places
  // every event again, but keeps only the length; the plan is made once, at the settings that fit).
  let flightS = o.flightS;
  let extra: Partial<ScheduleOptions> = {};
  let durationS = yield* lengthAt(flightS, extra);
  const natural = durationS;
  let factor = 1;
  for (let k = 1; k < MAX_FIT_PASSES && durationS > MAX_FIT_S * 1.05; k++) {
    factor *= MAX_FIT_S / durationS;
    flightS = Math.max(MIN_FLIGHT_S, o.flightS * factor);
    extra = { networkScale: (o.flightS / (sim.rttUs / 2 / 1e6)) * factor, skipS: Math.max(2 / o.fps, o.skipS * factor), minLaneGapS: o.minLaneGapS * (flightS / o.flightS), causal: false };
    durationS = yield* lengthAt(flightS, extra);
  }
  pass = passes - 1; // fewer passes than the most: the share jumps ahead
  const plan = yield* at(flightS, extra);
  if (factor === 1) return plan;
  const [from, to] = [fmt(natural / 60), fmt(plan.durationS / 60)];
  // At the flight floor the passes may not shorten it (one frame per packet is the least): no "fit 15 min into 15 min".
  const span = from === to ? `${to} min in all` : `to fit ${from} min into ${to} min`;
  return { ...plan, scaleNote: `fast-forward: 1 RTT = ${formatRtt(sim.rttUs)} ⇒ ${fmt(2 * o.flightS * factor)} s on screen, ${span}` };
}
