import { performance } from 'node:perf_hooks';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { round } from './stats';

/**
 * The discrete-event network at scale: simulate time for the bulk downloads (real TLS
 * records included), and whether it grows linearly with the packet count.
 */
export function networkAtScale() {
  simulate(findScenario('https')!); // warm-up: JIT and noble's tables
  const rows: Record<string, { packets: number; simulateMs: number; usPerPacket: number }> = {};
  for (const id of ['bulk', 'bulk-100k']) {
    const t0 = performance.now();
    const sim = simulate(findScenario(id)!);
    const ms = performance.now() - t0;
    rows[id] = { packets: sim.packets.length, simulateMs: round(ms), usPerPacket: round((ms * 1000) / sim.packets.length) };
  }
  return {
    ...rows,
    perPacketRatio100kTo10k: round(rows['bulk-100k'].usPerPacket / rows.bulk.usPerPacket),
    targets: 'bulk (≥10k packets) ≤ 1,000 ms; bulk-100k (≥100k) ≤ 10,000 ms; ratio near 1 (linear)',
  };
}
