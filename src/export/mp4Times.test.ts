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

  it('walks a box with a 64-bit size (size field 1, largesize after the type) and the boxes after it', () => {
    const times = [1, 0, 0, 0, ...Array(8).fill(0xe0), ...Array(8).fill(0xe1), 9, 9, 9, 9]; // version 1: 64-bit times
    const mvhd = box('mvhd', times);
    const body = [...mvhd];
    const size = 16 + body.length;
    const large = [0, 0, 0, 1, ...[...'moov'].map((c) => c.charCodeAt(0)), 0, 0, 0, 0, 0, 0, 0, size, ...body];
    const file = Uint8Array.from([...box('ftyp', [1, 2, 3, 4]), ...large, ...box('moov', box('tkhd', [0, 0, 0, 0, 0xe0, 1, 2, 3, 0xe0, 4, 5, 6]))]);
    const out = zeroMp4Times(file.slice());
    const at = 12 + 16 + 8 + 4; // ftyp, the large moov header, mvhd header, version/flags
    expect(Array.from(out.subarray(at, at + 16))).toEqual(Array(16).fill(0));
    expect(Array.from(out.subarray(at + 16, at + 20))).toEqual([9, 9, 9, 9]);
    expect(out.includes(0xe0)).toBe(false); // the tkhd in the moov after the large box too
    expect(out.length).toBe(file.length);
  });
});
