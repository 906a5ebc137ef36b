import { describe, expect, it } from 'vitest';
import type { BadgeChange, Banner, Drop, Flight, Plan, Skip } from '../timeline/plan';
import { compilePlan, type TweenState } from './compile';

/**
 * The GSAP reference (compilePlan) on a plan built by hand, no simulator: every number worked out
 * by hand from the motion rules (timeline/motion.ts) and the eases' formulas, not from our
 * evaluator: power1.inOut(x) = 2x² below ½, 1 − 2(1 − x)² above; back.out(c)(p) = 1 + (c + 1)(p − 1)³
 * + c(p − 1)²; power2.out(p) = 1 − (1 − p)³ (GSAP's power2 is cubic); fades are linear.
 */
const flight = (packetId: number, from: 'client' | 'server', startS: number, endS: number, over: Partial<Flight> = {}): Flight =>
  ({ packetId, label: `P${packetId}`, caption: '', bytes: 100, card: { title: '', lines: [] }, layer: 'tcp', from, to: from === 'client' ? 'server' : 'client', lane: from === 'client' ? 0 : 1, startS, endS, ...over }) as Flight;

const plan = {
  fps: 20,
  durationS: 10,
  flights: [flight(0, 'client', 1, 2.2), flight(1, 'server', 2, 3, { lost: { trip: 0.5, reason: 'r' } })],
  drops: [{ packetId: 1, flight: 1, atS: 3, caption: '✕' }] as Drop[],
  // A short banner (fades a third of its length), one cut by the next at its start (no length), one to the end (stays).
  banners: [
    { text: 'short', startS: 1, endS: 1.3 },
    { text: 'cut', startS: 4, endS: 4 },
    { text: 'last', startS: 6, endS: 10 },
  ] as Banner[],
  skips: [{ atS: 5, endS: 6, skippedUs: 1e6, text: '▶▶' }] as Skip[],
  // The client changes state at 1, twice at 1.2 (the first of the two has no time to pulse), the server at 2.
  badges: [
    { node: 'client', atS: 1, state: 'SYN_SENT' },
    { node: 'client', atS: 1.2, state: 'SYN_RCVD' },
    { node: 'client', atS: 1.2, state: 'ESTABLISHED' },
    { node: 'server', atS: 2, state: 'SYN_RCVD' },
  ] as BadgeChange[],
} as unknown as Plan;

const backOut = (c: number) => (p: number) => 1 + (c + 1) * (p - 1) ** 3 + c * (p - 1) ** 2;

/** The compiled timeline sought to t; every number read from its state. */
function at(state: TweenState, timeline: gsap.core.Timeline, t: number) {
  timeline.totalTime(t, true);
  return {
    flights: state.flights.map((f) => [f.progress, f.alpha]),
    drop: [state.drops[0].alpha, state.drops[0].scale],
    banners: state.banners.map((b) => [b.alpha, b.scale]),
    skip: state.skips[0].alpha,
    pulse: [state.pulse.client.value, state.pulse.server.value],
  };
}

/** Equal to 1e-6 (GSAP rounds a rendered value to 1e-6; our hand sums carry float noise). */
const near = (actual: unknown, expected: unknown) => {
  const a = [actual].flat(Number.POSITIVE_INFINITY) as number[];
  const e = [expected].flat(Number.POSITIVE_INFINITY) as number[];
  expect(a.length === e.length && a.every((x, i) => Math.abs(x - e[i]) <= 1.5e-6), `${JSON.stringify(actual)} ≈ ${JSON.stringify(expected)}`).toBe(true);
};

