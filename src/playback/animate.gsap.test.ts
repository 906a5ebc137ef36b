import { describe, expect, it } from 'vitest';
import type { BadgeChange, Banner, Drop, Flight, Plan, Skip } from '../timeline/plan';
import { bannerMotion, dropMotion, flightMotion, pulseAt, skipMotion } from './animate';
import { compilePlan } from './compile';
import { planIndex } from './planIndex';
import { playhead } from './tweenMath';

/**
 * The direct evaluation against GSAP itself (compilePlan's paused timeline) on a plan built by
 * hand to hold every edge the scheduler can make, without simulating anything: sprites that
 * overlap and touch, a lost one, a ✕ whose pop and fade follow each other, banners cut short
 * by the next and lasting to the end, skips back to back, state changes closer together
 * than a pulse. Every frame at 60 fps and off-grid times between them, in a shuffled order.
 */
const flight = (startS: number, endS: number, lost?: number): Flight => ({ startS, endS, ...(lost !== undefined && { lost: { trip: lost, reason: 'r' } }) }) as Flight;
const banner = (startS: number, endS: number): Banner => ({ text: 'b', startS, endS });
const plan = {
  fps: 60,
  durationS: 9,
  flights: [flight(0.5, 1.7), flight(0.6, 1.8), flight(1.7, 2.9), flight(2, 2.36, 0.3), flight(3.05, 3.41, 0.3), flight(4, 5.2), flight(8.2, 9)],
  drops: [{ atS: 2.36 }, { atS: 3.41 }] as Drop[],
  banners: [banner(0.4, 1), banner(1, 1.3), banner(2.5, 5.1), banner(6, 9)],
  skips: [{ atS: 5.5 } as Skip, { atS: 6.5 } as Skip, { atS: 6.9 } as Skip],
  badges: [
    { node: 'client', atS: 0.5, state: 'SYN_SENT' },
    { node: 'server', atS: 1.7, state: 'SYN_RCVD' },
    { node: 'client', atS: 2.9, state: 'ESTABLISHED' },
    { node: 'client', atS: 3.1, state: 'FIN_WAIT_1' },
    { node: 'server', atS: 3.1, state: 'ESTABLISHED' },
    { node: 'client', atS: 3.1, state: 'FIN_WAIT_2' },
    { node: 'client', atS: 8, state: 'TIME_WAIT' },
  ] as BadgeChange[],
  timers: [],
} as unknown as Plan;

function times(): number[] {
  const out: number[] = [];
  for (let f = 0; f <= plan.durationS * plan.fps; f++) out.push(f / plan.fps, (f + 0.37) / plan.fps);
  // exact tween starts and ends, as a seek lands on them
  for (const f of plan.flights) out.push(f.startS, f.endS, f.endS + 0.15, f.endS - 0.3, f.endS + 0.3);
  for (const x of [...plan.drops.map((d) => d.atS), ...plan.banners.flatMap((b) => [b.startS, b.endS]), ...plan.skips.map((k) => k.atS)]) out.push(x, x + 0.2, x + 1, x + 1.5);
  // a fixed shuffle (a multiplicative step coprime with the length), so the seek order jumps back and forth
  return out.map((_, i) => out[(i * 7919) % out.length]);
}

describe('animate against the GSAP timeline, on a hand-built plan', () => {
  for (const reduced of [false, true]) {
    it(`the same numbers at every moment, in any seek order${reduced ? ' (reduced motion)' : ''}`, () => {
      const { timeline, state } = compilePlan(plan, { reducedMotion: reduced });
      const index = planIndex(plan);
      const misses: unknown[] = [];
      const same = (what: string, t: number, ours: unknown, gsap: unknown) => {
        if (JSON.stringify(ours) !== JSON.stringify(gsap)) misses.push({ what, t, ours, gsap });
      };
      for (const t of times()) {
        timeline.totalTime(t, true);
        const at = playhead(t);
        plan.flights.forEach((f, i) => same(`flight ${i}`, t, flightMotion(f, at, reduced), { progress: state.flights[i].progress, alpha: state.flights[i].alpha }));
        plan.drops.forEach((d, i) => same(`drop ${i}`, t, dropMotion(d, at), { alpha: state.drops[i].alpha, scale: state.drops[i].scale }));
        plan.banners.forEach((b, i) => same(`banner ${i}`, t, bannerMotion(b, at, plan.durationS), { alpha: state.banners[i].alpha, scale: state.banners[i].scale }));
        plan.skips.forEach((k, i) => same(`skip ${i}`, t, skipMotion(k, at), state.skips[i].alpha));
        same('pulse', t, [pulseAt(index.badges.client, at), pulseAt(index.badges.server, at)], [state.pulse.client.value, state.pulse.server.value]);
      }
      timeline.kill();
      expect(misses.slice(0, 5)).toEqual([]);
    });
  }
});
