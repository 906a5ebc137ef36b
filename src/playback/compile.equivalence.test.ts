import { describe, expect, it } from 'vitest';
import { createPrng } from '../sim/prng';
import { findScenario, pageScenarioIds } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { frameCount } from '../timeline/eventsUpTo';
import { schedule } from '../timeline/schedule';
import { bannerMotion, dropMotion, flightMotion, pulseAt, skipMotion } from './animate';
import { compilePlan } from './compile';
import { planIndex } from './planIndex';
import { playhead } from './tweenMath';

// The oracle is GSAP itself: the plan compiled into one paused timeline, sought in random
// order; the direct evaluation must give the very same numbers (not merely close ones),
// or pixels would differ from the goldens drawn with the timeline.
const small = pageScenarioIds().filter((id) => id !== 'bulk');

describe.each(small)('direct evaluation equals the GSAP timeline: %s', (id) => {
  const plan = schedule(simulate(findScenario(id)!));
  const index = planIndex(plan);
  for (const reduced of [false, true]) {
    it(`every frame, in random order${reduced ? ' (reduced motion)' : ''}`, () => {
      const { timeline, state } = compilePlan(plan, { reducedMotion: reduced });
      const total = frameCount(plan);
      const order = Array.from({ length: total }, (_, i) => i);
      const rng = createPrng(11);
      for (let i = total - 1; i > 0; i--) {
        const j = rng.u32() % (i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      const misses: unknown[] = [];
      const same = (what: string, frame: number, ours: unknown, gsap: unknown) => {
        if (JSON.stringify(ours) !== JSON.stringify(gsap)) misses.push({ what, frame, ours, gsap });
      };
      for (const frame of order.slice(0, 400)) {
        const t = frame / plan.fps;
        timeline.totalTime(t, true);
        const at = playhead(t);
        plan.flights.forEach((f, i) => same(`flight ${i}`, frame, flightMotion(f, at, reduced), { progress: state.flights[i].progress, alpha: state.flights[i].alpha }));
        plan.drops.forEach((d, i) => same(`drop ${i}`, frame, dropMotion(d, at), { alpha: state.drops[i].alpha, scale: state.drops[i].scale }));
        plan.banners.forEach((b, i) => same(`banner ${i}`, frame, bannerMotion(b, at, plan.durationS), { alpha: state.banners[i].alpha, scale: state.banners[i].scale }));
        plan.skips.forEach((k, i) => same(`skip ${i}`, frame, skipMotion(k, at), state.skips[i].alpha));
        same('pulse', frame, [pulseAt(index.badges.client, at), pulseAt(index.badges.server, at)], [state.pulse.client.value, state.pulse.server.value]);
      }
      expect(misses.slice(0, 5)).toEqual([]);
      timeline.kill();
    }, 60_000);
  }
});
