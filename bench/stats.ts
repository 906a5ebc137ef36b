export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export const median = (values: readonly number[]) => percentile(values, 50);

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
