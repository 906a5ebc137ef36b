import { describe, expect, it } from 'vitest';
import { zeroMp4Times } from './mp4Times';

const box = (type: string, body: number[]) => {
  const size = 8 + body.length;
  return [size >>> 24, (size >>> 16) & 255, (size >>> 8) & 255, size & 255, ...[...type].map((c) => c.charCodeAt(0)), ...body];
};

describe('zeroMp4Times', () => {
  it('zeroes creation and modification times in mvhd, tkhd (nested) and mdhd, nothing else', () => {
    const times = [0, 0, 0, 0, 0xe0, 1, 2, 3, 0xe0, 4, 5, 6, 9, 9, 9, 9]; // version/flags, creation, modification, then other data
    const file = Uint8Array.from([
      ...box('ftyp', [1, 2, 3, 4]),
      ...box('moov', [...box('mvhd', times), ...box('trak', [...box('tkhd', times), ...box('mdia', box('mdhd', times))])]),
      ...box('mdat', [7, 7]),
    ]);
    const out = Array.from(zeroMp4Times(file.slice()));
    const stamps = [0xe0, 1, 2, 3];
    const count = (xs: number[], pattern: number[]) => xs.filter((_, i) => pattern.every((p, j) => xs[i + j] === p)).length;
    expect(count(Array.from(file), stamps)).toBe(3);
    expect(count(out, stamps)).toBe(0);
    expect(count(out, [9, 9, 9, 9])).toBe(3); // the rest untouched
    expect(out.length).toBe(file.length);
    expect(out.slice(0, 12)).toEqual(Array.from(file.slice(0, 12)));
  });
});
