import { GifReader } from 'omggif';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../sim/prng';
import { createGifWriter } from './gifWriter';

const W = 64;
const H = 40;

/** A test picture with a handful of colours: a background, a box at x, and a stripe whose colour changes. */
function picture(x: number, stripe: [number, number, number]): Uint8Array {
  const rgba = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++)
    for (let i = 0; i < W; i++) {
      const inBox = i >= x && i < x + 10 && y >= 10 && y < 20;
      const colour = y >= 30 ? stripe : inBox ? [200, 120, 255] : [13, 17, 23];
      rgba.set([...colour, 255], (y * W + i) * 4);
    }
  return rgba;
}

/** Decodes every frame as a viewer shows it: each drawn over the one before (transparent pixels keep it). */
function played(bytes: Uint8Array): Uint8Array[] {
  const gif = new GifReader(bytes);
  const screen = new Uint8Array(gif.width * gif.height * 4);
  return Array.from({ length: gif.numFrames() }, (_, i) => {
    gif.decodeAndBlitFrameRGBA(i, screen);
    return screen.slice();
  });
}

describe('createGifWriter', () => {
  const frames = [picture(5, [60, 160, 255]), picture(5, [60, 160, 255]), picture(20, [60, 160, 255]), picture(20, [240, 200, 80])];

  it('plays back exactly the frames it was given (few colours: no quantisation loss), with their delays', () => {
    const gif = createGifWriter(W, H);
    frames.forEach((f, n) => gif.add(f, [30, 40, 30, 100][n]));
    const bytes = gif.bytes();
    const shown = played(bytes);
    expect(shown).toHaveLength(4);
    shown.forEach((s, n) => expect(Buffer.from(s).equals(Buffer.from(frames[n])), `frame ${n}`).toBe(true));
    const reader = new GifReader(bytes);
    expect([0, 1, 2, 3].map((i) => reader.frameInfo(i).delay)).toEqual([3, 4, 3, 10]);
    // Viewers keep each frame under the next (disposal 1); omggif leaves that to its caller.
    expect([0, 1, 2, 3].map((i) => reader.frameInfo(i).disposal)).toEqual([1, 1, 1, 1]);
    expect(reader.loopCount()).toBe(0);
  });

  it('diffs each frame against the one before it, not the first (A, B, A plays as A, B, A)', () => {
    const a = picture(5, [60, 160, 255]);
    const b = picture(30, [240, 200, 80]);
    const gif = createGifWriter(W, H);
    for (const f of [a, b, a, b]) gif.add(f, 30);
    const shown = played(gif.bytes());
    [a, b, a, b].forEach((f, n) => expect(Buffer.from(shown[n]).equals(Buffer.from(f)), `frame ${n}`).toBe(true));
  });

  it('writes only what changed: a still frame costs next to nothing, a moved box a fraction of a whole frame', () => {
    // A busy picture (200 colours in a seeded pattern) that compresses badly when written whole.
    const rng = createPrng(7);
    const busy = new Uint8Array(W * H * 4);
    for (let i = 0; i < W * H; i++) busy.set([rng.u32() % 200, 90, 140, 255], i * 4);
    const withBox = (x: number) => {
      const f = busy.slice();
      for (let y = 10; y < 20; y++) for (let i = x; i < x + 10; i++) f.set([255, 255, 255, 255], (y * W + i) * 4);
      return f;
    };
    const size = (list: Uint8Array[]) => {
      const gif = createGifWriter(W, H);
      for (const f of list) gif.add(f, 30);
      return gif.bytes().length;
    };
    const whole = size([withBox(5)]);
    expect(whole).toBeGreaterThan(W * H * 0.8); // noise: about a byte a pixel
    expect(size([withBox(5), withBox(5)]) - whole).toBeLessThan(whole / 10);
    expect(size([withBox(5), withBox(30)]) - whole).toBeLessThan(whole / 4);
  });

  it('keeps its own copy of each frame: a caller that repaints one buffer in place still gets every frame (decoded by omggif)', () => {
    const a = picture(5, [60, 160, 255]);
    const b = picture(30, [240, 200, 80]);
    const buffer = new Uint8Array(W * H * 4);
    const gif = createGifWriter(W, H);
    for (const f of [a, b, a]) {
      buffer.set(f); // one buffer, repainted each frame, as a canvas read-back loop may do
      gif.add(buffer, 30);
    }
    const shown = played(gif.bytes());
    [a, b, a].forEach((f, n) => expect(Buffer.from(shown[n]).equals(Buffer.from(f)), `frame ${n}`).toBe(true));
  });

  it('refuses a frame of the wrong size, naming both sizes', () => {
    expect(() => createGifWriter(W, H).add(new Uint8Array(10), 30)).toThrow(`a GIF frame must be 64×40 RGBA (10240 bytes), got 10`);
  });
});
