import { findScenario } from '../../src/sim/scenarios';
import { simulate } from '../../src/sim/simulate';
import { useAesGcm } from '../../src/sim/tls/aesGcm';
import { nodeAesGcm } from '../../src/sim/tls/nodeAesGcm';
if (process.env.AES !== 'noble') useAesGcm(nodeAesGcm);
for (const id of process.argv.slice(2)) {
  const t0 = performance.now();
  const sim = simulate(findScenario(id)!);
  const ms = performance.now() - t0;
  const retx = sim.packets.filter((p) => p.retransmission).length;
  const lost = sim.packets.filter((p) => p.lost).length;
  const end = sim.timing.at(-1)?.phases.at(-1)?.endUs ?? 0;
  console.log(id, 'packets', sim.packets.length, 'events', sim.events.length, 'retx', retx, 'lost', lost, 'sim ms', ms.toFixed(0), 'last response at', (end / 1000).toFixed(1), 'ms', 'heap MB', (process.memoryUsage().heapUsed / 1e6).toFixed(0));
}
