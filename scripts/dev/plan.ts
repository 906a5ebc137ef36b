import { buildModel } from '../../src/playback/model';
import { findScenario } from '../../src/sim/scenarios';
for (const id of process.argv.slice(2)) {
  const t0 = performance.now();
  const m = buildModel(findScenario(id)!);
  console.log(id, 'packets', m.sim.packets.length, 'duration s', m.plan.durationS.toFixed(1), 'frames', m.frameCount, 'build ms', (performance.now() - t0).toFixed(0), m.plan.skips.map((s) => s.text).join(' | '));
}
