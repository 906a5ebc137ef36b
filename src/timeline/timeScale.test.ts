import { describe, expect, it } from 'vitest';
import { networkTimeAt } from './timeMap';
import { MAX_FIT_S, MIN_FLIGHT_S, parseTimeScale, timedPlan, timing } from './timeScale';
import { schedule } from './schedule';
import { traceBuilder } from './traceBuilder';

/** A download of `exchanges` round trips, 40 ms each (a data segment, its ACK), with an idle stretch in the middle. */
function pingPong(exchanges: number, idleUs = 0) {
  const b = traceBuilder({ rttUs: 40_000 });
  const tcp = (seq: number, ack: number, payloadLength: number) => ({ srcPort: 443, dstPort: 50000, seq, ack, flags: { syn: false, ack: true, fin: false, psh: false, rst: false }, window: 65535, payloadLength });
  let t = 0;
  for (let i = 0; i < exchanges; i++) {
    if (i === exchanges >> 1) t += idleUs;
    b.packet('server', 'client', '1448 B', t, 20_000, { tcp: tcp(1 + i * 1448, 1, 1448), totalLength: 1500 });
    b.packet('client', 'server', 'ACK', t + 20_000, 20_000, { tcp: tcp(1, 1 + (i + 1) * 1448, 0) });
    t += 40_000;
  }
  return b.build();
}

describe('fit (the default)', () => {
  it('is the schedule as it always was for a short trace: 1 RTT = two flights, idle time skipped', () => {
    const sim = pingPong(4, 60e6);
    const plan = timedPlan(sim, 'fit');
    expect(plan).toEqual(schedule(sim));
    expect(plan.flights[1].endS - plan.flights[0].startS).toBeCloseTo(2.4, 6);
    expect(plan.skips).toHaveLength(1);
    expect(plan.scaleNote).toBe('1 RTT = 40 ms ⇒ 2.4 s on screen (60× slower)');
  });

  it('fast-forwards a trace that would take hours to about ten minutes, and says so', () => {
    const sim = pingPong(10_000); // 7 min of network time: 2 × 10,000 flights of 1.2 s = 6.7 h at the usual scale
    expect(schedule(sim).durationS).toBeGreaterThan(3600 * 5);
    const plan = timedPlan(sim, 'fit');
    expect(plan.durationS).toBeLessThan(MAX_FIT_S * 1.5);
    expect(plan.flights).toHaveLength(sim.packets.length);
    expect(Math.min(...plan.flights.map((f) => f.endS - f.startS))).toBeGreaterThanOrEqual(MIN_FLIGHT_S - 1e-9);
    expect(plan.scaleNote).toMatch(/^fast-forward: 1 RTT = 40 ms ⇒ .* s on screen, to fit \d+ min into \d+(\.\d)? min$/);
    // Deterministic: the same trace, the same plan.
    expect(timedPlan(sim, 'fit').flights.map((f) => f.startS)).toEqual(plan.flights.map((f) => f.startS));
  });
});

describe('timing: the same plans in slices', () => {
  it.each([['fit (fast-forwarded: a second whole pass)', 'fit'], ['real time ×10', 10]] as const)('%s: every pass sliced, progress only grows, the very plan timedPlan makes', (_name, time) => {
    const sim = pingPong(10_000);
    const shares: number[] = [];
    const run = timing(sim, time, undefined, {}, 1_000);
    let step = run.next();
    for (; !step.done; step = run.next()) shares.push(step.value);
    expect(step.value).toEqual(timedPlan(sim, time));
    // 40,000 events: a slice per 1,000 events of each pass (and a few for the lists after the loop).
    expect(shares.length).toBeGreaterThan(time === 'fit' ? 2 * 39 : 39);
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThanOrEqual(shares[i - 1]);
    expect(shares[0]).toBeGreaterThan(0);
    expect(shares.at(-1)).toBeLessThanOrEqual(1);
  });
});

describe('real time × k', () => {
  it('one network second lasts k seconds on screen, idle gaps included', () => {
    const sim = pingPong(4, 3e6);
    for (const k of [10, 100]) {
      const plan = timedPlan(sim, k);
      const dep = plan.flights.map((f) => f.startS);
      // From the first ping to the last one: 3 RTTs and the 3 s idle stretch, × k.
      expect(dep[6] - dep[0]).toBeCloseTo((3 * 0.04 + 3) * k, 6);
      expect(plan.skips).toEqual([]);
      expect(networkTimeAt(plan.timeMap, dep[6])).toBeCloseTo(sim.packets[6].sendUs, 3);
    }
    // At 1× the 40 ms between departures is shorter than a sprite needs on its lane: the clock waits, never runs ahead.
    const one = timedPlan(sim, 1).flights.map((f) => f.startS);
    expect(one[6] - one[0]).toBeGreaterThanOrEqual(3 * 0.04 + 3);
    // A flight is its real trip × k, or MIN_FLIGHT_S when that is too short to see.
    expect(timedPlan(sim, 100).flights[0].endS - timedPlan(sim, 100).flights[0].startS).toBeCloseTo(2, 6);
    expect(timedPlan(sim, 1).flights[0].endS - timedPlan(sim, 1).flights[0].startS).toBeCloseTo(MIN_FLIGHT_S, 6);
    expect(timedPlan(sim, 10).scaleNote).toBe('real time ×10: 1 s of capture = 10 s on screen (1 RTT = 40 ms); flights last at least 0.25 s');
  });

  it('names only the offered scales', () => {
    expect(['fit', '1', '10', '100', '1000', ' 10 '].map(parseTimeScale)).toEqual(['fit', 1, 10, 100, 1000, 10]);
    expect(['2', '', 'real', '1e1', '-1'].map(parseTimeScale)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
