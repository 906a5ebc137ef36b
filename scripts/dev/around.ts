import { findScenario } from '../../src/sim/scenarios';
import { simulate } from '../../src/sim/simulate';
const [id, from, to] = process.argv.slice(2);
const sim = simulate(findScenario(id)!);
for (const e of sim.events) if (e.atUs >= Number(from) * 1000 && e.atUs <= Number(to) * 1000) console.log((e.atUs / 1000).toFixed(3), e.kind, e.text, e.kind === 'send' ? JSON.stringify(e.packet.tcp?.sack ?? '') + JSON.stringify(e.packet.sender ?? '') : '');
