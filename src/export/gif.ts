import type { Exporter, ExportSettings } from './exporter';
import { createGifWriter } from './gifWriter';

/**
 * GIF delays are in hundredths of a second: frame n lasts from round(n·100/fps) to
 * round((n+1)·100/fps), so 30 fps alternates 3 and 4 and the total stays exact.
 */
export const gifDelayMs = (n: number, fps: number): number => 10 * (Math.round(((n + 1) * 100) / fps) - Math.round((n * 100) / fps));

/** Animated GIF: the canvas read back each frame and handed to the GIF writer (only changes after the first). */
export function gifExporter(): Exporter {
  let gif: ReturnType<typeof createGifWriter> | undefined;
  let scratch: CanvasRenderingContext2D | undefined;
  let settings: ExportSettings | undefined;
  return {
    async start(s) {
      settings = s;
      gif = createGifWriter(s.width, s.height);
      const c = document.createElement('canvas');
      c.width = s.width;
      c.height = s.height;
      scratch = c.getContext('2d', { willReadFrequently: true })!;
    },
    async frame(canvas, index) {
      const { width, height, fps } = settings!;
      scratch!.drawImage(canvas, 0, 0);
      gif!.add(scratch!.getImageData(0, 0, width, height).data, gifDelayMs(index, fps));
    },
    async finish() {
      return gif!.bytes();
    },
    async abort() {
      gif = undefined;
    },
  };
}
