import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { buildModel, loadModel, type LoadProgress, type Model } from './model';

/** What a model shows, as plain data: every packet's bytes and times, every event's moment, every flight. */
const shape = (m: Model) => ({
  packets: m.sim.packets.map((p) => [p.id, p.label, p.sendUs, p.arriveUs, Buffer.from(p.bytes).toString('hex')]),
  events: m.plan.timeline.map((e) => [e.atS, e.event.kind, e.event.atUs]),
  flights: m.plan.flights.map((f) => [f.packetId, f.startS, f.endS, f.lane, f.compact]),
  durationS: m.plan.durationS,
  frameCount: m.frameCount,
  frame: m.evaluator.evaluate(Math.floor(m.frameCount / 2)),
});

// Loading in slices (a page showing progress) must give the very model buildModel gives.
describe('loadModel: the model in slices, with progress', () => {
  it.each(['lost-segment', 'keep-alive', 'dns-then-https'])('%s: the same packets, bytes, events and flights as buildModel; progress only grows', async (id) => {
    const scenario = findScenario(id)!;
    let clock = 0;
    const seen: LoadProgress[] = [];
    let pauses = 0;
    const loaded = await loadModel(scenario, {
      now: () => (clock += 10), // every check is past the slice: pause after each slice of events
      pause: async () => void pauses++,
      sliceEvents: 5,
      onProgress: (p) => seen.push(p),
    });
    expect(shape(loaded)).toEqual(shape(buildModel(scenario)));
    expect(pauses).toBeGreaterThan(4);
    expect(seen.map((p) => p.phase)).toContain('simulate');
    expect(seen.map((p) => p.phase)).toContain('schedule');
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].fraction).toBeGreaterThanOrEqual(seen[i - 1].fraction);
      expect(seen[i].packets).toBeGreaterThanOrEqual(seen[i - 1].packets);
    }
    expect(seen.at(-1)).toEqual({ phase: 'schedule', fraction: 1, packets: loaded.sim.packets.length });
  });

  it('stops with an AbortError at the next slice once its signal is aborted', async () => {
    const abort = new AbortController();
    let clock = 0;
    const load = loadModel(findScenario('lost-segment')!, {
      now: () => (clock += 10),
      pause: async () => abort.abort(),
      sliceEvents: 25,
      signal: abort.signal,
    });
    await expect(load).rejects.toMatchObject({ name: 'AbortError' });
  });
});
