import type { Plan, TimedEvent } from './plan';
import { countUpTo } from './search';

export const frameToTime = (frame: number, fps: number): number => frame / fps;

/** Frame that first shows something at `atS` (the event is included from that frame on). */
export const timeToFrame = (atS: number, fps: number): number => Math.max(0, Math.ceil(atS * fps - 1e-6));

/**
 * The last frame, ceil(duration × fps), so the trace's last event is shown. This is the end of the
 * valid range: seeking, in/out points and the times in a link all stop here (not at the duration).
 */
export const lastFrame = (plan: Pick<Plan, 'durationS' | 'fps'>): number => timeToFrame(plan.durationS, plan.fps);

export const frameCount = (plan: Pick<Plan, 'durationS' | 'fps'>): number => lastFrame(plan) + 1;

/** The frame nearest to a time a person typed or a link carries (2 decimals round-trip exactly at 60 fps). */
export const nearestFrame = (atS: number, fps: number): number => Math.max(0, Math.round(atS * fps));

/** How many timeline events have happened at `frame` (binary search, O(log n)). */
export function eventCountAt(plan: Plan, frame: number): number {
  return countUpTo(plan.timeline, frameToTime(frame, plan.fps), (e) => e.atS);
}

/** The events that have happened at `frame`, oldest first. */
export function eventsUpTo(plan: Plan, frame: number): TimedEvent[] {
  return plan.timeline.slice(0, eventCountAt(plan, frame));
}
