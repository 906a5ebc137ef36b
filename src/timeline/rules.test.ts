import { describe, expect, it } from 'vitest';
import { createEvaluator } from '../playback/engine';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import type { NoteEvent } from '../sim/types';
import { bannersOf } from './banners';
import { frameCount, lastFrame, timeToFrame } from './eventsUpTo';
import type { TimedEvent } from './plan';
import { schedule } from './schedule';

const sim = simulate(findScenario('dns-then-https')!);
const plan = schedule(sim);

describe('chapters', () => {
  it('each chapter after the first starts when its first packet leaves its sender, not when it lands', () => {
    expect(plan.chapters.map((c) => c.id)).toEqual(['dns', 'tcp', 'tls', 'http', 'close']);
    for (const c of plan.chapters.slice(1)) {
      const first = plan.flights.filter((f) => sim.packets[f.packetId].phase === c.id).sort((a, b) => a.startS - b.startS)[0];
      expect(c.startS, c.id).toBe(first.startS);
      expect(c.startS, c.id).toBeLessThan(first.endS);
    }
    for (let i = 1; i < plan.chapters.length; i++) expect(plan.chapters[i - 1].endS).toBe(plan.chapters[i].startS);
    expect(plan.chapters[0].startS).toBe(0);
    expect(plan.chapters.at(-1)!.endS).toBe(plan.durationS);
  });
});

describe('banners', () => {
  const note = (atS: number, text: string): TimedEvent => ({ atS, event: { kind: 'note', node: 'client', atUs: atS * 1e6, text, milestone: 'established' } as NoteEvent });
  it('a banner lasts bannerS, is cut short by the next banner, and the last one stays to the end', () => {
    const banners = bannersOf([note(1, 'client A'), note(1.5, 'B'), note(10, 'C'), note(20, 'D')], 2, 30);
    expect(banners.map((b) => [b.text, b.startS, b.endS])).toEqual([
      ['A', 1, 1.5],
      ['B', 1.5, 3.5],
      ['C', 10, 12],
      ['D', 20, 30],
    ]);
  });

  it('fades in and out over a fraction of a second, fully shown between', () => {
    const ev = createEvaluator(plan);
    const b = plan.banners.find((x) => x.endS < plan.durationS && x.endS - x.startS > 1)!;
    const alphaAt = (s: number) => ev.evaluate(Math.round(s * plan.fps)).banner?.alpha ?? 0;
    const oneFrame = 1 / plan.fps;
    expect(alphaAt(b.startS - 2 * oneFrame)).toBe(0);
    const rising = alphaAt(b.startS + 3 * oneFrame);
    expect(rising).toBeGreaterThan(0);
    expect(rising).toBeLessThan(1);
    expect(alphaAt((b.startS + b.endS) / 2)).toBe(1);
    const falling = alphaAt(b.endS - 3 * oneFrame);
    expect(falling).toBeGreaterThan(0);
    expect(falling).toBeLessThan(1);
    expect(alphaAt(b.endS + oneFrame)).toBe(0);
  });
});

describe('frame count', () => {
  it('counts frames 0 … ceil(duration × fps), so the last frame shows the end of the trace', () => {
    expect(frameCount({ durationS: 0, fps: 60 })).toBe(1);
    expect(frameCount({ durationS: 1, fps: 60 })).toBe(61);
    expect(frameCount({ durationS: 1.001, fps: 60 })).toBe(62);
    expect(frameCount({ durationS: 19.2037, fps: 60 })).toBe(1154);
    expect(frameCount({ durationS: 2, fps: 30 })).toBe(61);
    const last = lastFrame(plan);
    expect(frameCount(plan)).toBe(last + 1);
    expect(last / plan.fps).toBeGreaterThanOrEqual(plan.durationS);
    expect((last - 1) / plan.fps).toBeLessThan(plan.durationS);
    expect(timeToFrame(plan.durationS, plan.fps)).toBe(last);
  });
});
