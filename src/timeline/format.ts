/** Network time for people: "20.4 ms" below a second, "60.168 s" above. */
export function formatNetworkTime(us: number, msDigits = 3): string {
  return us < 1e6 ? `${(us / 1000).toFixed(msDigits)} ms` : `${(us / 1e6).toFixed(3)} s`;
}

/** Presentation time as a player shows it: "0:02.35". */
export function formatClock(seconds: number): string {
  const s = Math.max(0, seconds);
  const m = Math.floor(s / 60);
  const rest = s - m * 60;
  return `${m}:${rest.toFixed(2).padStart(5, '0')}`;
}

/**
 * Seconds from what a person types: `5.8`, or the clock as the page shows it, `0:05.80`
 * (also `1:02` and `1:02:03.5`). NaN for anything else.
 */
export function parseClock(text: string): number {
  const m = /^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)$/.exec(text.trim());
  if (!m || text.length > 32) return Number.NaN;
  const [h, min, s] = [Number(m[1] ?? 0), Number(m[2] ?? 0), Number(m[3])];
  // Within a clock, seconds (and minutes under hours) are under 60: 0:75 is a typo, not 1:15.
  if ((m[2] !== undefined && s >= 60) || (m[1] !== undefined && min >= 60)) return Number.NaN;
  return h * 3600 + min * 60 + s;
}
