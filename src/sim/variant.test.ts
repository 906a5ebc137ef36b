import { describe, expect, it } from 'vitest';
import https from '../../assets/scenarios/https.json';
import { parseScenario, ScenarioError } from './scenario';
import type { Packet, RequestTiming } from './types';
import { applyVariant, completionUs, costOf, describeCost, dropFor, formatCost, isNoVariant, knobValue, noVariant } from './variant';

const base = parseScenario({ ...https, link: { ...https.link, drop: [{ direction: 'server-to-client', label: 'SYN-ACK' }] } });

describe('applyVariant', () => {
  it('is the scenario itself when nothing changes', () => {
    expect(applyVariant(base, noVariant())).toBe(base);
    expect(isNoVariant({ net: { rttMs: undefined }, drops: [] })).toBe(true);
  });
  it('replaces the knobs and adds the drops after the scenario’s own', () => {
    const s = applyVariant(base, { net: { rttMs: 80, bandwidthMbps: 10, lossRate: 0.01, bodyBytes: 100000 }, drops: [{ direction: 'client-to-server', index: 3 }] });
    expect(s.link).toEqual({
      ...base.link,
      rttMs: 80,
      bandwidthMbps: 10,
      lossRate: 0.01,
      drop: [{ direction: 'server-to-client', label: 'SYN-ACK', occurrence: 1 }, { direction: 'client-to-server', index: 3, occurrence: 1 }],
    });
    expect(s.http.bodyBytes).toBe(100000);
    expect(knobValue(s, 'rttMs')).toBe(80);
    expect(knobValue(s, 'bodyBytes')).toBe(100000);
    expect(base.link.rttMs).toBe(40); // untouched
  });
  it('validates the result like a file', () => {
    expect(() => applyVariant(base, { net: { rttMs: 0 }, drops: [] })).toThrow(ScenarioError);
  });
});

const packet = (id: number, from: Packet['from'], to: Packet['to'], sendUs: number, extra: Partial<Packet> = {}) =>
  ({ id, from, to, sendUs, arriveUs: sendUs + 20_000, ...extra }) as Packet;

describe('dropFor', () => {
  const packets = [
    packet(0, 'client', 'resolver', 0),
    packet(1, 'resolver', 'client', 10_000),
    packet(2, 'client', 'server', 20_000),
    packet(3, 'server', 'client', 40_000),
    packet(4, 'client', 'server', 60_000),
    packet(5, 'client', 'server', 60_000),
    packet(6, 'server', 'client', 80_000, { lost: { atUs: 90_000, reason: 'drop rule' } }),
    packet(7, 'server', 'client', 1_080_000),
  ];
  it('counts the packets sent the same way before it, lost ones included, from 1', () => {
    expect(dropFor({ packets }, packets[0])).toEqual({ direction: 'client-to-resolver', index: 1 });
    expect(dropFor({ packets }, packets[1])).toEqual({ direction: 'resolver-to-client', index: 1 });
    expect(dropFor({ packets }, packets[5])).toEqual({ direction: 'client-to-server', index: 3 });
    expect(dropFor({ packets }, packets[7])).toEqual({ direction: 'server-to-client', index: 3 });
  });
});

const timing = (endUs: number): RequestTiming[] => [
  { label: 'GET /', stream: 0, phases: [{ id: 'connect', startUs: 0, endUs: 40_000 }, { id: 'download', startUs: 100_000, endUs }] },
];

describe('what a change costs', () => {
  it('compares when the last request is over, in ms and round trips of the original RTT', () => {
    const c = costOf({ timing: timing(280_000), packets: [], rttUs: 40_000 }, { timing: timing(1_284_000), packets: [] })!;
    expect(c).toEqual({ originalUs: 280_000, changedUs: 1_284_000, deltaUs: 1_004_000, roundTrips: 25, rttUs: 40_000 });
    expect(formatCost({ ...c, deltaUs: 1_004_000, roundTrips: 1, rttUs: 1_000_000 })).toBe('+1,004 ms, +1 round trip of 1,000 ms');
    expect(describeCost(c)).toBe('+1,004 ms, +25 round trips of 40 ms: the last response is complete at 1,284 ms instead of 280 ms.');
  });
  it('reads a faster run and no change plainly', () => {
    expect(formatCost({ originalUs: 0, changedUs: 0, deltaUs: -80_000, roundTrips: -2, rttUs: 40_000 })).toBe('−80 ms, −2 round trips of 40 ms');
    expect(formatCost({ originalUs: 0, changedUs: 0, deltaUs: 2_500, roundTrips: 0, rttUs: 2_500 })).toBe('+2.5 ms, ±0 round trips of 2.5 ms');
    expect(describeCost({ originalUs: 280_000, changedUs: 280_000, deltaUs: 0, roundTrips: 0, rttUs: 40_000 })).toBe('no difference: the last response is complete at 280 ms either way.');
    expect(describeCost(undefined)).toBe('the request never completes.');
  });
  it('uses the last request’s phases, else the last arrival', () => {
    expect(completionUs({ timing: [...timing(50_000), ...timing(300_000)], packets: [] })).toBe(300_000);
    expect(completionUs({ timing: [], packets: [packet(0, 'client', 'server', 0), packet(1, 'server', 'client', 500_000, { lost: { atUs: 0, reason: '' } })] })).toBe(20_000);
    expect(completionUs({ timing: [], packets: [] })).toBeUndefined();
  });
});
