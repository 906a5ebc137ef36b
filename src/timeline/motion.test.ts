import { describe, expect, it } from 'vitest';
import { eases, FADE_S, FLIGHT_EASE, flightTailS, lostEase, lostProgress, REDUCED_FADE_S, REDUCED_SHOW_S } from './motion';

/**
 * The eases as their textbook formulas (Robert Penner's, which GSAP's power and back eases
 * follow): quadratic in-out for a flight, back-out with overshoot 3 and 2, cubic out.
 */
const quadInOut = (x: number) => (x < 0.5 ? 2 * x * x : 1 - 2 * (1 - x) ** 2);
const backOut = (s: number) => (x: number) => 1 + (s + 1) * (x - 1) ** 3 + s * (x - 1) ** 2;
const cubicOut = (x: number) => 1 - (1 - x) ** 3;
const xs = [0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 1];

describe('motion eases', () => {
  it('are the named curves', () => {
    expect(FLIGHT_EASE).toBe('power1.inOut');
    for (const x of xs) {
      expect(eases.flight(x)).toBeCloseTo(quadInOut(x), 12);
      expect(eases.linear(x)).toBeCloseTo(x, 12);
      expect(eases.dropPop(x)).toBeCloseTo(backOut(3)(x), 12);
      expect(eases.bannerPop(x)).toBeCloseTo(backOut(2)(x), 12);
      expect(eases.pulse(x)).toBeCloseTo(cubicOut(x), 12);
    }
  });

  it('a lost sprite follows the flight curve over the first `trip` of it, then stops there', () => {
    expect(lostProgress(0.5)).toBeCloseTo(0.5, 12);
    expect(lostProgress(0.3)).toBeCloseTo(0.18, 12);
    const ease = lostEase(0.3);
    for (const x of xs) expect(ease(x)).toBeCloseTo(quadInOut(0.3 * x) / 0.18, 12);
    expect(ease(1)).toBeCloseTo(1, 12);
  });

  it('a flight is on screen for its trip plus the longer of a fade and the reduced-motion window', () => {
    expect(REDUCED_SHOW_S + REDUCED_FADE_S).toBeGreaterThan(FADE_S);
    expect(flightTailS(1.2)).toBeCloseTo(1.2 + 0.4, 12);
    expect(flightTailS(0)).toBeCloseTo(0.4, 12);
  });
});
