import { createEvaluator, type Evaluator } from './engine';
import type { SceneLabels } from '../stage/labels';
import type { Scenario } from '../sim/scenario';
import { simulate, simulation } from '../sim/simulate';
import type { Simulation } from '../sim/types';
import { frameCount, timeToFrame } from '../timeline/eventsUpTo';
import type { Plan } from '../timeline/plan';
import { timedPlan, timing, type LaneGapFor, type TimeScale } from '../timeline/timeScale';
import { minLaneGapS } from '../timeline/laneGap';

/** Everything derived from one scenario: simulation, plan, evaluator, frame marks. Pure data. */
export function buildModel(scenario: Scenario) {
  return modelFromSim(scenario, simulate(scenario));
}

/** The same from a simulation already made (an imported capture: its scenario only names and describes it), at a time scale. */
export function modelFromSim(scenario: Scenario, sim: Simulation, time: TimeScale = 'fit') {
  return modelFromPlan(scenario, sim, timedPlan(sim, time, laneGapFor(sim)));
}

/** The page's lane gaps: from the sprites' sizes on its stage. */
const laneGapFor = (sim: Simulation): LaneGapFor => (flightS) => (a, b, lane) => minLaneGapS(a, b, flightS, lane, !!sim.resolver);

/** Where loading a large scenario has got to: simulating (packets so far) or placing events on the timeline. */
export interface LoadProgress {
  phase: 'simulate' | 'schedule';
  /** 0…1 over the whole load (simulating is most of it). */
  fraction: number;
  packets: number;
}

/** The share of a load that simulating takes (measured on bulk-100k: about four fifths). */
const SIMULATE_SHARE = 0.8;

/**
 * buildModel in slices: between slices of about `sliceMs` it reports progress and awaits
 * `pause()` (the page's next task), so a 100,000-packet scenario loads without freezing the
 * page. The same model as buildModel: slicing changes no event. `now` decides only when to
 * pause, never a value. An aborted signal stops the load with an AbortError.
 */
export async function loadModel(
  scenario: Scenario,
  options: { onProgress?: (p: LoadProgress) => void; pause: () => Promise<void>; now: () => number; sliceMs?: number; sliceEvents?: number; signal?: AbortSignal },
): Promise<Model> {
  const sliceMs = options.sliceMs ?? 30;
  const sliceEvents = options.sliceEvents ?? 2_000;
  let sliceStart = options.now();
  const stopIfAborted = () => {
    if (options.signal?.aborted) throw new DOMException(`loading ${scenario.id} was cancelled`, 'AbortError');
  };
  const breathe = async (p: LoadProgress) => {
    if (options.now() - sliceStart < sliceMs) return;
    options.onProgress?.(p);
    await options.pause();
    stopIfAborted();
    sliceStart = options.now();
  };
  // The progress bar is drawn before the first slice: bulk-100k's first one builds the 75 MB response.
  options.onProgress?.({ phase: 'simulate', fraction: 0, packets: 0 });
  await options.pause();
  stopIfAborted();
  sliceStart = options.now();
  const sims = simulation(scenario, sliceEvents);
  let step = sims.next();
  for (; !step.done; step = sims.next()) await breathe({ phase: 'simulate', fraction: step.value.fraction * SIMULATE_SHARE, packets: step.value.packets });
  const sim = step.value;
  // Every "fit" pass (a long trace is scheduled again to fast-forward it), in slices.
  const plans = timing(sim, 'fit', laneGapFor(sim), {}, sliceEvents);
  let placed = plans.next();
  for (; !placed.done; placed = plans.next()) {
    await breathe({ phase: 'schedule', fraction: SIMULATE_SHARE + placed.value * (1 - SIMULATE_SHARE), packets: sim.packets.length });
  }
  options.onProgress?.({ phase: 'schedule', fraction: 1, packets: sim.packets.length });
  const plan = placed.value;
  return modelFromPlan(scenario, sim, plan);
}

function modelFromPlan(scenario: Scenario, sim: Simulation, plan: Plan) {
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

export type Model = ReturnType<typeof modelFromPlan>;

export function sceneLabels(sim: Simulation, scaleNote: string): SceneLabels {
  return {
    client: { title: sim.client.name, lines: [sim.client.ip, `:${sim.client.port}`] },
    // A server with a host name shows it above its address; without one (a capture), its address once, as the client's.
    server: { title: sim.server.name, lines: sim.server.host ? [sim.server.host, `${sim.server.ip} :${sim.server.port}`] : [sim.server.ip, `:${sim.server.port}`] },
    ...(sim.resolver && { resolver: { title: sim.resolver.name, lines: [`${sim.resolver.ip} :${sim.resolver.port}`] } }),
    scaleNote,
    linkCaption: `network · RTT ${sim.rttUs / 1000} ms`,
  };
}
