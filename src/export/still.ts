import type { Exporter } from './exporter';
import { canvasPng } from './pngSequence';

/** One PNG of one moment (a still for a post or a slide): the export of exactly one frame. */
export function stillExporter(): Exporter {
  let png: Uint8Array | undefined;
  return {
    async start() {
      png = undefined;
    },
    async frame(canvas, index) {
      if (index > 0) throw new Error('a still is one frame: export from a moment to one frame later');
      png = await canvasPng(canvas);
    },
    async finish() {
      if (!png) throw new Error('a still needs its one frame');
      return png;
    },
    async abort() {
      png = undefined;
    },
  };
}
