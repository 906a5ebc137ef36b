import type { Chapter, Flight, Plan } from './plan';
import { countUpTo } from './search';

/** The packet on the link at `t` (the latest to have left, if several), or undefined. */
export function flightAt(plan: Plan, t: number): Flight | undefined {
  for (let i = countUpTo(plan.flights, t, (f) => f.startS) - 1; i >= 0; i--) {
    const f = plan.flights[i];
    if (f.endS >= t) return f;
    // Every flight of a plan lasts one trip (a lost one dies `trip` of the way, so it is no measure):
    // one that left two trips before t means every earlier one has landed.
    const tripS = (f.endS - f.startS) / (f.lost?.trip ?? 1);
    if (f.startS < t - 2 * tripS) break;
  }
  return undefined;
}

/** The chapter at `t`: the latest to have started (the first before any has). The one rule for every view. */
export function chapterAt(plan: Plan, t: number): Chapter | undefined {
  return plan.chapters[Math.max(0, countUpTo(plan.chapters, t, (c) => c.startS) - 1)];
}

/** "ClientHello in flight" / "TLS 1.3 handshake": what a screen reader hears for a time. */
export function describeMoment(plan: Plan, t: number): string {
  const f = flightAt(plan, t);
  return f ? `${f.label} in flight` : (chapterAt(plan, t)?.title ?? '');
}