describe('compilePlan: the GSAP reference on a hand-built plan', () => {
  it('a sprite fades in over 0.15 s as it leaves, slides on power1.inOut, fades out over 0.15 s as it lands', () => {
    const { timeline, state } = compilePlan(plan);
    const f0 = (t: number) => at(state, timeline, t).flights[0];
    near(f0(0), [0, 0]);
    near(f0(0.99), [0, 0]);
    near(f0(1.075), [2 * (0.075 / 1.2) ** 2, 0.5]);
    near(f0(1.3), [2 * 0.25 ** 2, 1]);
    near(f0(1.6), [0.5, 1]);
    near(f0(1.9), [1 - 2 * 0.25 ** 2, 1]);
    near(f0(2.2), [1, 1]);
    near(f0(2.275), [1, 0.5]);
    near(f0(2.35), [1, 0]);
    near(f0(9), [1, 0]);
    timeline.kill();
  });

  it('a lost sprite follows the first `trip` of a whole flight’s curve and dies there, fading', () => {
    const { timeline, state } = compilePlan(plan);
    const f1 = (t: number) => at(state, timeline, t).flights[1];
    near(f1(1.5), [0, 0]);
    // Half its screen time is a quarter of a whole flight: power1.inOut(0.25) = 0.125.
    near(f1(2.5), [0.125, 1]);
    near(f1(2.25), [2 * 0.125 ** 2, 1]);
    // It dies at trip 0.5: power1.inOut(0.5) = 0.5 of the link.
    near(f1(3), [0.5, 1]);
    near(f1(3.075), [0.5, 0.5]);
    near(f1(4), [0.5, 0]);
    timeline.kill();
  });

  it('in reduced motion a sprite stands at its arrival end from 0.3 s before it lands; a lost one where it died, as it dies', () => {
    const { timeline, state } = compilePlan(plan, { reducedMotion: true });
    const f = (t: number) => at(state, timeline, t).flights;
    near(f(0), [[1, 0], [0.5, 0]]);
    near(f(1.85), [[1, 0], [0.5, 0]]);
    near(f(1.95), [[1, 0.5], [0.5, 0]]);
    near(f(2.1), [[1, 1], [0.5, 0]]);
    near(f(2.25), [[1, 0.5], [0.5, 0]]);
    near(f(2.5), [[1, 0], [0.5, 0]]);
    near(f(2.99), [[1, 0], [0.5, 0]]);
    near(f(3.05), [[1, 0], [0.5, 0.5]]);
    near(f(3.2), [[1, 0], [0.5, 1]]);
    near(f(3.35), [[1, 0], [0.5, 0.5]]);
    near(f(3.5), [[1, 0], [0.5, 0]]);
    timeline.kill();
  });

  it('the ✕ pops in on back.out(3) over 0.2 s (alpha and scale 0.6 → 1), holds 1 s, fades over 0.5 s', () => {
    const { timeline, state } = compilePlan(plan);
    const drop = (t: number) => at(state, timeline, t).drop;
    near(drop(2.9), [0, 0.6]);
    near(drop(3.1), [backOut(3)(0.5), 0.6 + 0.4 * backOut(3)(0.5)]);
    near(drop(3.5), [1, 1]);
    near(drop(4), [1, 1]);
    near(drop(4.25), [0.5, 1]);
    near(drop(4.5), [0, 1]);
    timeline.kill();
  });

  it('a banner pops in on back.out(2) over a third of its length (at most 0.25 s) and fades before its end; a cut one never shows; the last stays', () => {
    const { timeline, state } = compilePlan(plan);
    const banners = (t: number) => at(state, timeline, t).banners;
    near(banners(0.5), [[0, 0.9], [0, 0.9], [0, 0.9]]);
    near(banners(1.05), [[backOut(2)(0.5), 0.9 + 0.1 * backOut(2)(0.5)], [0, 0.9], [0, 0.9]]);
    near(banners(1.15), [[1, 1], [0, 0.9], [0, 0.9]]);
    near(banners(1.25), [[0.5, 1], [0, 0.9], [0, 0.9]]);
    near(banners(1.3), [[0, 1], [0, 0.9], [0, 0.9]]);
    near(banners(4), [[0, 1], [0, 1], [0, 0.9]]);
    near(banners(6.125), [[0, 1], [0, 1], [backOut(2)(0.5), 0.9 + 0.1 * backOut(2)(0.5)]]);
    near(banners(9.9), [[0, 1], [0, 1], [1, 1]]);
    near(banners(10), [[0, 1], [0, 1], [1, 1]]);
    timeline.kill();
    // A banner of no length at the very end (nothing cuts it): it pops to full at once and stays, forwards or back.
    const atEnd = compilePlan({ ...plan, banners: [{ text: 'end', startS: 10, endS: 10 }] } as Plan);
    near([9.9, 10, 9.9, 10].map((t) => at(atEnd.state, atEnd.timeline, t).banners), [[[0, 0.9]], [[1, 1]], [[0, 0.9]], [[1, 1]]]);
    atEnd.timeline.kill();
  });

  it('a skip’s caption fades in over 0.2 s, holds 1 s from its start, fades out over 0.3 s', () => {
    const { timeline, state } = compilePlan(plan);
    const skip = (t: number) => at(state, timeline, t).skip;
    near([4.9, 5.1, 5.2, 6, 6.15, 6.3, 7].map(skip), [0, 0.5, 1, 1, 0.5, 0, 0]);
    timeline.kill();
  });

  it('a badge pulses from 1 to 0 on power2.out over 0.7 s, or until that node’s next change', () => {
    const { timeline, state } = compilePlan(plan);
    const pulse = (t: number) => at(state, timeline, t).pulse;
    near(pulse(0.5), [0, 0]);
    near(pulse(1), [1, 0]);
    // Cut to the 0.2 s before the next change: half way is power2.out(0.5) = 0.875 of the way down.
    near(pulse(1.1), [0.125, 0]);
    near(pulse(1.2), [1, 0]);
    near(pulse(1.55), [0.125, 0]);
    near(pulse(1.9), [0, 0]);
    near(pulse(2.35), [0, 0.125]);
    near(pulse(3), [0, 0]);
    timeline.kill();
  });

  it('gives the same numbers whatever was sought before, backwards as well as forwards', () => {
    const times = [0, 1.05, 1.1, 1.2, 1.3, 2.5, 3.1, 3.9, 4, 4.25, 5.1, 6.15, 9.9];
    const { timeline, state } = compilePlan(plan);
    const forward = times.map((t) => JSON.stringify(at(state, timeline, t)));
    const backward = [...times].reverse().map((t) => JSON.stringify(at(state, timeline, t)));
    expect(backward.reverse()).toEqual(forward);
    const fresh = times.map((t) => {
      const c = compilePlan(plan);
      const s = JSON.stringify(at(c.state, c.timeline, t));
      c.timeline.kill();
      return s;
    });
    expect(fresh).toEqual(forward);
    timeline.kill();
  });

  it('is paused: nothing plays by itself, and nothing is drawn before it is sought', () => {
    const { timeline, state } = compilePlan(plan);
    expect(timeline.paused()).toBe(true);
    // Nothing rendered at creation (immediateRender: false): every sprite, mark and caption starts hidden.
    expect(state.flights.map((f) => f.alpha)).toEqual([0, 0]);
    expect(state.flights.map((f) => f.progress)).toEqual([0, 0]);
    expect([state.drops[0].alpha, state.drops[0].scale, state.skips[0].alpha]).toEqual([0, 0.6, 0]);
    expect(state.banners.map((b) => [b.alpha, b.scale])).toEqual([[0, 0.9], [0, 0.9], [0, 0.9]]);
    expect([state.pulse.client.value, state.pulse.server.value]).toEqual([0, 0]);
    expect(timeline.duration()).toBeCloseTo(6.3, 6); // the skip's fade out ends last (the last banner has no fade out)
    timeline.kill();
  });
});
