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
