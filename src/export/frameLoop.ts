import type { Model } from '../app/model';
import { createCanvasView } from '../render/canvasView';
import { darkTheme, type Theme } from '../render/theme';
import { exportFrameCount, type Exporter, type ExportSettings } from './exporter';
import { estimateProgress, type ExportProgress } from './progress';

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'AbortError';
  }
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The frame-stepped export: for each output frame n, seek to from + n/fps, draw into an
 * offscreen canvas of the export size, hand it to the exporter, repeat. The exporter's
 * abort() runs on cancel or error; a cancelled export returns nothing.
 */
export async function runExport(
  model: Model,
  settings: ExportSettings,
  exporter: Exporter,
  options: { signal?: AbortSignal; onProgress?: (p: ExportProgress) => void; theme?: Theme; now?: () => number } = {},
): Promise<Uint8Array> {
  const total = exportFrameCount(settings);
  if (!(total > 0)) throw new Error(`nothing to export: from ${settings.fromS} s to ${settings.toS} s at ${settings.fps} fps is no frame`);
  const now = options.now ?? (() => performance.now());
  const view = await createCanvasView({
    labels: model.labels,
    width: settings.width,
    height: settings.height,
    resolution: 1,
    preserveDrawingBuffer: true,
    theme: options.theme ?? darkTheme,
    overlays: settings.overlays,
  });
  const started = now();
  try {
    await exporter.start(settings, view.canvas);
    for (let n = 0; n < total; n++) {
      if (options.signal?.aborted) throw new ExportCancelled();
      const t = settings.fromS + n / settings.fps;
      view.draw(model.evaluator.evaluate(t * model.plan.fps));
      await exporter.frame(view.canvas, n, Math.round((n * 1e6) / settings.fps));
      options.onProgress?.(estimateProgress(n + 1, total, (now() - started) / 1000));
      if (n % 4 === 3) await yieldToPage(); // keep the page responsive (and Cancel clickable)
    }
    if (options.signal?.aborted) throw new ExportCancelled();
    return await exporter.finish();
  } catch (e) {
    await exporter.abort();
    throw e;
  } finally {
    view.destroy();
  }
}
