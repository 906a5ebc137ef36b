import { createEvaluator, type Evaluator } from './engine';
import type { SceneLabels } from '../render/scene';
import type { Scenario } from '../sim/scenario';
import { simulate } from '../sim/simulate';
import type { Simulation } from '../sim/types';
import { frameCount, timeToFrame } from '../timeline/eventsUpTo';
import { timedPlan, type TimeScale } from '../timeline/timeScale';
import { minLaneGapS } from '../render/stageLayout';

/** Everything derived from one scenario: simulation, plan, evaluator, frame marks. Pure data. */
export function buildModel(scenario: Scenario) {
  return modelFromSim(scenario, simulate(scenario));
}

/** The same from a simulation already made (an imported capture: its scenario only names and describes it), at a time scale. */
export function modelFromSim(scenario: Scenario, sim: Simulation, time: TimeScale = 'fit') {
  const plan = timedPlan(sim, time, (flightS) => (a, b, lane) => minLaneGapS(a, b, flightS, lane, !!sim.resolver));
  const evaluator = createEvaluator(plan);
  let reduced: Evaluator | undefined;
  return {
    scenario,
    sim,
    plan,
    evaluator,
    /** The evaluator for prefers-reduced-motion (compiled on first use). */
    evaluatorFor(reducedMotion: boolean): Evaluator {
      if (!reducedMotion) return evaluator;
      reduced ??= createEvaluator(plan, { reducedMotion: true });
      return reduced;
    },
    frameCount: frameCount(plan),
    stepFrames: [...new Set(plan.stepTimesS.map((t) => timeToFrame(t, plan.fps)))],
    labels: sceneLabels(sim, plan.scaleNote),
  };
}

export type Model = ReturnType<typeof modelFromSim>;

export function sceneLabels(sim: Simulation, scaleNote: string): SceneLabels {
  return {
    client: { title: sim.client.name, lines: [sim.client.ip, `:${sim.client.port}`] },
    server: { title: sim.server.name, lines: [sim.server.host ?? sim.server.ip, `${sim.server.ip} :${sim.server.port}`] },
    ...(sim.resolver && { resolver: { title: sim.resolver.name, lines: [`${sim.resolver.ip} :${sim.resolver.port}`] } }),
    scaleNote,
    linkCaption: `network · RTT ${sim.rttUs / 1000} ms`,
  };
}
