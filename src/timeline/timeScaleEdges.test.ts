import { describe, expect, it } from 'vitest';
import type { Simulation } from '../sim/types';
import { defaultScheduleOptions, schedule } from './schedule';
import { MAX_FIT_S, timedPlan, timing } from './timeScale';
import { traceBuilder } from './traceBuilder';

/**
 * The time scales' edges on hand-built traces (40 ms RTT), numbers worked out by hand. Several
 * traces send every packet at once on one lane, so each waits the lane gap behind the one ahead:
 * with no lead-in and no tail the plan lasts exactly n gaps, and choosing the gap (laneGapFor is
 * asked for it at each flight length) sets the length of each "fit" pass to the binary fraction.
 */
const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** n packets client → server, all sent at 0 (not TCP data: none is drawn compact). */
function burst(n: number): Simulation {
  const b = traceBuilder({ rttUs: 40_000 });
  for (let i = 0; i < n; i++) b.packet('client', 'server', `P${i}`, 0, 20_000);
  return b.build();
}
const bare = { leadInS: 0, tailS: 0 };

/** A data segment and its ACK, `exchanges` times, one RTT apart, `idleUs` of nothing after the first half, and a burst of two data segments 1 ms apart at the end, the second answered 5 ms after it leaves. */
function mixed(exchanges: number, idleUs: number): Simulation {
  const b = traceBuilder({ rttUs: 40_000 });
  let t = 0;
  for (let i = 0; i < exchanges; i++) {
    if (i === exchanges >> 1) t += idleUs;
    b.packet('server', 'client', 'data', t, 20_000, { totalLength: 1500 });
    b.packet('client', 'server', 'ACK', t + 20_000, 20_000);
    t += 40_000;
  }
  b.packet('server', 'client', 'data A', t, 20_000, { totalLength: 1500 });
  // B's trip is short (5 ms): its ACK leaves at B's network arrival, before its sprite has landed.
  b.packet('server', 'client', 'data B', t + 1_000, 5_000, { totalLength: 1500 });
  b.packet('client', 'server', 'ACK B', t + 6_000, 20_000);
  return b.build();
}

describe('fit: when to fast-forward, and how far', () => {
  it('a plan of exactly MAX_FIT_S × 1.05 (630 s) stays as it is', () => {
    // 504 packets, each 1.25 s behind the one ahead and 1.25 s in flight: 504 × 1.25 = 630 s.
    const sim = burst(504);
    const gap = (flightS: number) => () => flightS;
    const plan = timedPlan(sim, 'fit', gap, { ...bare, flightS: 1.25 });
    expect(plan.durationS).toBe(MAX_FIT_S * 1.05);
    expect(plan).toEqual(schedule(sim, { ...bare, flightS: 1.25, laneGapS: () => 1.25 }));
    expect(plan.scaleNote).not.toMatch(/fast-forward/);
  });

  it('measures at most four times: a trace that never fits is planned at the fourth pass’s settings', () => {
    // The lane gap never shrinks: 800 packets take 800 s at any flight length.
    const asked: number[] = [];
    const plan = timedPlan(burst(800), 'fit', (flightS) => (asked.push(flightS), () => 1), bare);
    // Four measuring passes (the first at 1.2 s, three shrinking), then the plan at the last one's flight.
    expect(asked).toHaveLength(5);
    expect(asked[4]).toBe(asked[3]);
    expect(asked[0]).toBe(1.2);
    expect(asked.slice(1).every((f, i) => f < asked[i] || i === 3)).toBe(true);
    expect(plan.durationS).toBeGreaterThan(MAX_FIT_S * 1.05);
    // 801.2 s at first, 800 s and a shorter flight at the end: 13 min both, said once. 1 RTT is two of the last flights.
    expect(2 * asked[4]).toBeGreaterThan(1);
    expect(plan.scaleNote).toBe(`fast-forward: 1 RTT = 40 ms ⇒ ${(2 * asked[4]).toFixed(1)} s on screen, 13 min in all`);
  });

  it('shrinks skips, lane gaps and the clock with the flights, and lets a reply leave before what it answers lands', () => {
    const sim = mixed(300, 5_000_000);
    const natural = schedule(sim);
    expect(natural.durationS).toBeGreaterThan(MAX_FIT_S * 1.05);
    const plan = timedPlan(sim, 'fit');
    const flightS = plan.flights[0].endS - plan.flights[0].startS;
    const factor = flightS / defaultScheduleOptions.flightS;
    expect(factor).toBeGreaterThan(0.7);
    expect(factor).toBeLessThan(0.9);
    // The 5 s of nothing: one skip of skipS × factor.
    expect(plan.skips).toHaveLength(1);
    expect(plan.skips[0].endS - plan.skips[0].atS).toBeCloseTo(defaultScheduleOptions.skipS * factor, 9);
    // The burst: B leaves one shrunk lane gap (0.72 × factor) after A.
    const [a, b, ack] = plan.flights.slice(-3);
    expect(b.startS - a.startS).toBeCloseTo(defaultScheduleOptions.minLaneGapS * factor, 9);
    // Its ACK leaves at its network time, 5 ms after B (a quarter of a 20 ms flight), before B lands on screen: nobody waits.
    expect(ack.startS).toBeCloseTo(b.startS + flightS / 4, 9);
    expect(ack.startS).toBeLessThan(b.endS);
    const shrunk = schedule(sim, { flightS, networkScale: 60 * factor, skipS: defaultScheduleOptions.skipS * factor, minLaneGapS: defaultScheduleOptions.minLaneGapS * factor, causal: false });
    expect(plan.flights.map((f) => round(f.startS))).toEqual(shrunk.flights.map((f) => round(f.startS)));
    expect(round(plan.durationS)).toBe(round(shrunk.durationS));
  });

  it('the share of the work only grows over a sliced fast-forward, pass after pass', () => {
    const sim = mixed(300, 0);
    const shares: number[] = [];
    const run = timing(sim, 'fit', undefined, {}, 300);
    let step = run.next();
    for (; !step.done; step = run.next()) shares.push(step.value);
    // 1,206 events, 4 slices a pass: the first pass, a second (it fits then), then the plan as the fifth of five.
    expect(shares.map(round)).toEqual([1, 2, 3, 4].map((k) => round(k * (300 / 1206) / 5)).concat([1, 2, 3, 4].map((k) => round((1 + (k * 300) / 1206) / 5)), [1, 2, 3, 4].map((k) => round((4 + (k * 300) / 1206) / 5)), [1, 1, 1]));
    expect(step.value).toEqual(timedPlan(sim, 'fit'));
  });
});

