import { unzipSync } from 'fflate';
import { ALL_FORMATS, BufferSource, EncodedPacketSink, Input, VideoSampleSink } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/playback/model';
import { exporterFor, runExport } from '../src/export/index';
import type { Exporter } from '../src/export/exporter';
import { createCanvasView } from '../src/render/canvasView';
import { readPixels, samePixels } from '../src/render/pixels';
import { findScenario } from '../src/sim/scenarios';

const W = 320;
const H = 180;

/** Mean absolute difference per channel between two RGBA images. */
function meanDiff(a: Uint8Array | Uint8ClampedArray, b: Uint8Array | Uint8ClampedArray): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    for (let c = 0; c < 3; c++) sum += Math.abs(a[i + c] - b[i + c]);
    n += 3;
  }
  return sum / n;
}

/** A PNG's RGBA pixels, top row first, as decoded by the browser without colour conversion. */
async function pngPixels(png: Uint8Array): Promise<Uint8ClampedArray> {
  const bitmap = await createImageBitmap(new Blob([png as Uint8Array<ArrayBuffer>], { type: 'image/png' }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const ctx = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
}

describe('complete frames', () => {
  // First in this file: a fresh document, where the bundled font has not been loaded yet.
  it('the first exported frame already has the bundled font: it equals the same moment drawn once everything is loaded', async () => {
    expect([...document.fonts].filter((f) => f.status === 'loaded')).toHaveLength(0);
    const model = buildModel(findScenario('https')!);
    const settings = { format: 'png' as const, width: W, height: H, fps: 30 as const, fromS: 4, toS: 4.1, overlays: { caption: true, chapter: true, timestamp: true, card: true } };
    const files = unzipSync(await runExport(model, settings, exporterFor('png')));
    expect(Object.keys(files)).toEqual(['frame-00000.png', 'frame-00001.png', 'frame-00002.png']);

    const view = await createCanvasView({ labels: model.labels, width: W, height: H, resolution: 1, preserveDrawingBuffer: true, overlays: settings.overlays });
    view.draw(model.evaluator.evaluate(4 * 60));
    const truth = readPixels(view).data;
    view.destroy();
    expect([...document.fonts].some((f) => f.status === 'loaded')).toBe(true);
    expect(samePixels(new Uint8Array(await pngPixels(files['frame-00000.png'])), truth)).toBe(0);
  });
});

describe('cancel', () => {
  it('takes effect while the encoder is still busy with a frame, and releases the exporter', async () => {
    const model = buildModel(findScenario('https')!);
    const calls: string[] = [];
    // An encoder that takes forever with its second frame: without the race, this export would hang.
    const stuck: Exporter = {
      start: async () => void calls.push('start'),
      frame: (_c, index) => (calls.push(`frame ${index}`), index === 0 ? Promise.resolve() : new Promise<void>(() => {})),
      finish: async () => new Uint8Array(),
      abort: async () => void calls.push('abort'),
    };
    const controller = new AbortController();
    const run = runExport(model, { format: 'webm', width: W, height: H, fps: 30, fromS: 0, toS: 1 }, stuck, {
      signal: controller.signal,
      onProgress: (p) => p.done === 1 && setTimeout(() => controller.abort(), 0),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toEqual(['start', 'frame 0', 'frame 1', 'abort']);
  });
});

describe('GIF', () => {
  it('plays back in the browser\'s own decoder as the PNG frames of the same moments', async () => {
    const model = buildModel(findScenario('https')!);
    const settings = { width: W, height: H, fps: 30 as const, fromS: 4, toS: 4.5 };
    const gif = await runExport(model, { ...settings, format: 'gif' }, exporterFor('gif'));
    const pngs = unzipSync(await runExport(model, { ...settings, format: 'png' }, exporterFor('png')));
    // ImageDecoder composites each frame over the last, honouring disposal, as a viewer does.
    const decoder = new ImageDecoder({ data: gif, type: 'image/gif' });
    await decoder.tracks.ready;
    expect(decoder.tracks.selectedTrack!.frameCount).toBe(15);
    const ctx = new OffscreenCanvas(W, H).getContext('2d', { willReadFrequently: true })!;
    for (let n = 0; n < 15; n++) {
      const { image } = await decoder.decode({ frameIndex: n });
      ctx.clearRect(0, 0, W, H);
      ctx.drawImage(image, 0, 0);
      image.close();
      const shown = ctx.getImageData(0, 0, W, H).data;
      const truth = await pngPixels(pngs[`frame-${String(n).padStart(5, '0')}.png`]);
      let worst = 0;
      for (let i = 0; i < shown.length; i++) if (i % 4 !== 3) worst = Math.max(worst, Math.abs(shown[i] - truth[i]));
      expect(worst, `frame ${n}`).toBeLessThanOrEqual(16);
    }
    decoder.close();
  });
});

/** The top-level boxes of an MP4 and the boxes inside moov (ISO/IEC 14496-12 §4.2), 64-bit sizes included. */
function boxes(bytes: Uint8Array, start = 0, end = bytes.length): { type: string; at: number; header: number; size: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: { type: string; at: number; header: number; size: number }[] = [];
  for (let at = start; at + 8 <= end; ) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) [size, header] = [Number(view.getBigUint64(at + 8)), 16];
    else if (size === 0) size = end - at;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    out.push({ type, at, header, size });
    if (size < header) break;
    at += size;
  }
  return out;
}

describe('video timestamps', () => {
  it.each(['mp4', 'webm'] as const)('every %s sample is stamped n / fps, in order, none missing or shifted', async (format) => {
    const model = buildModel(findScenario('https')!);
    const fps = 30;
    const bytes = await runExport(model, { format, width: W, height: H, fps, fromS: 2, toS: 2.5 }, exporterFor(format));
    const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
    const track = (await input.getPrimaryVideoTrack())!;
    const stamps: number[] = [];
    for await (const packet of new EncodedPacketSink(track).packets()) stamps.push(packet.timestamp);
    stamps.sort((a, b) => a - b);
    expect(stamps).toHaveLength(15);
    // WebM stores milliseconds; MP4 a timescale of the muxer's choosing.
    stamps.forEach((t, n) => expect(t, `sample ${n}`).toBeCloseTo(n / fps, format === 'webm' ? 3 : 6));
    if (format === 'mp4') {
      const top = boxes(bytes);
      expect(top.map((b) => b.type).slice(0, 2)).toEqual(['ftyp', 'moov']);
      const moov = top[1];
      const mvhd = boxes(bytes, moov.at + moov.header, moov.at + moov.size).find((b) => b.type === 'mvhd')!;
      const version = bytes[mvhd.at + mvhd.header];
      const times = bytes.subarray(mvhd.at + mvhd.header + 4, mvhd.at + mvhd.header + 4 + (version === 1 ? 16 : 8));
      expect([...times].every((b) => b === 0)).toBe(true); // no wall clock in the file
      expect(top.at(-1)!.at + top.at(-1)!.size).toBe(bytes.length);
    }
  });
});

describe('video frames', () => {
  it('frame n of the WebM is the canvas at frame n (decoded, lossy, but nearest to n, not n ± 3)', async () => {
    const model = buildModel(findScenario('https')!);
    const settings = { format: 'webm' as const, width: W, height: H, fps: 30 as const, fromS: 0.6, toS: 1.6 };
    const bytes = await runExport(model, settings, exporterFor('webm'));

    // The renderer's own pictures of the same moments.
    const view = await createCanvasView({ labels: model.labels, width: W, height: H, resolution: 1, preserveDrawingBuffer: true });
    const truth: Uint8Array[] = [];
    for (let n = 0; n < 30; n++) {
      view.draw(model.evaluator.evaluate((settings.fromS + n / 30) * 60));
      truth.push(readPixels(view).data);
    }
    view.destroy();

    const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
    const track = (await input.getPrimaryVideoTrack())!;
    const scratch = document.createElement('canvas');
    scratch.width = W;
    scratch.height = H;
    const ctx = scratch.getContext('2d', { willReadFrequently: true })!;
    const decoded: Uint8ClampedArray[] = [];
    for await (const sample of new VideoSampleSink(track).samples()) {
      sample.draw(ctx, 0, 0, W, H);
      decoded.push(ctx.getImageData(0, 0, W, H).data);
      sample.close();
    }
    expect(decoded).toHaveLength(30);
    for (let n = 3; n < 27; n += 4) {
      const own = meanDiff(decoded[n], truth[n]);
      expect(own, `frame ${n}`).toBeLessThan(4); // VP9 at this bitrate: a few levels of error
      expect(own).toBeLessThan(meanDiff(decoded[n], truth[n - 3]));
      expect(own).toBeLessThan(meanDiff(decoded[n], truth[n + 3]));
    }
  });
});
