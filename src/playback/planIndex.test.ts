import { describe, expect, it } from 'vitest';
import type { BadgeChange, Drop, Flight, Plan, TimerRing } from '../timeline/plan';
import { DROP_TAIL_S, dropMotion } from './animate';
import { planIndex } from './planIndex';
import { playhead } from './tweenMath';

/** What a seek looks up besides the plan, and how far back it looks: hand-built plans, values by hand. */
describe('planIndex', () => {
  const ring = (startS: number, endS: number) => ({ startS, endS }) as TimerRing;
  const plan = {
    flights: [{ startS: 0, endS: 1.2 }, { startS: 5, endS: 7.4 }, { startS: 6, endS: 6.36 }] as Flight[],
    badges: [
      { node: 'client', atS: 1 },
      { node: 'server', atS: 2 },
      { node: 'client', atS: 3 },
    ] as BadgeChange[],
    timers: [ring(0, 3), ring(1, 5), ring(2, 6.5), ring(3, 63)],
  } as Plan;

  it('looks back the longest flight plus its fade-out window, a microsecond more', () => {
    expect(planIndex(plan).flightTailS).toBeCloseTo(2.4 + 0.4 + 1e-6, 12);
  });

  it('keeps rings longer than four seconds apart (checked one by one), each node’s state changes apart', () => {
    const index = planIndex(plan);
    expect(index.longRings).toEqual([ring(2, 6.5), ring(3, 63)]);
    expect(index.badges.client.map((b) => b.atS)).toEqual([1, 3]);
    expect(index.badges.server.map((b) => b.atS)).toEqual([2]);
  });

  it('is built once per plan', () => {
    expect(planIndex(plan)).toBe(planIndex(plan));
  });
});

describe('the look-back for ✕ marks', () => {
  it('DROP_TAIL_S is how long a ✕ stays visible: it pops, holds, then fades out', () => {
    const d = { atS: 10 } as Drop;
    expect(dropMotion(d, playhead(10 + DROP_TAIL_S - 0.01)).alpha).toBeGreaterThan(0);
    expect(dropMotion(d, playhead(10 + DROP_TAIL_S)).alpha).toBe(0);
  });
});

describe('playhead', () => {
  it('is 0 at and before the start, rounded to 1e-7 after', () => {
    expect([playhead(-0.3), playhead(0), playhead(0.123456789)]).toEqual([0, 0, 0.1234568]);
  });
});
