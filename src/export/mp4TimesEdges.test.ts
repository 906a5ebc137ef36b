import { describe, expect, it } from 'vitest';
import { zeroMp4Times } from './mp4Times';

/** ISO/IEC 14496-12 §4.2 box headers written by hand: size (u32, big-endian), type, body. */
const box = (type: string, body: number[], size = 8 + body.length) => [size >>> 24, (size >>> 16) & 255, (size >>> 8) & 255, size & 255, ...[...type].map((c) => c.charCodeAt(0)), ...body];
/** A version-0 mvhd/tkhd/mdhd body: version/flags, creation, modification (both 0xe0…), then other data. */
const times = [0, 0, 0, 0, 0xe0, 1, 2, 3, 0xe0, 4, 5, 6, 9, 9, 9, 9];
const stamped = (b: Uint8Array) => b.includes(0xe0);

describe('zeroMp4Times at the edges of the box syntax', () => {
  it('reads size 0 as "to the end of the enclosing box" (§4.2) and still walks into it', () => {
    const file = Uint8Array.from([...box('ftyp', [1, 2, 3, 4]), ...box('moov', box('mvhd', times), 0)]);
    const out = zeroMp4Times(file.slice());
    expect(stamped(out)).toBe(false);
    expect([...out.subarray(out.length - 4)]).toEqual([9, 9, 9, 9]);
  });

  it('walks past an empty box (size 8, header only) and an empty container to the boxes after', () => {
    const file = Uint8Array.from([...box('free', []), ...box('moov', [...box('trak', []), ...box('mvhd', times)])]);
    expect(stamped(zeroMp4Times(file.slice()))).toBe(false);
  });

  it('finds a timed box that ends exactly at the end of its container', () => {
    const mdhd = box('mdhd', times.slice(0, 12)); // version/flags and the two times, nothing after
    const file = Uint8Array.from(box('moov', box('trak', box('mdia', mdhd))));
    expect([...zeroMp4Times(file.slice())].slice(-8)).toEqual(Array(8).fill(0));
  });

  it('stops at a box whose size is smaller than its header or runs past its container, touching nothing from there', () => {
    for (const size of [4, 7, 200]) {
      const file = Uint8Array.from([...box('mvhd', times), ...box('moov', box('mvhd', times), size)]);
      const out = zeroMp4Times(file.slice());
      expect([...out.subarray(0, 24)], `size ${size}`).toEqual([...file.subarray(0, 8), 0, 0, 0, 0, ...Array(8).fill(0), 9, 9, 9, 9]);
      expect([...out.subarray(24)], `size ${size}`).toEqual([...file.subarray(24)]);
    }
  });

  it('stops at a 64-bit size smaller than its 16-byte header', () => {
    const bad = [0, 0, 0, 1, ...[...'moov'].map((c) => c.charCodeAt(0)), 0, 0, 0, 0, 0, 0, 0, 12, ...box('mvhd', times)];
    const file = Uint8Array.from(bad);
    expect([...zeroMp4Times(file.slice())]).toEqual([...file]);
  });

  it('leaves a timed box shorter than a header alone at the end of the file (fewer than 8 bytes left)', () => {
    const file = Uint8Array.from([...box('free', [1]), 0, 0, 0, 9, 0x6d, 0x76, 0x68]);
    expect([...zeroMp4Times(file.slice())]).toEqual([...file]);
  });

  it('zeroes only inside the range it is given', () => {
    const file = Uint8Array.from([...box('mvhd', times), ...box('mvhd', times)]);
    const out = zeroMp4Times(file.slice(), 24, 48);
    expect(stamped(out.subarray(0, 24))).toBe(true);
    expect(stamped(out.subarray(24))).toBe(false);
  });

  it('never touches media data or other leaf boxes, even when their bytes look like a timed box', () => {
    // An mdat (and a free box) whose payload happens to spell an mvhd: sample bytes, not a box (§8.1.1).
    for (const leaf of ['mdat', 'free', 'udta']) {
      const file = Uint8Array.from([...box('ftyp', [1, 2, 3, 4]), ...box(leaf, box('mvhd', times))]);
      expect([...zeroMp4Times(file.slice())], leaf).toEqual([...file]);
    }
  });

  it('stops at a timed box whose size is smaller than its 8-byte header, without zeroing past it', () => {
    for (const size of [2, 5, 7]) {
      const file = Uint8Array.from(box('mvhd', times, size));
      expect([...zeroMp4Times(file.slice())], `size ${size}`).toEqual([...file]);
    }
  });

  it('zeroes only inside a timed box too short for its fields, never the bytes after it', () => {
    // A header-only mvhd, a tkhd with only version/flags, an mdhd cut in its creation time: then a free box of 0xe0.
    const after = box('free', Array(20).fill(0xe0));
    for (const short of [box('mvhd', []), box('tkhd', [0, 0, 0, 0]), box('mdhd', [0, 0, 0, 0, 0xe0, 0xe0])]) {
      const file = Uint8Array.from(box('moov', [...short, ...after]));
      const out = zeroMp4Times(file.slice());
      expect([...out.subarray(8 + short.length)], String.fromCharCode(...short.slice(4, 8))).toEqual(after);
      expect(out.subarray(8, 8 + short.length).includes(0xe0)).toBe(false);
    }
  });

  it('a size smaller than its header stops the walk: it does not step into the middle of the box and read on', () => {
    // Size 4 at offset 0: stepping 4 bytes would land on what looks like a whole mvhd.
    const file = Uint8Array.from([0, 0, 0, 4, ...box('mvhd', times)]);
    expect([...zeroMp4Times(file.slice())]).toEqual([...file]);
  });
});
