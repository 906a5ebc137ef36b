import { layout, spriteWidth, type SpriteShape } from '../stage/layout';
import { allLayouts } from '../stage/stageLayout';
import { eases, FADE_S } from './motion';

/**
 * The least delay (seconds) between two departures on one lane so that the follower never
 * touches the leader, in every layout that has the lane: from the follower's fade-in to the
 * end of the leader's fade-out, checked on a fine grid with the easing the playback uses
 * (in the stages a scenario with, or without, a resolver is drawn on).
 * Distances are measured along the lane; what must clear is the sprites' length where they
 * lie along it, their height where they cross it (portrait). Pure geometry.
 */
export function minLaneGapS(leader: SpriteShape, follower: SpriteShape, flightS: number, lane = 0, withResolver = false): number {
  // Only the sprites' lengths matter: a long trace asks the same few questions thousands of times.
  const key = `${spriteWidth(leader)}|${spriteWidth(follower)}|${flightS}|${lane}|${withResolver}`;
  let gap = gapMemo.get(key);
  if (gap === undefined) gapMemo.set(key, (gap = solveLaneGap(leader, follower, flightS, lane, withResolver)));
  return gap;
}

const gapMemo = new Map<string, number>();

function solveLaneGap(leader: SpriteShape, follower: SpriteShape, flightS: number, lane: number, withResolver: boolean): number {
  const along = allLayouts
    .filter((s) => s.hasResolver === withResolver && s.lanes.includes(lane) && s.kind !== 'square') // square is landscape lower down
    .map((stage) => {
      const { from, to } = stage.lane(lane);
      const len = Math.hypot(to.x - from.x, to.y - from.y);
      const ux = (to.x - from.x) / len;
      const uy = (to.y - from.y) / len;
      const need = stage.spriteAlong(lane)
        ? (spriteWidth(leader) + spriteWidth(follower)) / 2 + layout.spriteNose + layout.laneClearance
        : layout.spriteHeight + 2 * layout.spriteNose + layout.laneClearance;
      const at = (s: SpriteShape, u: number) => {
        const p = stage.sprite(s, u, lane);
        return p.x * ux + p.y * uy;
      };
      return { need, at };
    });
  // Closures made once, not per sample: this runs 30 × 241 times per layout and pair of widths.
  const u = (x: number) => eases.flight(Math.min(1, Math.max(0, x / flightS)));
  const clear = (gap: number) => {
    for (const { need, at } of along) {
      for (let i = 0; i <= 240; i++) {
        const t = gap + ((flightS + FADE_S - gap) * i) / 240; // leader's clock, while both are visible
        if (at(leader, u(t)) - at(follower, u(t - gap)) < need) return false;
      }
    }
    return true;
  };
  let lo = 0;
  let hi = flightS + FADE_S;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (clear(mid)) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi * 100) / 100;
}
