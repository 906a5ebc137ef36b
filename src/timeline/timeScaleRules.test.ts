import { describe, expect, it } from 'vitest';
import type { Simulation } from '../sim/types';
import type { Plan } from './plan';
import { defaultScheduleOptions, schedule } from './schedule';
import { MAX_FIT_S, MIN_FLIGHT_S, parseTimeScale, TIME_SCALES, timedPlan, timeScaleLabel, timeScaleName, timing } from './timeScale';
import { traceBuilder } from './traceBuilder';

/**
 * The time scales on small hand-built traces (40 ms RTT), each number worked out by hand from the
 * rule: real time × k makes one network second last k s on screen, every flight its real trip × k
 * (at least MIN_FLIGHT_S), nothing skipped, nobody waits; "fit" is the schedule itself until it would
 * last more than MAX_FIT_S × 1.05, then flights, skips and the clock shrink together.
 */
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const span = (plan: Plan) => plan.flights.map((f) => [round(f.startS), round(f.endS)]);
const steps = (run: Generator<number, Plan>) => {
  const out: number[] = [];
  let s = run.next();
  for (; !s.done; s = run.next()) out.push(round(s.value));
  return { shares: out, plan: s.value };
};

/** A data segment and its ACK, `exchanges` times, one RTT (40 ms) apart. */
function pingPong(exchanges: number): Simulation {
  const b = traceBuilder({ rttUs: 40_000 });
  for (let i = 0; i < exchanges; i++) {
    b.packet('server', 'client', 'data', i * 40_000, 20_000, { totalLength: 1500 });
    b.packet('client', 'server', 'ACK', i * 40_000 + 20_000, 20_000);
  }
  return b.build();
}

describe('names', () => {
  it('offers fit and 1, 10, 100, 1000× real time, by those names only', () => {
    expect(TIME_SCALES.map(timeScaleName)).toEqual(['fit', '1', '10', '100', '1000']);
    expect(TIME_SCALES.map(timeScaleLabel)).toEqual(['fit (1 RTT ≈ 2 s)', 'real time', 'real time ×10', 'real time ×100', 'real time ×1,000']);
    expect(['fit', ' 100 ', '3', 'FIT'].map(parseTimeScale)).toEqual(['fit', 100, undefined, undefined]);
  });
});

describe('real time × k', () => {
  const b = traceBuilder({ rttUs: 40_000 });
  b.packet('client', 'server', 'A', 0, 20_000);
  b.packet('server', 'client', 'B', 20_000, 20_000);
  b.packet('client', 'server', 'C', 10_040_000, 20_000); // after 10 s of nothing
  const sim = b.build();

  it('×100: each flight is its 20 ms trip × 100 = 2 s, idle time shown in full, then the clock holds over the tail', () => {
    const plan = timedPlan(sim, 100);
    expect(span(plan)).toEqual([
      [0.6, 2.6],
      [2.6, 4.6],
      [1004.6, 1006.6],
    ]);
    expect(plan.skips).toEqual([]);
    expect(plan.durationS).toBeCloseTo(1006.6 + defaultScheduleOptions.tailS, 6);
    // The last stretch runs at ×100 to the last event (10.06 s at 1006.6 s), then the clock stops.
    expect(plan.timeMap.slice(-2).map((a) => [round(a.presS), a.netUs])).toEqual([
      [1006.6, 10_060_000],
      [1008.4, 10_060_000],
    ]);
    expect(plan.scaleNote).toBe('real time ×100: 1 s of capture = 100 s on screen (1 RTT = 40 ms)');
    expect(timedPlan(sim, 1000).scaleNote).toBe('real time ×1,000: 1 s of capture = 1,000 s on screen (1 RTT = 40 ms)');
  });

  it('×10: a 0.2 s trip is drawn for MIN_FLIGHT_S, and the answer does not wait for it to land', () => {
    const plan = timedPlan(sim, 10);
    expect(MIN_FLIGHT_S).toBe(0.25);
    expect(span(plan).slice(0, 2)).toEqual([
      [0.6, 0.85],
      [0.8, 1.05],
    ]);
    expect(plan.scaleNote).toBe('real time ×10: 1 s of capture = 10 s on screen (1 RTT = 40 ms); flights last at least 0.25 s');
  });

  it('the lane gap shrinks with the flight: at ×100 it is 0.72 × 2 / 1.2 = 1.2 s', () => {
    const t = traceBuilder({ rttUs: 40_000 });
    t.packet('client', 'server', 'A', 0, 20_000);
    t.packet('client', 'server', 'B', 1_000, 20_000);
    expect(span(timedPlan(t.build(), 100))[1]).toEqual([1.8, 3.8]);
    const asked: number[] = [];
    timedPlan(t.build(), 100, (flightS) => {
      asked.push(flightS);
      return () => 0.5;
    });
    expect(asked).toEqual([2]);
    expect(span(timedPlan(t.build(), 100, () => () => 0.5))[1]).toEqual([1.1, 3.1]);
  });

  it('a trace whose last event ends the clock’s run gets no extra anchor', () => {
    const plan = timedPlan(traceBuilder().build(), 10);
    expect(plan.timeMap.map((a) => [round(a.presS), a.netUs])).toEqual([
      [0, 0],
      [0.6, 0],
      [1.8, 0],
    ]);
  });

  it('one pass, sliced: the share of events placed, then the lists', () => {
    const { shares, plan } = steps(timing(sim, 100, undefined, {}, 2));
    expect(shares).toEqual([2 / 6, 4 / 6, 1, 1, 1].map(round));
    expect(plan).toEqual(timedPlan(sim, 100));
  });
});

