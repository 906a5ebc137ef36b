import { flightTailS } from '../timeline/motion';
import type { BadgeChange, Plan, TimerRing } from '../timeline/plan';
import { LONG_RING_S } from './frameExtras';

/** What a seek needs besides the plan's own sorted lists, built once per plan in O(n). */
export interface PlanIndex {
  /** Each TCP endpoint's state changes, sorted by atS. */
  badges: Record<'client' | 'server', BadgeChange[]>;
  /** How far before t a flight may have left and still be on screen at t. */
  flightTailS: number;
  /** Timer rings longer than LONG_RING_S, in plan order. */
  longRings: TimerRing[];
}

const cache = new WeakMap<Plan, PlanIndex>();

export function planIndex(plan: Plan): PlanIndex {
  let index = cache.get(plan);
  if (!index) {
    let longest = 0;
    for (const f of plan.flights) longest = Math.max(longest, f.endS - f.startS);
    index = {
      badges: { client: plan.badges.filter((b) => b.node === 'client'), server: plan.badges.filter((b) => b.node === 'server') },
      flightTailS: flightTailS(longest) + 1e-6,
      longRings: plan.timers.filter((r) => r.endS - r.startS > LONG_RING_S),
    };
    cache.set(plan, index);
  }
  return index;
}
