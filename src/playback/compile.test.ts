import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { createPrng } from '../sim/prng';
import { frameCount, timeToFrame } from '../timeline/eventsUpTo';
import { schedule } from '../timeline/schedule';
import { createEvaluator } from './engine';

const plan = schedule(simulate(findScenario('https')!));
const total = frameCount(plan);

describe('compiled timeline', () => {
  it('gives the same view whatever frame was shown before (seek a→b equals 0→b)', () => {
    const fresh = createEvaluator(plan);
    const walked = createEvaluator(plan);
    const rng = createPrng(5);
    for (let i = 0; i < 400; i++) {
      const a = rng.u32() % total;
      const b = rng.u32() % total;
      walked.evaluate(a);
      const viaA = JSON.stringify(walked.evaluate(b));
      fresh.evaluate(0);
      expect(viaA).toBe(JSON.stringify(fresh.evaluate(b)));
    }
  });

  it('playing forward frame by frame equals seeking straight there', () => {
    const player = createEvaluator(plan);
    const seeker = createEvaluator(plan);
    for (let f = 0; f < total; f++) {
      const played = JSON.stringify(player.evaluate(f));
      if (f % 7 === 0) expect(played).toBe(JSON.stringify(seeker.evaluate(f)));
    }
  });

  it('moves a sprite from its sender to its receiver with easing', () => {
    const ev = createEvaluator(plan);
    const syn = plan.flights[0];
    const at = (s: number) => ev.evaluate(timeToFrame(s, plan.fps)).flights.find((f) => f.packetId === syn.packetId);
    expect(at(syn.startS - 0.1)).toBeUndefined();
    const quarter = at(syn.startS + (syn.endS - syn.startS) / 4)!;
    const half = at((syn.startS + syn.endS) / 2)!;
    expect(quarter.progress).toBeGreaterThan(0);
    expect(quarter.progress).toBeLessThan(0.25); // eased in
    expect(half.progress).toBeCloseTo(0.5, 1);
    expect(half.alpha).toBe(1);
    expect(half.leftToRight).toBe(true);
    expect(at(syn.endS + 0.5)).toBeUndefined();
  });

  it('in reduced motion, shows a sprite only at its arrival end, never sliding', () => {
    const ev = createEvaluator(plan, { reducedMotion: true });
    const syn = plan.flights[0];
    const at = (s: number) => ev.evaluate(timeToFrame(s, plan.fps)).flights.find((f) => f.packetId === syn.packetId);
    expect(at((syn.startS + syn.endS) / 2)).toBeUndefined();
    const landing = at(syn.endS - 0.05)!;
    expect(landing.progress).toBe(1);
    expect(landing.alpha).toBe(1);
    expect(at(syn.endS + 0.3)).toBeUndefined();
    for (let f = 0; f < total; f += 5) for (const x of ev.evaluate(f).flights) expect(x.progress).toBe(1);
  });

  it('shows the state badges and the banner of the moment', () => {
    const ev = createEvaluator(plan);
    expect(ev.evaluate(0).badges.client.state).toBe('CLOSED');
    expect(ev.evaluate(0).badges.server.state).toBe('LISTEN');
    const banner = plan.banners[0];
    const v = ev.evaluate(timeToFrame(banner.startS + 0.5, plan.fps));
    expect(v.banner?.text).toBe('✓ Connection ESTABLISHED');
    expect(v.badges.client.state).toBe('ESTABLISHED');
    expect(v.badges.server.state).toBe('ESTABLISHED');
    const end = ev.evaluate(total - 1);
    expect(end.badges.client.state).toBe('CLOSED');
    expect(end.badges.server.state).toBe('CLOSED');
    expect(end.chapterTitle).toBe('Connection close');
  });
});
