/**
 * Round tick values (1, 2 or 5 × 10ⁿ apart) covering [lo, hi], about `count` of them: the
 * steps a person reads at a glance on a graph axis.
 */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || count < 1) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const ticks: number[] = [];
  // Integer multiples of the step, so 0.1 + 0.2 never shows up as 0.30000000000000004.
  for (let i = Math.ceil(lo / step - 1e-9); i * step <= hi + step * 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** Sequence-number labels: "102,400" on an axis that stays below a million, "0.5M", "12M" on one above. */
export function formatSeq(n: number, axisTop = n): string {
  if (axisTop >= 1e6 && n !== 0) return `${Number((n / 1e6).toPrecision(6))}M`;
  return n.toLocaleString('en-US');
}

/** "480 ms", "12.5 ms", "1.2 s": x labels for network time. */
export function formatAxisTime(us: number): string {
  if (Math.abs(us) >= 1e6) return `${Number((us / 1e6).toPrecision(4))} s`;
  return `${Number((us / 1000).toPrecision(4))} ms`;
}
