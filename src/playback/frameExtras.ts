import type { NodeId } from '../sim/types';
import type { Plan, TimerRing } from '../timeline/plan';
import { countUpTo } from '../timeline/search';
import { timerRank } from '../timeline/timers';
import { lostProgress } from '../timeline/motion';
import { DROP_TAIL_S, dropMotion } from './animate';

/** The rings beside a node: each armed timer's label and how much of it has run (network time). */
export interface TimerView {
  node: NodeId;
  label: string;
  /** 0 when armed, 1 when due. */
  fraction: number;
  /** Which of the node's shown rings (0 or 1). */
  slot: number;
  /** Due now: the ring is full and about to fire (it fires, or was about to when cancelled). */
  due: boolean;
}

export interface DropView {
  packetId: number;
  label: string;
  bytes: number;
  lane: number;
  /** Where on the lane the packet died (0..1, as a flight's progress). */
  progress: number;
  alpha: number;
  scale: number;
}

/** Rings shown at most per node: the soonest to fire of the most telling kinds. */
export const RINGS_PER_NODE = 2;

/** Rings longer than this (screen seconds) are few (TIME_WAIT, a long idle timer): they are checked one by one, the rest in a window before t. */
export const LONG_RING_S = 4;

/** The armed timers at t, at most RINGS_PER_NODE per node, each with its fill. `longRings`: plan.timers longer than LONG_RING_S. */
export function timersAt(plan: Plan, t: number, networkUs: number, longRings: readonly TimerRing[] = plan.timers.filter((r) => r.endS - r.startS > LONG_RING_S)): TimerView[] {
  const armed: TimerRing[] = [];
  const reach = Math.min(plan.longestTimerS, LONG_RING_S);
  for (let i = countUpTo(plan.timers, t, (r) => r.startS) - 1; i >= 0; i--) {
    const r = plan.timers[i];
    if (r.startS < t - reach) break;
    if (r.endS > t && r.endS - r.startS <= LONG_RING_S) armed.push(r);
  }
  for (const r of longRings) if (r.startS <= t && r.endS > t) armed.push(r);
  armed.sort((a, b) => timerRank[a.kind] - timerRank[b.kind] || a.dueUs - b.dueUs || a.startS - b.startS);
  const out: TimerView[] = [];
  const perNode: Partial<Record<NodeId, number>> = {};
  for (const r of armed) {
    const slot = perNode[r.node] ?? 0;
    if (slot >= RINGS_PER_NODE) continue;
    perNode[r.node] = slot + 1;
    const fraction = Math.min(1, Math.max(0, (networkUs - r.startUs) / (r.dueUs - r.startUs)));
    out.push({ node: r.node, label: r.label, fraction, slot, due: fraction >= 1 });
  }
  return out.sort((a, b) => a.node.localeCompare(b.node) || a.slot - b.slot);
}

/** The sender's readout for the latest data segment to have left, while it holds. */
export function readoutAt(plan: Plan, t: number): { node: 'client' | 'server'; lines: string[] } | undefined {
  const r = plan.readouts[countUpTo(plan.readouts, t, (x) => x.atS) - 1];
  return r && t < r.endS ? { node: r.node, lines: r.lines } : undefined;
}

/** The ✕ marks visible at t (`at`: the playhead), from those that died in the last DROP_TAIL_S. */
export function dropsAt(plan: Plan, t: number, at: number): DropView[] {
  const out: DropView[] = [];
  const last = countUpTo(plan.drops, t + 1e-6, (d) => d.atS);
  for (let i = countUpTo(plan.drops, t - DROP_TAIL_S - 1e-6, (d) => d.atS); i < last; i++) {
    const d = plan.drops[i];
    const m = dropMotion(d, at);
    if (m.alpha <= 0) continue;
    const f = plan.flights[d.flight];
    out.push({ packetId: d.packetId, label: f.label, bytes: f.bytes, lane: f.lane, progress: lostProgress(f.lost?.trip ?? 0.5), alpha: m.alpha, scale: m.scale });
  }
  return out;
}

/** The caption of the moment: the latest packet to leave, unless a packet has died since. */
export function captionAt(plan: Plan, t: number, latestStartS: number | undefined, latestCaption: string): string {
  const drop = plan.drops[countUpTo(plan.drops, t, (d) => d.atS) - 1];
  return drop && (latestStartS === undefined || drop.atS >= latestStartS) ? drop.caption : latestCaption;
}
