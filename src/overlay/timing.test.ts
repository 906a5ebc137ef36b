import { describe, expect, it } from 'vitest';
import type { RequestTiming } from '../sim/types';
import { formatDuration, formatRtts, phaseAt, timingTable } from './timing';

// One HTTPS request on a 40 ms RTT path after a 20 ms DNS lookup (by hand, as a browser shows it).
const request: RequestTiming = {
  label: 'GET https://example.com/',
  stream: 0,
  phases: [
    { id: 'dns', startUs: 0, endUs: 20_000 },
    { id: 'connect', startUs: 20_000, endUs: 60_000 },
    { id: 'tls', startUs: 60_000, endUs: 100_000 },
    { id: 'request', startUs: 100_000, endUs: 100_400 },
    { id: 'wait', startUs: 100_400, endUs: 140_400 },
    { id: 'download', startUs: 140_400, endUs: 200_400 },
  ],
};
const sim = { timing: [request], rttUs: 40_000 };

describe('timing table', () => {
  it('names the phases as a browser does, with durations and round trips', () => {
    const t = timingTable(sim);
    const rows = t.requests[0].phases.map((p) => [p.name, p.duration, p.rtts]);
    expect(rows).toEqual([
      ['DNS lookup', '20.00 ms', '0.5 RTT'],
      ['Initial connection', '40.00 ms', '1 RTT'],
      ['SSL/TLS', '40.00 ms', '1 RTT'],
      ['Request sent', '0.40 ms', '<0.1 RTT'],
      ['Waiting (TTFB)', '40.00 ms', '1 RTT'],
      ['Content download', '60.00 ms', '1.5 RTT'],
    ]);
    expect(t.requests[0].total).toMatchObject({ name: 'Total', duration: '200.40 ms', rtts: '5 RTT', left: 0, width: 1 });
    expect(t.requests[0].phases[1].description).toBe('Initial connection: 40.00 ms, 1 round trip, from 20.00 ms to 60.00 ms');
  });

  it('places every bar on one shared axis', () => {
    const second: RequestTiming = { label: 'GET /style.css', stream: 1, phases: [{ id: 'wait', startUs: 200_400, endUs: 300_600 }, { id: 'download', startUs: 300_600, endUs: 400_800 }] };
    const t = timingTable({ timing: [request, second], rttUs: 40_000 });
    expect([t.axisStartUs, t.axisEndUs]).toEqual([0, 400_800]);
    const wait = t.requests[1].phases[0];
    expect(wait.left).toBeCloseTo(0.5, 6);
    expect(wait.width).toBeCloseTo(0.25, 6);
    expect(t.requests[0].total.width).toBeCloseTo(0.5, 6);
  });

  it('draws a long idle stretch between requests as a narrow break', () => {
    const later: RequestTiming = { label: 'GET /app.css', stream: 1, phases: [{ id: 'connect', startUs: 60_200_400, endUs: 60_240_400 }, { id: 'download', startUs: 60_240_400, endUs: 60_400_800 }] };
    const t = timingTable({ timing: [request, later], rttUs: 40_000 });
    expect(t.breaks).toHaveLength(1);
    expect(t.breaks[0]).toMatchObject({ startUs: 200_400, endUs: 60_200_400, width: 0.04 });
    // 200.4 ms busy before and 200.4 ms after share the 96 % left: half each.
    expect(t.breaks[0].left).toBeCloseTo(0.48, 6);
    expect(t.requests[1].phases[0].left).toBeCloseTo(0.52, 6);
    expect(t.requests[1].total.left + t.requests[1].total.width).toBeCloseTo(1, 6);
    expect(t.requests[0].phases[1].width).toBeCloseTo((40_000 / 200_400) * 0.48, 6);
  });

  it('sorts phases by start and survives a trace without timing', () => {
    const shuffled = { ...request, phases: [...request.phases].reverse() };
    expect(timingTable({ timing: [shuffled], rttUs: 40_000 }).requests[0].phases[0].id).toBe('dns');
    expect(timingTable({ timing: [], rttUs: 40_000 })).toMatchObject({ axisStartUs: 0, axisEndUs: 0, breaks: [], requests: [] });
  });

  it('finds the phase under way at a network time', () => {
    const t = timingTable(sim);
    expect(phaseAt(t, 0)).toEqual([0, 0]);
    expect(phaseAt(t, 19_999)).toEqual([0, 0]);
    expect(phaseAt(t, 20_000)).toEqual([0, 1]); // where two phases touch, the later one has it
    expect(phaseAt(t, 150_000)).toEqual([0, 5]);
    expect(phaseAt(t, 200_400)).toBeUndefined();
    expect(phaseAt(t, -1)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('writes durations like a network panel', () => {
    expect(formatDuration(0)).toBe('0.00 ms');
    expect(formatDuration(1_234)).toBe('1.23 ms');
    expect(formatDuration(1_250_000)).toBe('1.25 s');
  });
  it('writes round trips', () => {
    expect(formatRtts(0, 40_000)).toBe('0 RTT');
    expect(formatRtts(80_000, 40_000)).toBe('2 RTT');
    expect(formatRtts(52_000, 40_000)).toBe('1.3 RTT');
    expect(formatRtts(1_000, 40_000)).toBe('<0.1 RTT');
    expect(formatRtts(1_000, 0)).toBe('');
  });
});
