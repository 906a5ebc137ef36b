import { describe, expect, it } from 'vitest';
import { parseLayout, parseStartTime, parseTheme, resolveTheme } from './attributes';

describe('<wire-scene> attribute values', () => {
  it('t: seconds or the transport bar clock; anything else is the start', () => {
    expect(parseStartTime('5.8')).toBe(5.8);
    expect(parseStartTime(' 0:05.80 ')).toBeCloseTo(5.8, 9);
    expect(parseStartTime('1:02:03.5')).toBe(3723.5);
    expect(parseStartTime('2:00')).toBe(120);
    for (const bad of [null, '', 'abc', '-1', '1:75', '1e3', '0x10', '5.8s']) expect(parseStartTime(bad)).toBe(0);
  });

  it('theme and layout: known values in any case, else the default', () => {
    expect(parseTheme('LIGHT')).toBe('light');
    expect(parseTheme('sepia')).toBe('auto');
    expect(parseTheme(null)).toBe('auto');
    expect(resolveTheme('auto', true)).toBe('dark');
    expect(resolveTheme('auto', false)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(parseLayout('Portrait')).toBe('portrait');
    expect(parseLayout('toString')).toBe('landscape');
    expect(parseLayout(null)).toBe('landscape');
  });
});
