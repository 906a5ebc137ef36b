import { GifReader } from 'omggif';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportSettings } from './exporter';
import { gifExporter } from './gif';

/**
 * The GIF exporter's wiring: each frame read back from the canvas through a 2D scratch canvas of
 * the export size and written with its delay (decoded by omggif, not by our writer). The document
 * is a small stand-in with just the canvas calls the exporter makes (Node has no canvas).
 */
const W = 16;
const H = 8;
const contexts: { options: unknown; width: number; height: number; reads: number[][] }[] = [];
type Source = { rgba: Uint8ClampedArray };
(globalThis as { document?: unknown }).document = {
  createElement(tag: string) {
    expect(tag).toBe('canvas');
    const canvas = { width: 0, height: 0, getContext: (kind: string, options: unknown) => {
      expect(kind).toBe('2d');
      let drawn: Source | undefined;
      const record = { options, width: canvas.width, height: canvas.height, reads: [] as number[][] };
      contexts.push(record);
      return {
        drawImage: (src: Source, x: number, y: number) => {
          expect([x, y]).toEqual([0, 0]);
          drawn = src;
        },
        getImageData: (...box: number[]) => (record.reads.push(box), { data: drawn!.rgba }),
      };
    } };
    return canvas;
  },
};
afterEach(() => void (contexts.length = 0));

const solid = (r: number, g: number, b: number): Source => {
  const rgba = new Uint8ClampedArray(W * H * 4);
  for (let i = 0; i < W * H; i++) rgba.set([r, g, b, 255], i * 4);
  return { rgba };
};
const settings: ExportSettings = { format: 'gif', width: W, height: H, fps: 30, fromS: 0, toS: 0.1 };

describe('gifExporter', () => {
  it('writes each frame read back from the canvas, with delays of 30, 40, 30 ms at 30 fps', async () => {
    const gif = gifExporter();
    await gif.start(settings, {} as HTMLCanvasElement);
    const frames = [solid(255, 0, 0), solid(0, 0, 255), solid(255, 0, 0)];
    for (const [n, f] of frames.entries()) await gif.frame(f as unknown as HTMLCanvasElement, n, 0);
    const reader = new GifReader(await gif.finish());
    expect([reader.width, reader.height, reader.numFrames()]).toEqual([W, H, 3]);
    expect([0, 1, 2].map((i) => reader.frameInfo(i).delay)).toEqual([3, 4, 3]);
    const screen = new Uint8Array(W * H * 4);
    for (const [i, f] of frames.entries()) {
      reader.decodeAndBlitFrameRGBA(i, screen);
      expect([...screen.subarray(0, 4)], `frame ${i}`).toEqual([...f.rgba.subarray(0, 4)]);
    }
    expect(contexts).toEqual([{ options: { willReadFrequently: true }, width: W, height: H, reads: [[0, 0, W, H], [0, 0, W, H], [0, 0, W, H]] }]);
  });

  it('the delay follows the frame index it is given, not the count of frames so far', async () => {
    const gif = gifExporter();
    await gif.start({ ...settings, fps: 60 }, {} as HTMLCanvasElement);
    await gif.frame(solid(1, 2, 3) as unknown as HTMLCanvasElement, 1, 0); // 60 fps in hundredths: 0→2, 1→3, 2→5, 3→7
    await gif.frame(solid(1, 2, 3) as unknown as HTMLCanvasElement, 2, 0);
    const reader = new GifReader(await gif.finish());
    expect([0, 1].map((i) => reader.frameInfo(i).delay)).toEqual([1, 2]); // frames 1 and 2; frames 0 and 1 would be [2, 1]
  });

  it('after abort nothing more is written', async () => {
    const gif = gifExporter();
    await gif.start(settings, {} as HTMLCanvasElement);
    await gif.abort();
    await expect(gif.finish()).rejects.toThrow();
  });
});
