import { performance } from 'node:perf_hooks';
import { findScenario } from '../src/sim/scenarios';
import { simulate } from '../src/sim/simulate';
import { useAesGcm } from '../src/sim/tls/aesGcm';
import { nodeAesGcm } from '../src/sim/tls/nodeAesGcm';
import { applyVariant } from '../src/sim/variant';
import { round } from './stats';

/**
 * The discrete-event network at scale: simulate time for the bulk downloads (real TLS
 * records included), and whether it grows linearly with the packet count.
 */
export function networkAtScale() {
  simulate(findScenario('https')!); // warm-up: JIT and noble's tables
  const run = (id: string, lossRate?: number) => {
    const scenario = applyVariant(findScenario(id)!, { net: { lossRate }, drops: [] });
    const t0 = performance.now();
    const sim = simulate(scenario);
    const ms = performance.now() - t0;
    const lost = sim.packets.filter((p) => p.lost).length;
    return { packets: sim.packets.length, ...(lossRate ? { lost } : {}), simulateMs: round(ms), usPerPacket: round((ms * 1000) / sim.packets.length) };
  };
  // In Node the records can be sealed by OpenSSL (the same bytes); the page uses @noble.
  const rows = (aes: 'noble' | 'openssl') => {
    useAesGcm(aes === 'openssl' ? nodeAesGcm : undefined);
    const bulk = run('bulk');
    const bulk100k = run('bulk-100k');
    // 1 % random loss: SACK recovery over a window of thousands of segments (the scoreboard's scans).
    const lossy100k = run('bulk-100k', 0.01);
    useAesGcm(undefined);
    return {
      bulk,
      'bulk-100k': bulk100k,
      'bulk-100k, 1 % loss': lossy100k,
      perPacketRatio100kTo10k: round(bulk100k.usPerPacket / bulk.usPerPacket),
      perPacketRatioLossToNone: round(lossy100k.usPerPacket / bulk100k.usPerPacket),
    };
  };
  return {
    aesByOpenSsl: rows('openssl'),
    aesByNoble: rows('noble'),
    targets: 'bulk (≥10k packets) ≤ 1,000 ms; bulk-100k (≥100k) ≤ 10,000 ms; ratio near 1 (linear); loss costs no more per packet (ratio near 1)',
  };
}
