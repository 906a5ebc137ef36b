import { findScenario } from '../../src/sim/scenarios';
import { simulate } from '../../src/sim/simulate';
const sc = findScenario(process.argv[2] ?? 'https')!;
const sim = simulate(sc);
for (const e of sim.events) console.log((e.atUs/1000).toFixed(3).padStart(10), e.kind.padEnd(6), e.text);
console.log(sim.timers);
console.log(JSON.stringify(sim.timing));
