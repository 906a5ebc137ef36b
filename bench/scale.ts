import { performance } from 'node:perf_hooks';
import { createEvaluator } from '../src/playback/engine';
import { createPrng } from '../src/sim/prng';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { useAesGcm } from '../src/sim/tls/aesGcm';
import { nodeAesGcm } from '../src/sim/tls/nodeAesGcm';
import type { Simulation } from '../src/sim/types';
import { frameCount } from '../src/timeline/eventsUpTo';
import { defaultScheduleOptions, schedule } from '../src/timeline/schedule';
import { minLaneGapS } from '../src/timeline/laneGap';
import { median, percentile, round } from './stats';

/** Issue #11's targets, each figure reported beside its ratio. */
export const scaleTargets = {
  planBuildMs10k: 200,
  planBuildMs100k: 2000,
  seekMedianMs10k: 1,
  seekMedian100kOver10k: 1.5,
  seekMedian100kOverHttps: 3,
  heapGrowthAfterSeeks: 0.1,
};

const gc = (globalThis as { gc?: () => void }).gc;

/** Plan build (the scheduler, as the page runs it), then 1,000 random seeks with the evaluator: each the scene's whole FrameView. */
function figuresFor(sim: Simulation) {
  const t0 = performance.now();
  const plan = schedule(sim, { laneGapS: (a, b, lane) => minLaneGapS(a, b, defaultScheduleOptions.flightS, lane, !!sim.resolver) });
  const evaluator = createEvaluator(plan);
  const planBuildMs = performance.now() - t0;
  const total = frameCount(plan);
  const rng = createPrng(7);
  for (let i = 0; i < 200; i++) evaluator.evaluate(rng.u32() % total); // warm-up
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const ms: number[] = [];
  const usPerSprite: number[] = [];
  let visible = 0;
  for (let i = 0; i < 1000; i++) {
    const frame = rng.u32() % total;
    const s = performance.now();
    const sprites = evaluator.evaluate(frame).flights.length;
    const took = performance.now() - s;
    visible += sprites;
    ms.push(took);
    usPerSprite.push((took * 1000) / Math.max(1, sprites));
  }
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  return {
    packets: sim.packets.length,
    planBuildMs: round(planBuildMs),
    seekMedianMs: round(median(ms), 4),
    seekP95Ms: round(percentile(ms, 95), 4),
    spritesOnScreenMean: round(visible / 1000, 1),
    seekMedianUsPerSprite: round(median(usPerSprite), 3),
    heapAfterLoadMB: round(heapBefore / 1e6, 1),
    heapAfter1000SeeksMB: round(heapAfter / 1e6, 1),
    heapGrowth: round((heapAfter - heapBefore) / heapBefore, 4),
  };
}

export function scaleFigures() {
  useAesGcm(nodeAesGcm);
  const rows: Record<string, ReturnType<typeof figuresFor>> = {};
  for (const id of ['https', 'bulk', 'bulk-100k']) rows[id] = figuresFor(simulate(findScenario(id)!));
  useAesGcm(undefined);
  const { https, bulk } = rows;
  const big = rows['bulk-100k'];
  return {
    method: 'Node, no rendering: schedule + evaluator build; 1,000 random frames, each evaluate(frame) → the whole FrameView; heap with --expose-gc when given',
    ...rows,
    ratios: {
      planBuild10kMs: { value: bulk.planBuildMs, target: `≤ ${scaleTargets.planBuildMs10k}` },
      planBuild100kMs: { value: big.planBuildMs, target: `≤ ${scaleTargets.planBuildMs100k}` },
      planBuildPerPacket100kOver10k: { value: round(big.planBuildMs / big.packets / (bulk.planBuildMs / bulk.packets)), target: '≈ 1 (linear)' },
      seekMedian10kMs: { value: bulk.seekMedianMs, target: `≤ ${scaleTargets.seekMedianMs10k}` },
      seekMedian100kOver10k: { value: round(big.seekMedianMs / bulk.seekMedianMs), target: `≤ ${scaleTargets.seekMedian100kOver10k}` },
      seekMedian100kOverHttps: { value: round(big.seekMedianMs / https.seekMedianMs), target: `≤ ${scaleTargets.seekMedian100kOverHttps}` },
      // A seek costs what is on screen: bulk-100k keeps more packets in flight at once than bulk (a
      // larger window), and https one or two. The same seek per sprite drawn, beside the raw ratios.
      seekPerSprite100kOver10k: { value: round(big.seekMedianUsPerSprite / bulk.seekMedianUsPerSprite), target: `≤ ${scaleTargets.seekMedian100kOver10k} (per sprite on screen)` },
      seekPerSprite100kOverHttps: { value: round(big.seekMedianUsPerSprite / https.seekMedianUsPerSprite), target: `≤ ${scaleTargets.seekMedian100kOverHttps} (per sprite on screen)` },
      heapGrowth100k: { value: big.heapGrowth, target: `≤ ${scaleTargets.heapGrowthAfterSeeks}` },
    },
  };
}

if (process.argv[1]?.endsWith('scale.ts')) console.log(JSON.stringify(scaleFigures(), null, 2));
