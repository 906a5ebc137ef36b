import { describe, expect, it } from 'vitest';
import { findScenario } from './scenarios';
import type { Packet } from './types';
import { completionUs, costOf, dropFor, isNoVariant, KNOBS, knobValue, readKnob } from './variant';

const knob = (key: string) => KNOBS.find((k) => k.key === key)!;
const packet = (id: number, from: string, to: string, arriveUs: number) => ({ id, from, to, arriveUs }) as unknown as Packet;

describe('variant: edges the scenario runs do not reach', () => {
  it('a variant that sets any network knob, or drops a packet, is a variant', () => {
    expect(isNoVariant({ net: {}, drops: [] })).toBe(true);
    expect(isNoVariant({ net: { rttMs: undefined }, drops: [] })).toBe(true);
    expect(isNoVariant({ net: { rttMs: 80 }, drops: [] })).toBe(false);
    expect(isNoVariant({ net: {}, drops: [{ direction: 'client-to-server', index: 3 }] })).toBe(false);
  });

  it('reads plain decimals only: a fraction of any length, a leading dot; no sign, no exponent', () => {
    expect(readKnob(knob('rttMs'), '80.25')).toEqual({ value: 80.25 });
    expect(readKnob(knob('lossRate'), '.25')).toEqual({ value: 0.25 });
    // Number() would take these; a typed knob is plain digits.
    for (const text of ['+80.5', '.5e3', '1e2']) expect(readKnob(knob('rttMs'), text)).toEqual({ problem: 'expected a number from 1 to 2,000 (ms), such as rtt=80' });
  });

  it('the scenario\'s own bandwidth and loss', () => {
    const s = findScenario('lost-segment')!;
    expect(knobValue(s, 'bandwidthMbps')).toBe(s.link.bandwidthMbps);
    expect(knobValue(s, 'lossRate')).toBe(s.link.lossRate);
    expect(knobValue(s, 'bandwidthMbps')).not.toBe(s.http.bodyBytes);
    const slow = findScenario('slow-link')!;
    expect(knobValue(slow, 'bandwidthMbps')).toBe(slow.link.bandwidthMbps);
  });

  it('no drop rule for a packet between the server and the resolver (no such direction)', () => {
    const p = packet(1, 'server', 'resolver', 10);
    expect(dropFor({ packets: [p] }, p)).toBeUndefined();
  });

  it('without timing, the run is over at the LAST arrival; without packets either, there is no cost', () => {
    const packets = [packet(1, 'client', 'server', 9_000), packet(2, 'server', 'client', 5_000)];
    expect(completionUs({ timing: [], packets })).toBe(9_000);
    const none = { timing: [], packets: [] };
    const some = { timing: [], packets, rttUs: 1_000 };
    expect(costOf({ ...none, rttUs: 1_000 }, some)).toBeUndefined();
    expect(costOf(some, none)).toBeUndefined();
  });

  it('a run without a measured RTT counts no round trips', () => {
    const at = (us: number) => ({ timing: [], packets: [packet(1, 'client', 'server', us)] });
    expect(costOf({ ...at(1_000), rttUs: 0 }, at(5_000))).toEqual({ originalUs: 1_000, changedUs: 5_000, deltaUs: 4_000, roundTrips: 0, rttUs: 0 });
  });
});
