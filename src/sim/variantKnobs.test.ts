import { describe, expect, it } from 'vitest';
import https from '../../assets/scenarios/https.json';
import { parseScenario } from './scenario';
import { applyVariant, DIRECTION_CODES, directionCode, KNOBS, type KnobSpec, readDropList, readKnob } from './variant';

// What a person types in the URL hash or on the CLI (rtt=80, drop=c2s:3): every answer written
// out by hand, with the bounds of the scenario schema on each side.

const knob = (hash: string): KnobSpec => KNOBS.find((k) => k.hash === hash)!;

describe('readKnob', () => {
  it('reads plain decimals within the bounds, blanks around them ignored', () => {
    expect(readKnob(knob('rtt'), '80')).toEqual({ value: 80 });
    expect(readKnob(knob('rtt'), ' 80.5 ')).toEqual({ value: 80.5 });
    expect(readKnob(knob('loss'), '.5')).toEqual({ value: 0.5 });
    expect(readKnob(knob('loss'), '0')).toEqual({ value: 0 });
    expect(readKnob(knob('bw'), '0.1')).toEqual({ value: 0.1 });
    expect(readKnob(knob('bw'), '100000')).toEqual({ value: 100_000 });
    expect(readKnob(knob('size'), '2000000')).toEqual({ value: 2_000_000 });
    expect(readKnob(knob('rtt'), '1')).toEqual({ value: 1 });
    expect(readKnob(knob('rtt'), '2000')).toEqual({ value: 2000 });
    // 32 characters is the most it reads.
    expect(readKnob(knob('rtt'), `${'0'.repeat(30)}80`)).toEqual({ value: 80 });
  });

  it('refuses anything else with the bounds, the unit and an example', () => {
    const rtt = { problem: 'expected a number from 1 to 2,000 (ms), such as rtt=80' };
    for (const raw of ['0.999', '2000.001', '-1', '', ' ', '1e3', '0x10', '80ms', '+80', '8 0', '80.', 'Infinity', 'NaN', `${'0'.repeat(31)}80`]) expect(readKnob(knob('rtt'), raw), raw).toEqual(rtt);
    expect(readKnob(knob('bw'), '0.09')).toEqual({ problem: 'expected a number from 0.1 to 100,000 (Mbit/s), such as bw=10' });
    expect(readKnob(knob('loss'), '0.51')).toEqual({ problem: 'expected a number from 0 to 0.5, such as loss=0.01' });
    expect(readKnob(knob('size'), '100.5')).toEqual({ problem: 'expected a whole number from 0 to 2,000,000 (bytes), such as size=100000' });
    expect(readKnob(knob('size'), '2000001')).toEqual({ problem: 'expected a whole number from 0 to 2,000,000 (bytes), such as size=100000' });
  });

  it('has the scenario schema’s bounds (the response size capped at 2 MB for the page)', () => {
    const s = parseScenario(https);
    for (const k of KNOBS) {
      const at = (value: number) => () => applyVariant(s, { net: { [k.key]: value }, drops: [] });
      expect(at(k.min), `${k.key} = ${k.min}`).not.toThrow();
      expect(at(k.max), `${k.key} = ${k.max}`).not.toThrow();
      if (k.key !== 'lossRate' && k.key !== 'bodyBytes') expect(at(k.min / 2), `${k.key} below`).toThrow();
      if (k.key !== 'bodyBytes') expect(at(k.max * 2), `${k.key} above`).toThrow();
    }
    expect(KNOBS.map((k) => [k.key, k.hash, k.flag, k.integer])).toEqual([
      ['rttMs', 'rtt', 'rtt', false],
      ['bandwidthMbps', 'bw', 'bandwidth', false],
      ['lossRate', 'loss', 'loss', false],
      ['bodyBytes', 'size', 'response-size', true],
    ]);
  });
});

describe('readDropList', () => {
  it('reads the drops in order, each direction by its code, once each', () => {
    expect(readDropList('c2s:3,s2c:5, c2r:1 ,r2c:999999')).toEqual({
      drops: [
        { direction: 'client-to-server', index: 3 },
        { direction: 'server-to-client', index: 5 },
        { direction: 'client-to-resolver', index: 1 },
        { direction: 'resolver-to-client', index: 999_999 },
      ],
    });
    expect(readDropList('c2s:3,c2s:3,s2c:3,c2s:4')).toEqual({
      drops: [
        { direction: 'client-to-server', index: 3 },
        { direction: 'server-to-client', index: 3 },
        { direction: 'client-to-server', index: 4 },
      ],
    });
  });

  it('names the first bad item', () => {
    const problem = 'expected DIRECTION:N such as c2s:3 (c2s, s2c, c2r or r2c; N counts the packets sent that way from 1)';
    for (const item of ['c2s:0', 'c2s:01', 'c2s:1000000', 'x2s:1', 'c2s', 'c2s:', ':3', 'c2s:3x', 'xc2s:3', 'c2s:-1', 'C2S:3', '']) {
      expect(readDropList(`s2c:1,${item},c2s:2`), item).toEqual({ item, problem });
    }
  });

  it('takes at most 100 different drops', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `c2s:${i + 1}`).join(',');
    expect((readDropList(list(100)) as { drops: unknown[] }).drops).toHaveLength(100);
    expect(readDropList(`${list(100)},c2s:1`)).toEqual({ drops: expect.any(Array) });
    expect(readDropList(list(101))).toEqual({ item: list(101), problem: 'at most 100 drops' });
  });
});

describe('direction codes', () => {
  it('map both ways', () => {
    expect(DIRECTION_CODES).toEqual({ c2s: 'client-to-server', s2c: 'server-to-client', c2r: 'client-to-resolver', r2c: 'resolver-to-client' });
    for (const [code, direction] of Object.entries(DIRECTION_CODES)) expect(directionCode(direction)).toBe(code);
  });
});
