import { BufferTarget, CanvasSource, Output, QUALITY_HIGH, WebMOutputFormat } from 'mediabunny';
import type { Exporter, ExportSettings } from './exporter';

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
      source = new CanvasSource(canvas, { codec: 'vp9', bitrate: QUALITY_HIGH, latencyMode: 'quality', keyFrameInterval: 2 });
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
    async abort() {
      if (output && output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    },
  };
}
