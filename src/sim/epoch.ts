/**
 * Simulated time 0 on the calendar: 2026-01-01T00:00:00Z, the same instant the pcapng export
 * stamps (export/pcapng.ts CAPTURE_EPOCH_S; a test keeps the two equal). The certificate checks
 * and HTTP Date headers read it, so what the bytes say agrees with the capture's timestamps.
 */
export const SIM_EPOCH_S = 1_767_225_600;

/** IMF-fixdate (RFC 9110 §5.6.7): "Thu, 01 Jan 2026 00:00:00 GMT". */
export function httpDate(atUs: number): string {
  return new Date((SIM_EPOCH_S + Math.floor(atUs / 1e6)) * 1000).toUTCString();
}
