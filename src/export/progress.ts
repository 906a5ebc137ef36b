/** Progress of a long job for a bar: frames done, rate, and a time-to-go estimate. */
export interface ExportProgress {
  done: number;
  total: number;
  /** Frames per second over the whole run so far. */
  fps: number;
  elapsedS: number;
  /** Undefined until a rate is known. */
  etaS?: number;
}

/** Pure: the same samples give the same estimate (the caller reads the clock). */
export function estimateProgress(done: number, total: number, elapsedS: number): ExportProgress {
  const fps = elapsedS > 0 ? done / elapsedS : 0;
  return { done, total, fps, elapsedS, etaS: fps > 0 ? (total - done) / fps : undefined };
}

export function formatDuration(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '–';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${Math.round(s - m * 60)} s` : `${Math.ceil(s)} s`;
}
