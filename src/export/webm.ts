import { WebMOutputFormat } from 'mediabunny';
import { canvasVideoExporter } from './canvasVideo';
import type { Exporter, ExportSettings } from './exporter';

/** Bits per second for VP9: 0.1 bit per pixel per frame (about 2.8 Mbit/s at 720p30), plenty for flat graphics. */
export const vp9Bitrate = (s: Pick<ExportSettings, 'width' | 'height' | 'fps'>): number => Math.round(s.width * s.height * s.fps * 0.1);

/** WebM / VP9: the same frames give the same bytes (checked by the tests). */
export const webmExporter = (): Exporter =>
  canvasVideoExporter({ codec: 'vp9', codecString: 'vp09.00.31.08', bitrate: vp9Bitrate, container: () => new WebMOutputFormat() });
