import { applyPalette, GIFEncoder, quantize, type Palette } from 'gifenc';

/** GIF disposal 1: leave the frame in place, so the next one only paints what changed. */
const KEEP = 1;

/**
 * An animated GIF built frame by frame (gifenc), looping forever. The first frame is whole;
 * each later one carries only the pixels that changed since the frame before, quantised to a
 * palette of their own, with every other pixel transparent so the picture underneath shows
 * through. The diagram is mostly still from one frame to the next, so this keeps files
 * several times smaller than whole frames, with the same picture. Pure: bytes in, bytes out.
 */
export function createGifWriter(width: number, height: number) {
  const gif = GIFEncoder();
  const pixels = width * height;
  let previous: Uint32Array | undefined;

  return {
    /** `rgba`: width × height pixels, top row first; `delayMs` a multiple of 10. */
    add(rgba: Uint8Array | Uint8ClampedArray, delayMs: number): void {
      if (rgba.length !== pixels * 4) throw new Error(`a GIF frame must be ${width}×${height} RGBA (${pixels * 4} bytes), got ${rgba.length}`);
      const current = new Uint32Array(rgba.slice().buffer);
      if (!previous) {
        const palette = quantize(rgba, 256, { format: 'rgb565' });
        gif.writeFrame(applyPalette(rgba, palette, 'rgb565'), width, height, { palette, delay: delayMs, repeat: 0, dispose: KEEP });
      } else {
        const { index, palette, transparentIndex } = changesOnly(previous, current);
        gif.writeFrame(index, width, height, { palette, delay: delayMs, transparent: true, transparentIndex, dispose: KEEP });
      }
      previous = current;
    },
    bytes(): Uint8Array {
      gif.finish();
      return gif.bytes();
    },
  };
}

/** The changed pixels in colours of their own (up to 255), every other pixel the transparent index. */
function changesOnly(previous: Uint32Array, current: Uint32Array): { index: Uint8Array; palette: Palette; transparentIndex: number } {
  const changed = new Uint32Array(current.length);
  let count = 0;
  for (let i = 0; i < current.length; i++) if (current[i] !== previous[i]) changed[count++] = i;
  const colours = new Uint32Array(count);
  for (let k = 0; k < count; k++) colours[k] = current[changed[k]];
  const compact = new Uint8Array(colours.buffer);
  const palette = count ? quantize(compact, 255, { format: 'rgb565' }) : [];
  const transparentIndex = palette.length;
  const index = new Uint8Array(current.length).fill(transparentIndex);
  if (count) {
    const sub = applyPalette(compact, palette, 'rgb565');
    for (let k = 0; k < count; k++) index[changed[k]] = sub[k];
  }
  return { index, palette: [...palette, [0, 0, 0]], transparentIndex };
}
