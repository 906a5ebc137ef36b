// Prints a sha256 per built-in scenario (bulk-100k aside) of every packet's bytes and times, and of
// the whole Simulation (events, timers, timing, key log): run before and after a refactor and diff.
import { createHash } from 'node:crypto';
import { findScenario, scenarioIds } from '../../src/sim/scenarios';
import { simulate } from '../../src/sim/simulate';

const hex = (_k: string, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v);
for (const id of scenarioIds().filter((s) => s !== 'bulk-100k')) {
  const sim = simulate(findScenario(id)!);
  const packets = createHash('sha256');
  for (const p of sim.packets) packets.update(JSON.stringify([p.sendUs, p.arriveUs, p.lost?.atUs], hex)).update(p.bytes);
  const whole = createHash('sha256').update(JSON.stringify(sim, hex)).digest('hex');
  console.log(id.padEnd(18), sim.packets.length.toString().padStart(5), packets.digest('hex').slice(0, 16), whole.slice(0, 16));
}
