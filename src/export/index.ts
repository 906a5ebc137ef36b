import type { Exporter, ExportFormat } from './exporter';
import { gifExporter } from './gif';
import { mp4Exporter } from './mp4';
import { pngSequenceExporter } from './pngSequence';
import { stillExporter } from './still';
import { webmExporter } from './webm';

export { runExport, ExportCancelled } from './frameLoop';
export { exportFrameCount, exportFrameTime, stillAt, type ExportSettings, type ExportFormat } from './exporter';
export { estimateProgress, formatDuration, type ExportProgress } from './progress';

const exporters: Record<ExportFormat, () => Exporter> = { webm: webmExporter, mp4: mp4Exporter, gif: gifExporter, png: pngSequenceExporter, still: stillExporter };

export function exporterFor(format: ExportFormat): Exporter {
  return exporters[format]();
}

/** Formats this browser can write: VP9 and H.264 need WebCodecs; GIF and PNGs always work. */
export async function supportedFormats(): Promise<ExportFormat[]> {
  const out: ExportFormat[] = [];
  if (typeof VideoEncoder !== 'undefined') {
    const { supported } = await VideoEncoder.isConfigSupported({ codec: 'vp09.00.31.08', width: 1280, height: 720 });
    if (supported) out.push('webm');
    const avc = await VideoEncoder.isConfigSupported({ codec: 'avc1.640028', width: 1280, height: 720 });
    if (avc.supported) out.push('mp4');
  }
  out.push('gif', 'png', 'still');
  return out;
}
