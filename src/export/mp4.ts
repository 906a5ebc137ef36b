import { Mp4OutputFormat } from 'mediabunny';
import { canvasVideoExporter } from './canvasVideo';
import type { Exporter, ExportSettings } from './exporter';
import { zeroMp4Times } from './mp4Times';

/** Bits per second for H.264: 0.12 bit per pixel per frame (about 3.3 Mbit/s at 720p30). */
export const avcBitrate = (s: Pick<ExportSettings, 'width' | 'height' | 'fps'>): number => Math.round(s.width * s.height * s.fps * 0.12);

/**
 * MP4 / H.264 (OpenH264 in Chromium) with the muxer's wall-clock timestamps zeroed. Frame
 * count, timing and size are always exact. The bytes repeat when the encoder has one thread:
 * Chromium gives it several at 1280×720 and above when it may use several CPUs, and then each
 * run differs slightly; `npm run record` starts the browser so that it has one
 * (tests/support/browser.ts).
 */
export const mp4Exporter = (): Exporter =>
  canvasVideoExporter({
    codec: 'avc',
    codecString: 'avc1.640028',
    bitrate: avcBitrate,
    container: () => new Mp4OutputFormat({ fastStart: 'in-memory' }),
    finish: zeroMp4Times,
  });
