import { BufferTarget, CanvasSource, Output, type OutputFormat } from 'mediabunny';
import type { Exporter, ExportSettings } from './exporter';

export interface CanvasVideoFormat {
  /** mediabunny's codec name, and the WebCodecs codec string the bench encodes with. */
  codec: 'vp9' | 'avc';
  codecString: string;
  bitrate: (s: ExportSettings) => number;
  container: () => OutputFormat;
  /** Last touch on the finished file (e.g. zeroing MP4 timestamps). */
  finish?: (bytes: Uint8Array) => Uint8Array;
}

/**
 * A video exporter on WebCodecs: each frame of the canvas is encoded with the timestamp
 * n / fps and muxed by mediabunny into an in-memory file.
 */
export function canvasVideoExporter(format: CanvasVideoFormat): Exporter {
  let output: Output<OutputFormat, BufferTarget> | undefined;
  let source: CanvasSource | undefined;
  let fps = 30;
  return {
    async start(settings, canvas) {
      fps = settings.fps;
      output = new Output({ format: format.container(), target: new BufferTarget() });
      source = new CanvasSource(canvas, { codec: format.codec, bitrate: format.bitrate(settings), latencyMode: 'quality', keyFrameInterval: 2 });
      output.addVideoTrack(source, { frameRate: fps });
      await output.start();
    },
    async frame(_canvas, index) {
      await source!.add(index / fps, 1 / fps);
    },
    async finish() {
      await output!.finalize();
      const bytes = new Uint8Array(output!.target.buffer!);
      return format.finish ? format.finish(bytes) : bytes;
    },
    videoConfig: (s) => ({ codec: format.codecString, bitrate: format.bitrate(s) }),
    async abort() {
      if (output && output.state !== 'finalized' && output.state !== 'canceled') await output.cancel();
    },
  };
}
