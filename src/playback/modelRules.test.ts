import { describe, expect, it } from 'vitest';
import type { Scenario } from '../sim/scenario';
import { minLaneGapS } from '../timeline/laneGap';
import { timedPlan } from '../timeline/timeScale';
import { traceBuilder } from '../timeline/traceBuilder';
import { modelFromSim, sceneLabels } from './model';

/**
 * The model of a hand-built trace (no simulator): its plan is the trace's at the time scale, with the
 * page's lane gaps; frames 0 … ceil(duration × fps) are all shown (issue #16: the last frame is
 * ceil(duration × fps), so there is one more frame than that); step frames are the departures and
 * arrivals on the frame grid, once each; the stage's labels say who is who.
 */
const scenario = { id: 'hand', title: 'Hand-built' } as Scenario;
function handshake(resolver = false) {
  const b = traceBuilder({ resolver });
  if (resolver) b.packet('client', 'resolver', 'A?', 0, 1_000);
  b.packet('client', 'server', 'SYN', 0, 20_000);
  b.packet('client', 'server', 'SYN again', 1_000, 20_000);
  b.packet('server', 'client', 'SYN-ACK', 20_000, 20_000);
  return b.build();
}

describe('modelFromSim', () => {
  it('plans the trace at the time scale with the stage’s lane gaps, for a stage with or without a resolver', () => {
    for (const resolver of [false, true]) {
      const sim = handshake(resolver);
      const model = modelFromSim(scenario, sim);
      expect(model.plan).toEqual(timedPlan(sim, 'fit', (flightS) => (a, b, lane) => minLaneGapS(a, b, flightS, lane, resolver)));
      expect(model.plan).not.toEqual(timedPlan(sim, 'fit', (flightS) => (a, b, lane) => minLaneGapS(a, b, flightS, lane, !resolver)));
      expect([model.scenario, model.sim]).toEqual([scenario, sim]);
    }
    const sim = handshake();
    expect(modelFromSim(scenario, sim, 10).plan.scaleNote).toBe(timedPlan(sim, 10).scaleNote);
  });

  it('counts frames 0 … ceil(duration × fps), and the step frames once each', () => {
    const model = modelFromSim(scenario, handshake());
    const { plan } = model;
    expect(model.frameCount).toBe(Math.ceil(plan.durationS * plan.fps) + 1);
    const expected = [...new Set(plan.flights.flatMap((f) => [f.startS, f.endS]).map((t) => Math.ceil(t * plan.fps - 1e-6)))].sort((a, b) => a - b);
    expect(model.stepFrames).toEqual(expected);
    expect(new Set(model.stepFrames).size).toBe(model.stepFrames.length);
  });

  it('gives the evaluator, and one for reduced motion made once', () => {
    const model = modelFromSim(scenario, handshake());
    expect(model.evaluatorFor(false)).toBe(model.evaluator);
    expect(model.evaluator.reducedMotion).toBe(false);
    const reduced = model.evaluatorFor(true);
    expect(reduced.reducedMotion).toBe(true);
    expect(model.evaluatorFor(true)).toBe(reduced);
    expect(reduced.plan).toBe(model.plan);
  });

  it('labels the stage: names, addresses and ports, the server’s host name, the resolver when there is one, the RTT', () => {
    const sim = handshake(true);
    expect(sceneLabels(sim, 'note')).toEqual({
      client: { title: 'Client', lines: ['192.0.2.10', ':50000'] },
      server: { title: 'Server', lines: ['203.0.113.5', ':443'] },
      resolver: { title: 'Resolver', lines: ['192.0.2.53 :53'] },
      scaleNote: 'note',
      linkCaption: 'network · RTT 40 ms',
    });
    const named = { ...handshake(), server: { ...sim.server, host: 'example.com' } };
    expect(sceneLabels(named, '').server.lines).toEqual(['example.com', '203.0.113.5 :443']);
    expect('resolver' in sceneLabels(handshake(), '')).toBe(false);
    expect(modelFromSim(scenario, sim).labels).toEqual(sceneLabels(sim, modelFromSim(scenario, sim).plan.scaleNote));
  });
});
