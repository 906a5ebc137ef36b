import { BufferTarget, CanvasSource, Output, WebMOutputFormat } from 'mediabunny';
import type { Exporter, ExportSettings } from './exporter';

/** Bits per second for VP9: 0.1 bit per pixel per frame (about 2.8 Mbit/s at 720p30), plenty for flat graphics. */
export const vp9Bitrate = (s: Pick<ExportSettings, 'width' | 'height' | 'fps'>): number => Math.round(s.width * s.height * s.fps * 0.1);

/**
 * WebM / VP9 through WebCodecs' VideoEncoder, muxed by mediabunny. Frame-stepped with
 * exact timestamps, so the same frames give the same bytes (checked by the tests).
 */
export function webmExporter(): Exporter {
  let output: Output<WebMOutputFormat, BufferTarget> | undefined;
  let source: CanvasSource | undefined;
  let fps = 30;
  return {
    extension: 'webm',
    mimeType: 'video/webm',
    async start(settings: ExportSettings, canvas: HTMLCanvasElement) {
      fps = settings.fps;
      output = new Output({ format: new WebMOutputFormat(), target: new BufferTarget() });
      source = new CanvasSource(canvas, { codec: 'vp9', bitrate: vp9Bitrate(settings), latencyMode: 'quality', keyFrameInterval: 2 });
      output.addVideoTrack(source, { frameRate: fps });
      await output.start();
    },
    async frame(_canvas, index) {
      await source!.add(index / fps, 1 / fps);
    },
    async finish() {
      await output!.finalize();
      return new Uint8Array(output!.target.buffer!);
    },
    videoConfig: (s) => ({ codec: 'vp09.00.31.08', bitrate: vp9Bitrate(s) }),
    async abort() {
      if (output && output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    },
  };
}
