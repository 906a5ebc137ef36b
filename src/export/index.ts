import type { Exporter, ExportFormat } from './exporter';
import { gifExporter } from './gif';
import { pngSequenceExporter } from './pngSequence';
import { webmExporter } from './webm';

export { vp9Bitrate } from './webm';

export { runExport, ExportCancelled } from './frameLoop';
export { exportFrameCount, SIZE_PRESETS, type ExportSettings, type ExportFormat } from './exporter';
export { estimateProgress, formatDuration, type ExportProgress } from './progress';

export function exporterFor(format: ExportFormat): Exporter {
  return format === 'webm' ? webmExporter() : format === 'gif' ? gifExporter() : pngSequenceExporter();
}

/** Formats this browser can write: VP9 needs WebCodecs; GIF and PNG always work. */
export async function supportedFormats(): Promise<ExportFormat[]> {
  const out: ExportFormat[] = [];
  if (typeof VideoEncoder !== 'undefined') {
    const { supported } = await VideoEncoder.isConfigSupported({ codec: 'vp09.00.31.08', width: 1280, height: 720 });
    if (supported) out.push('webm');
  }
  out.push('gif', 'png');
  return out;
}
