import { applyPalette, GIFEncoder, quantize, type Encoder } from 'gifenc';
import type { Exporter, ExportSettings } from './exporter';

/**
 * GIF delays are in hundredths of a second: frame n lasts from round(n·100/fps) to
 * round((n+1)·100/fps), so 30 fps alternates 3 and 4 and the total stays exact.
 */
export const gifDelayMs = (n: number, fps: number): number => 10 * (Math.round(((n + 1) * 100) / fps) - Math.round((n * 100) / fps));

/** Animated GIF (gifenc): each frame quantised to its own 256-colour palette, looping forever. */
export function gifExporter(): Exporter {
  let gif: Encoder | undefined;
  let scratch: CanvasRenderingContext2D | undefined;
  let settings: ExportSettings | undefined;
  return {
    extension: 'gif',
    mimeType: 'image/gif',
    async start(s) {
      settings = s;
      gif = GIFEncoder();
      const c = document.createElement('canvas');
      c.width = s.width;
      c.height = s.height;
      scratch = c.getContext('2d', { willReadFrequently: true })!;
    },
    async frame(canvas, index) {
      const { width, height, fps } = settings!;
      scratch!.drawImage(canvas, 0, 0);
      const rgba = scratch!.getImageData(0, 0, width, height).data;
      const palette = quantize(rgba, 256, { format: 'rgb565' });
      gif!.writeFrame(applyPalette(rgba, palette, 'rgb565'), width, height, { palette, delay: gifDelayMs(index, fps), repeat: 0 });
    },
    async finish() {
      gif!.finish();
      return gif!.bytes();
    },
    async abort() {
      gif = undefined;
    },
  };
}
