import { it } from 'vitest';
import { findScenario } from './sim/scenarios';
import { simulate } from './sim/simulate';
it('x', () => {
  const t0 = performance.now();
  const sim = simulate(findScenario('https')!);
  console.log(performance.now() - t0);
  console.log(sim.packets.map((p) => `${p.from === 'client' ? 'C' : 'S'}:${p.label} ${p.tcp!.payloadLength} ${p.sendUs}`).join('\n'));
  console.log(sim.events.filter((e: any) => e.kind === 'state').map((e: any) => `${e.node} ${e.to}`).join(', '));
  console.log(sim.events.filter((e: any) => e.kind !== "state" && e.kind !== "packet").map((e: any) => `${e.atUs} ${e.node} ${e.text}`).join('\n'));
  console.log(JSON.stringify(sim.keyLog)); const t1 = performance.now(); simulate(findScenario('https')!); console.log('again', performance.now() - t1);
});
