import { describe, expect, it, vi } from 'vitest';
import { traceLines } from '../../tests/support/traceLines';
import { EventQueue } from './core/eventQueue';
import { parseScenario, type Scenario } from './scenario';
import { findScenario } from './scenarios';
import { simulate, simulation, type SimProgress } from './simulate';
import type { Packet, Simulation } from './types';

const variant = (id: string, patch: (s: Scenario) => Partial<Scenario>): Scenario => {
  const base = findScenario(id)!;
  return parseScenario({ ...base, ...patch(base) });
};

function inSlices(scenario: Scenario, sliceEvents: number): { steps: SimProgress[]; result: Simulation } {
  const run = simulation(scenario, sliceEvents);
  const steps: SimProgress[] = [];
  for (;;) {
    const step = run.next();
    if (step.done) return { steps, result: step.value };
    steps.push(step.value);
  }
}

/** The response body bytes the server has sent in its first `count` packets, resends not counted. */
const responseBytesSent = (packets: Packet[], count: number) => packets.slice(0, count).reduce((n, p) => n + (p.from === 'server' && p.tcp && !p.retransmission ? p.tcp.payloadLength : 0), 0);

describe('simulation in slices (the page yields between them while 100,000 packets load)', () => {
  it('gives the same trace as one run, event for event and byte for byte', () => {
    const scenario = findScenario('lost-segment')!;
    const { steps, result } = inSlices(scenario, 5);
    expect(steps.length).toBeGreaterThan(5);
    expect(traceLines(result)).toEqual(traceLines(simulate(scenario)));
  });

  it('reports packets so far and the share of the response sent, growing, below 100 % until it ends', () => {
    const scenario = findScenario('lost-segment')!;
    const { steps, result } = inSlices(scenario, 5);
    const body = scenario.http.bodyBytes;
    for (const [i, step] of steps.entries()) {
      expect(step.packets).toBeGreaterThanOrEqual(i ? steps[i - 1].packets : 1);
      expect(step.packets).toBeLessThanOrEqual(result.packets.length);
      // The estimate counts the server's TCP payload (TLS records included), so it passes the body's size: held at 99 %.
      expect(step.fraction).toBe(Math.min(0.99, responseBytesSent(result.packets, step.packets) / body));
    }
    expect(steps.map((s) => s.fraction)).toEqual(steps.map((s) => s.fraction).sort((a, b) => a - b));
    expect(steps.some((s) => s.fraction > 0.1 && s.fraction < 0.9)).toBe(true);
    expect(steps.at(-1)!.fraction).toBe(0.99);
  });

  it('counts each request of a keep-alive connection in the share', () => {
    const scenario = findScenario('keep-alive')!;
    const requests = scenario.http.connections!.reduce((n, c) => n + c.requests.length, 0);
    expect(requests).toBeGreaterThan(1);
    const { steps, result } = inSlices(scenario, 5);
    for (const step of steps) expect(step.fraction).toBe(Math.min(0.99, responseBytesSent(result.packets, step.packets) / (scenario.http.bodyBytes * requests)));
    expect(steps.some((s) => s.fraction > 0 && s.fraction < 0.99)).toBe(true);
  });

  it('reports after each slice that leaves work to do, and not once the network is quiet', () => {
    const runSome = vi.spyOn(EventQueue.prototype, 'runSome');
    try {
      const { steps } = inSlices(findScenario('https')!, 7);
      expect(steps.length).toBe(runSome.mock.calls.length - 1);
      expect(runSome.mock.calls.every(([n]) => n === 7)).toBe(true);
    } finally {
      runSome.mockRestore();
    }
  });

  it('yields nothing when asked for one run (simulate)', () => {
    const { steps } = inSlices(findScenario('https')!, Infinity);
    expect(steps).toEqual([]);
  });
});

describe('where the capture sees each packet (scenario.capture)', () => {
  it('at the client: what it sends when it leaves, what reaches it when it arrives, nothing it never got', () => {
    const sim = simulate(variant('lost-tail', () => ({ capture: 'client' })));
    const lostToClient = sim.packets.filter((p) => p.to === 'client' && p.lost);
    expect(lostToClient.length).toBeGreaterThan(0);
    for (const p of sim.packets) expect(p.captureUs, `#${p.id}`).toBe(p.from === 'client' ? p.sendUs : p.lost ? undefined : p.arriveUs);
  });

  it('at the server, nothing of the DNS lookup it never sees', () => {
    const sim = simulate(variant('dns-then-https', () => ({ capture: 'server' })));
    const lookup = sim.packets.filter((p) => p.from === 'resolver' || p.to === 'resolver');
    expect(lookup.length).toBe(2);
    for (const p of lookup) expect(p.captureUs).toBeUndefined();
  });

  it('at the server likewise, from the other side', () => {
    const sim = simulate(variant('lost-segment', () => ({ capture: 'server' })));
    expect(sim.packets.some((p) => p.to === 'server' && p.lost) || sim.packets.some((p) => p.from === 'server' && p.lost)).toBe(true);
    for (const p of sim.packets) expect(p.captureUs, `#${p.id}`).toBe(p.from === 'server' ? p.sendUs : p.lost ? undefined : p.arriveUs);
  });

  it('on the wire: halfway along the link, where the link lost it, and never a packet a full queue refused', () => {
    const sim = simulate(variant('slow-link', (s) => ({ capture: 'wire', link: { ...s.link, queuePackets: 6, lossRate: 0.01 } })));
    const refused = sim.packets.filter((p) => p.lost && p.lost.atUs === p.sendUs);
    const lostOnLink = sim.packets.filter((p) => p.lost && p.lost.atUs !== p.sendUs);
    expect(refused.length).toBeGreaterThan(0);
    expect(lostOnLink.length).toBeGreaterThan(0);
    for (const p of sim.packets) {
      const expected = !p.lost ? p.sendUs + Math.round((p.arriveUs - p.sendUs) / 2) : p.lost.atUs === p.sendUs ? undefined : p.lost.atUs;
      expect(p.captureUs, `#${p.id}`).toBe(expected);
    }
  });
});
