import type { Evaluator } from '../playback/engine';
import { createCanvasView } from '../render/canvasView';
import type { SceneLabels } from '../stage/labels';
import { darkTheme, type Theme } from '../render/theme';
import { exportFrameCount, exportFrameTime, type Exporter, type ExportSettings } from './exporter';
import { estimateProgress, type ExportProgress } from './progress';

export class ExportCancelled extends Error {
  constructor() {
    super('export cancelled');
    this.name = 'AbortError';
  }
}

/** Lets the page handle input (Cancel, Escape) between frames: scheduler.yield where there is one. */
const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
};

/** The longest the loop keeps the main thread before yielding (one frame at least). */
const SLICE_MS = 40;

/**
 * What an export draws: the canvas's labels and the one evaluator the page draws with
 * (a Model is one; the export needs nothing else of it).
 */
export interface ExportSource {
  labels: SceneLabels;
  evaluator: Pick<Evaluator, 'at'>;
}

/**
 * The frame-stepped export: for each output frame n, evaluate the moment from + n/fps,
 * draw it into an offscreen canvas of the export size, hand it to the exporter, repeat.
 * The exporter's abort() runs on cancel or error; a cancelled export returns nothing.
 */
export async function runExport(
  model: ExportSource,
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
  let sliceStart = now();
  // Cancel takes effect at once, even while the encoder is busy with a frame: each step races it.
  const cancelled = new Promise<never>((_, reject) => {
    const signal = options.signal;
    if (signal?.aborted) reject(new ExportCancelled());
    signal?.addEventListener('abort', () => reject(new ExportCancelled()), { once: true });
  });
  cancelled.catch(() => undefined); // observed through the races below
  const step = <T>(work: Promise<T>): Promise<T> => {
    work.catch(() => undefined); // once cancelled, how the abandoned step ends no longer matters
    return Promise.race([work, cancelled]);
  };
  try {
    await step(exporter.start(settings, view.canvas));
    for (let n = 0; n < total; n++) {
      if (options.signal?.aborted) throw new ExportCancelled();
      view.draw(model.evaluator.at(exportFrameTime(settings, n)));
      await step(exporter.frame(view.canvas, n, Math.round((n * 1e6) / settings.fps)));
      options.onProgress?.(estimateProgress(n + 1, total, (now() - started) / 1000));
      // Keep the page responsive; timing decides only when to yield, never a pixel.
      if (now() - sliceStart >= SLICE_MS) {
        await yieldToPage();
        sliceStart = now();
      }
    }
    return await step(exporter.finish());
  } catch (e) {
    if (e instanceof ExportCancelled) {
      // Release the encoder in the background: the person gets control back now, and a new
      // export (its own encoder) can start at once.
      void exporter.abort().catch(() => undefined);
    } else {
      await exporter.abort();
    }
    throw e;
  } finally {
    view.destroy();
  }
}
