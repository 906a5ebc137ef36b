import { zipSync } from 'fflate';
import type { Exporter } from './exporter';

/** A fixed date for the zip entries, so the archive is the same bytes every time. */
const ZIP_DATE = new Date(Date.UTC(2026, 0, 1));

export async function canvasPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the canvas could not be encoded as PNG');
  return new Uint8Array(await blob.arrayBuffer());
}

/** One lossless PNG per frame (frame-00000.png, …) in a .zip (stored: PNG is compressed already). */
export function pngSequenceExporter(): Exporter {
  let files: Record<string, [Uint8Array, { level: 0; mtime: Date }]> = {};
  return {
    async start() {
      files = {};
    },
    async frame(canvas, index) {
      files[`frame-${String(index).padStart(5, '0')}.png`] = [await canvasPng(canvas), { level: 0, mtime: ZIP_DATE }];
    },
    async finish() {
      return zipSync(files);
    },
    async abort() {
      files = {};
    },
  };
}
