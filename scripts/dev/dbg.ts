import { findScenario } from '../../src/sim/scenarios';
import { simulate } from '../../src/sim/simulate';
const sim = simulate(findScenario(process.argv[2])!);
for (const p of sim.packets) if (p.sendUs > 182000 && p.sendUs < 187000 || (p.arriveUs>184000 && p.arriveUs<185100 && p.from==='client')) console.log(p.id, p.from, p.label, 'send', p.sendUs, 'arr', p.arriveUs, p.tcp?.ack, p.tcp?.window, JSON.stringify(p.tcp?.sack), JSON.stringify(p.sender));
