import { describe, expect, it, vi } from 'vitest';
import { findScenario } from './scenarios';
import { simulate, simulation } from './simulate';

// The guard against a scenario that never finishes, at a limit small enough to reach (the real one is 50 million
// events): https takes 35 events of the queue, bad-certificate exactly 21.
vi.mock('./core/eventQueue', async (importOriginal) => ({ ...(await importOriginal<typeof import('./core/eventQueue')>()), MAX_EVENTS: 21 }));

describe('a scenario that does not finish', () => {
  it('stops with an error naming the limit, in one run', () => {
    expect(() => simulate(findScenario('https')!)).toThrow('EventQueue: more than 21 events; the scenario does not finish');
  });

  it('stops at the same limit in slices, after a report at 5, 10, 15 and 20 events', () => {
    const run = simulation(findScenario('https')!, 5);
    let reports = 0;
    expect(() => {
      for (let step = run.next(); !step.done; step = run.next()) reports++;
    }).toThrow('EventQueue: more than 21 events');
    expect(reports).toBe(4);
  });

  it('lets a scenario of exactly that many events finish', () => {
    const sim = simulate(findScenario('bad-certificate')!);
    expect(sim.packets.length).toBe(11);
  });
});