describe('fit', () => {
  it('a short trace: the schedule itself, its scale note included', () => {
    const sim = pingPong(3);
    const plan = timedPlan(sim, 'fit');
    expect(plan).toEqual(schedule(sim));
    expect(plan.scaleNote).toBe('1 RTT = 40 ms ⇒ 2.4 s on screen (60× slower)');
    // The options given are the schedule's; the lane gap comes from laneGapFor at the flight length.
    const asked: number[] = [];
    const gapped = timedPlan(sim, 'fit', (flightS) => (asked.push(flightS), () => 0.3), { leadInS: 1 });
    expect(gapped).toEqual(schedule(sim, { leadInS: 1, laneGapS: () => 0.3 }));
    expect(asked).toEqual([1.2, 1.2]);
  });

  it('measures once, then jumps to the last of five passes to make the plan', () => {
    const sim = pingPong(1); // 4 events
    const { shares } = steps(timing(sim, 'fit', undefined, {}, 1));
    expect(shares).toEqual([0.25 / 5, 0.5 / 5, 0.75 / 5, 4.25 / 5, 4.5 / 5, 4.75 / 5, 1, 1, 1].map(round));
  });

  it('just under the bound (MAX_FIT_S × 1.05) it stays; past it, flights, skips and the clock shrink together to about MAX_FIT_S', () => {
    // 2.4 s an exchange on screen: 262 of them end at 630.96 s, past 630; 261 end at 628.56 s.
    expect(schedule(pingPong(261)).durationS).toBeLessThan(MAX_FIT_S * 1.05);
    expect(timedPlan(pingPong(261), 'fit').durationS).toBe(schedule(pingPong(261)).durationS);
    const sim = pingPong(300);
    const natural = schedule(sim).durationS;
    expect(natural).toBeGreaterThan(MAX_FIT_S * 1.05);
    const plan = timedPlan(sim, 'fit');
    const flightS = plan.flights[0].endS - plan.flights[0].startS;
    const factor = flightS / defaultScheduleOptions.flightS;
    expect(factor).toBeLessThan(1);
    expect(factor).toBeGreaterThan(0.7);
    expect(plan.durationS).toBeLessThanOrEqual(MAX_FIT_S * 1.05);
    expect(plan.durationS).toBeGreaterThan(MAX_FIT_S * 0.9);
    // Everything shrinks by the same factor, and the departures no longer wait for arrivals.
    const shrunk = schedule(sim, { flightS, networkScale: 60 * factor, skipS: defaultScheduleOptions.skipS * factor, minLaneGapS: defaultScheduleOptions.minLaneGapS * factor, causal: false });
    expect(plan.durationS).toBeCloseTo(shrunk.durationS, 6);
    for (let i = 0; i < plan.flights.length; i += 37) expect(plan.flights[i].startS).toBeCloseTo(shrunk.flights[i].startS, 6);
    // 722.4 s is 12 min, 600.4 s is 10 min; the flights last 1.2 × 600 / 722.4 ≈ 1.0 s.
    expect([natural, plan.durationS].map((x) => Math.round(x / 6) / 10)).toEqual([12, 10]);
    expect(plan.scaleNote).toBe('fast-forward: 1 RTT = 40 ms ⇒ 2.0 s on screen, to fit 12 min into 10 min');
  });

  it('a trace four times too long: several passes, flights under a second said in hundredths', () => {
    const sim = pingPong(1000); // 2,400 s at the usual scale: 40 min
    const plan = timedPlan(sim, 'fit');
    const flightS = plan.flights[0].endS - plan.flights[0].startS;
    expect(flightS).toBeLessThan(0.5);
    expect(plan.durationS).toBeLessThanOrEqual(MAX_FIT_S * 1.05);
    expect(plan.scaleNote).toMatch(/^fast-forward: 1 RTT = 40 ms ⇒ 0\.\d\d s on screen, to fit 40 min into (9\.\d|10) min$/);
    expect(plan.scaleNote).toContain(`⇒ ${(2 * flightS).toFixed(2)} s`);
  });
});
