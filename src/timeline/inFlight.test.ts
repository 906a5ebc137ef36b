import { describe, expect, it } from 'vitest';
import { findScenario } from '../sim/scenarios';
import { simulate } from '../sim/simulate';
import { describeMoment, flightAt } from './inFlight';
import { schedule } from './schedule';

const plan = schedule(simulate(findScenario('https')!));

describe('flightAt', () => {
  it('finds the packet in flight, and nothing between flights', () => {
    const syn = plan.flights[0];
    expect(flightAt(plan, (syn.startS + syn.endS) / 2)?.label).toBe('SYN');
    expect(flightAt(plan, 0.1)).toBeUndefined();
    expect(describeMoment(plan, 0.1)).toBe('TCP handshake');
    expect(describeMoment(plan, syn.startS + 0.1)).toBe('SYN in flight');
  });

  it('agrees with a linear scan at every hundredth of a second', () => {
    for (let t = 0; t < plan.durationS; t += 0.01) {
      const linear = plan.flights.filter((f) => f.startS <= t && f.endS >= t).at(-1);
      expect(flightAt(plan, t)).toBe(linear);
    }
  });
});
