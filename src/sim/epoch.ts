/**
 * Simulated time 0 on the calendar: 2026-01-01T00:00:00Z, the same instant the pcapng export
 * stamps (export/pcapng.ts CAPTURE_EPOCH_S; a test keeps the two equal). The certificate checks
 * and HTTP Date headers read it, so what the bytes say agrees with the capture's timestamps.
 * Dates are computed, not read from a clock (no Date object in the simulator).
 */
export const SIM_EPOCH_S = 1_767_225_600;

/** Proleptic Gregorian date of a Unix time (H. Hinnant's civil_from_days). */
export function civil(unixS: number): { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: number } {
  const days = Math.floor(unixS / 86400);
  const rest = unixS - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day, hour: Math.floor(rest / 3600), minute: Math.floor((rest % 3600) / 60), second: rest % 60, weekday: (((days % 7) + 11) % 7) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-01-01" */
export function isoDate(unixS: number): string {
  const c = civil(unixS);
  return `${c.year}-${pad(c.month)}-${pad(c.day)}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** IMF-fixdate (RFC 9110 §5.6.7) at simulated time `atUs`: "Thu, 01 Jan 2026 00:00:00 GMT". */
export function httpDate(atUs: number): string {
  const c = civil(SIM_EPOCH_S + Math.floor(atUs / 1e6));
  return `${DAYS[c.weekday]}, ${pad(c.day)} ${MONTHS[c.month - 1]} ${c.year} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)} GMT`;
}
