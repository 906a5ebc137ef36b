import { findScenario } from '../../src/sim/scenarios';
import { simulate } from '../../src/sim/simulate';
const sim = simulate(findScenario(process.argv[2])!);
const notes = sim.events.filter((e) => e.kind === 'note');
for (const n of notes.slice(0, 40)) console.log((n.atUs / 1000).toFixed(3), n.text);
const kinds = new Map<string, number>();
for (const p of sim.packets) if (p.retransmission) kinds.set(p.retransmission, (kinds.get(p.retransmission) ?? 0) + 1);
console.log(kinds, 'lost reasons', new Set(sim.packets.filter((p) => p.lost).map((p) => p.lost!.reason)));
