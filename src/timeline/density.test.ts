import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { compactPackets } from './density';
import { defaultScheduleOptions, schedule } from './schedule';

const scaleOf = (rttUs: number) => defaultScheduleOptions.flightS / (rttUs / 2 / 1e6);

describe('dense runs drawn compact', () => {
  it('leaves every packet of the handshake-sized https exchange full size', () => {
    const sim = simulate(findScenario('https')!);
    expect(compactPackets(sim.packets, scaleOf(sim.rttUs), defaultScheduleOptions.minLaneGapS).size).toBe(0);
  });

  it('keeps the loss, the resend and the first three duplicate ACKs full size in a dense window', () => {
    const sim = simulate(findScenario('lost-segment')!);
    const compact = compactPackets(sim.packets, scaleOf(sim.rttUs), defaultScheduleOptions.minLaneGapS);
    expect(compact.size).toBeGreaterThan(60);
    for (const p of sim.packets.filter((q) => q.lost || q.retransmission)) expect(compact.has(p.id)).toBe(false);
    const dups = sim.packets.filter((p) => p.label === 'dup ACK');
    expect(dups.slice(0, 3).map((p) => compact.has(p.id))).toEqual([false, false, false]);
    expect(dups.slice(3).some((p) => compact.has(p.id))).toBe(true);
    const response = sim.packets.filter((p) => p.label.startsWith('200 OK'));
    expect(compact.has(response[0].id)).toBe(false); // the first segment of the response keeps its label
  });

  it('lets a dense window stream by: lost-segment takes under a minute on screen, not two', () => {
    const plan = schedule(simulate(findScenario('lost-segment')!));
    expect(plan.durationS).toBeLessThan(60);
    expect(plan.flights.filter((f) => f.compact).length).toBeGreaterThan(60);
  });
});
