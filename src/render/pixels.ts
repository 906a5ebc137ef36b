import type { WebGLRenderer } from 'pixi.js';
import type { CanvasView } from './canvasView';

/** The canvas's pixels as drawn (RGBA, top row first), read straight from WebGL; call in the same task as the draw. */
export function readPixels(view: CanvasView): { data: Uint8Array; width: number; height: number } {
  const gl = (view.app.renderer as WebGLRenderer).gl;
  const width = gl.drawingBufferWidth;
  const height = gl.drawingBufferHeight;
  const raw = new Uint8Array(width * height * 4);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, raw);
  const data = new Uint8Array(raw.length);
  const row = width * 4;
  for (let y = 0; y < height; y++) data.set(raw.subarray((height - 1 - y) * row, (height - y) * row), y * row);
  return { data, width, height };
}

export function toPngBase64({ data, width, height }: { data: Uint8Array; width: number; height: number }): string {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  c.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(data), width, height), 0, 0);
  return c.toDataURL('image/png').slice('data:image/png;base64,'.length);
}

export function samePixels(a: Uint8Array, b: Uint8Array): number {
  let diff = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2] || a[i + 3] !== b[i + 3]) diff++;
  }
  return diff;
}

/** A short fingerprint of pixels (FNV-1a), to compare frames without moving megabytes. */
export function pixelHash(data: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
