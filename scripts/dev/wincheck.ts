import { findScenario } from '../../src/sim/scenarios';
import { simulate } from '../../src/sim/simulate';
for (const id of ['https','lost-segment','slow-link','keep-alive']) {
  const sim = simulate(findScenario(id)!);
  const bad = sim.packets.filter((p) => p.tcp && !p.tcp.flags.syn && p.tcp.window % 128 !== 0);
  console.log(id, 'windows not in 128-byte units:', bad.length, JSON.stringify(sim.timing[0].phases.map((p) => [p.id, (p.endUs - p.startUs) / 1000])));
}
