import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { eventCountAt, eventsUpTo, frameCount, timeToFrame } from './eventsUpTo';
import { defaultScheduleOptions, schedule } from './schedule';
import { networkTimeAt } from './timeMap';

const sim = simulate(findScenario('https')!);
const plan = schedule(sim);

describe('schedule', () => {
  it('keeps every event in presentation order, each one at or after the one before', () => {
    for (let i = 1; i < plan.timeline.length; i++) expect(plan.timeline[i].atS).toBeGreaterThanOrEqual(plan.timeline[i - 1].atS);
    expect(plan.timeline).toHaveLength(sim.events.length);
    expect(plan.durationS).toBeGreaterThan(plan.timeline.at(-1)!.atS);
  });

  it('never lets two sprites on the same lane come closer than the lane gap', () => {
    for (const lane of [0, 1]) {
      const f = plan.flights.filter((x) => x.lane === lane);
      expect(f.length).toBeGreaterThan(3);
      for (let i = 1; i < f.length; i++) {
        expect(f[i].startS - f[i - 1].startS).toBeGreaterThanOrEqual(defaultScheduleOptions.minLaneGapS - 1e-9);
      }
    }
  });

  it('keeps lanes by direction and flights at constant duration', () => {
    for (const f of plan.flights) {
      expect(f.lane).toBe(f.from === 'client' ? 0 : 1);
      expect(f.endS - f.startS).toBeCloseTo(defaultScheduleOptions.flightS, 9);
    }
  });

  it('never sends a reply before the packet it answers has landed', () => {
    const byId = new Map(plan.flights.map((f) => [f.packetId, f]));
    for (const p of sim.packets) {
      for (const q of sim.packets) {
        if (q.to === p.from && q.arriveUs <= p.sendUs) expect(byId.get(q.id)!.endS).toBeLessThanOrEqual(byId.get(p.id)!.startS + 1e-9);
      }
    }
  });

  it('changes a badge when the packet that causes it lands', () => {
    const synRcvd = plan.badges.find((b) => b.node === 'server' && b.state === 'SYN_RCVD')!;
    expect(synRcvd.atS).toBe(plan.flights[0].endS);
    const synSent = plan.badges.find((b) => b.node === 'client' && b.state === 'SYN_SENT')!;
    expect(synSent.atS).toBe(plan.flights[0].startS);
  });

  it('shows ESTABLISHED as the final ACK of the handshake lands', () => {
    const banner = plan.banners.find((b) => b.text.includes('ESTABLISHED'))!;
    expect(banner.startS).toBe(plan.flights[2].endS);
    expect(plan.flights[2].label).toBe('ACK');
  });

  it('skips the idle TIME_WAIT minute but keeps the network clock right', () => {
    expect(plan.skips).toHaveLength(1);
    expect(plan.skips[0].skippedUs).toBeGreaterThan(59_000_000);
    expect(plan.durationS).toBeLessThan(25);
    expect(networkTimeAt(plan.timeMap, plan.durationS)).toBe(sim.events.at(-1)!.atUs);
    for (const f of plan.flights) {
      const p = sim.packets[f.packetId];
      expect(networkTimeAt(plan.timeMap, f.startS)).toBeCloseTo(p.sendUs, 0);
    }
  });

  it('has a non-decreasing network clock', () => {
    let prev = -1;
    for (let t = 0; t <= plan.durationS; t += 0.01) {
      const net = networkTimeAt(plan.timeMap, t);
      expect(net).toBeGreaterThanOrEqual(prev);
      prev = net;
    }
  });

  it('splits the story into the four chapters, back to back', () => {
    expect(plan.chapters.map((c) => c.id)).toEqual(['tcp', 'tls', 'http', 'close']);
    expect(plan.chapters[0].startS).toBe(0);
    for (let i = 1; i < plan.chapters.length; i++) expect(plan.chapters[i].startS).toBe(plan.chapters[i - 1].endS);
    expect(plan.chapters.at(-1)!.endS).toBe(plan.durationS);
  });

  it('is deterministic for a seed and differs across seeds only in values, not shape', () => {
    const again = schedule(simulate(findScenario('https')!));
    expect(JSON.stringify(again)).toBe(JSON.stringify(plan));
    const r = findScenario('https-random-isn')!;
    const a = schedule(simulate(r));
    const b = schedule(simulate({ ...r, seed: 99 }));
    expect(a.flights.map((f) => f.label)).toEqual(b.flights.map((f) => f.label));
  });
});

describe('eventsUpTo', () => {
  it('is empty before the first event and complete at the last frame', () => {
    expect(eventsUpTo(plan, 0)).toHaveLength(0);
    expect(eventsUpTo(plan, frameCount(plan) - 1)).toHaveLength(plan.timeline.length);
  });

  it('includes an event from the frame it happens on, not before', () => {
    for (const { atS } of plan.timeline) {
      const f = timeToFrame(atS, plan.fps);
      const n = eventCountAt(plan, f);
      expect(plan.timeline[n - 1].atS).toBeLessThanOrEqual(f / plan.fps);
      if (f > 0) expect(eventCountAt(plan, f - 1)).toBeLessThan(n);
    }
  });

  it('agrees with a linear scan at every frame', () => {
    for (let f = 0; f < frameCount(plan); f++) {
      const linear = plan.timeline.filter((e) => e.atS <= f / plan.fps).length;
      expect(eventCountAt(plan, f)).toBe(linear);
    }
  });
});