describe('fit: the fast-forward’s note', () => {
  it('says whole seconds and minutes from 10 up, tenths from 1, hundredths below, one digit under a hundredth', () => {
    // A first pass of 960 s (16 min) makes the factor 600 / 960 = 0.625 exactly; the lane gap is the
    // flight, so the second pass lasts n × the shrunk flight and fits.
    const gap = (flightS: number) => () => flightS;
    // o.flightS 8: 120 packets take 960 s, then 120 × 5 s = 600 s; 1 RTT = 2 × 8 × 0.625 = 10 s.
    expect(timedPlan(burst(120), 'fit', gap, { ...bare, flightS: 8 }).scaleNote).toBe('fast-forward: 1 RTT = 40 ms ⇒ 10 s on screen, to fit 16 min into 10 min');
    // o.flightS 1: 1,200 packets take 1,200 s (factor 0.5), then 1,200 × 0.5 s = 600 s; 1 RTT = 2 × 1 × 0.5 = 1 s.
    expect(timedPlan(burst(1200), 'fit', gap, { ...bare, flightS: 1 }).scaleNote).toBe('fast-forward: 1 RTT = 40 ms ⇒ 1.0 s on screen, to fit 20 min into 10 min');
    // Two packets: 959.99609375 s of lane gap at the first flight (2⁻⁸ s), 1 s at any other; the flight floors at 0.25 s.
    const tiny = 2 ** -8;
    const plan = timedPlan(burst(2), 'fit', (flightS) => () => (flightS === tiny ? 960 - tiny : 1), { ...bare, flightS: tiny });
    expect(plan.durationS).toBe(1.25);
    // 1 RTT = 2 × 2⁻⁸ × 0.625 = 0.0048828125 s: "0.005"; 1.25 s is 0.0208 min: "0.02".
    expect(plan.scaleNote).toBe('fast-forward: 1 RTT = 40 ms ⇒ 0.005 s on screen, to fit 16 min into 0.02 min');
  });
});

describe('real time × k: the clock’s last stretch', () => {
  /** A and B 1 ms apart on one lane (B waits for the lane: the clock holds), then C 0.5 s later. */
  function held(): Simulation {
    const b = traceBuilder({ rttUs: 40_000 });
    b.packet('client', 'server', 'A', 0, 20_000);
    b.packet('client', 'server', 'B', 1_000, 20_000);
    b.packet('client', 'server', 'C', 500_000, 20_000);
    return b.build();
  }

  it('runs at k from the last hold to the last event, then holds over the tail', () => {
    const plan = timedPlan(held(), 100);
    const anchors = plan.timeMap.map((a) => [round(a.presS), a.netUs]);
    // Lead-in 0.6 s; B waits 0.72 × 2 / 1.2 = 1.2 s behind A (the clock holds at 1 ms, 0.7 s → 1.8 s);
    // C at 500 ms is 49.9 s later at ×100 (51.7 s), lands at 53.7 s; the clock stops at C's arrival (520 ms) at 53.7 s.
    expect(anchors).toEqual([
      [0, 0],
      [0.6, 0],
      [0.7, 1_000],
      [1.8, 1_000],
      [53.7, 520_000],
      [53.7 + defaultScheduleOptions.tailS, 520_000],
    ]);
    expect(round(plan.flights[2].startS)).toBe(51.7);
  });

  it('adds no anchor when the plan has no tail to stretch over', () => {
    const plan = timedPlan(held(), 100, undefined, { tailS: 0 });
    expect(plan.timeMap.map((a) => [round(a.presS), a.netUs])).toEqual([
      [0, 0],
      [0.6, 0],
      [0.7, 1_000],
      [1.8, 1_000],
      [53.7, 520_000],
    ]);
  });
});
