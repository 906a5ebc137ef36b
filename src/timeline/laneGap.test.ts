import { describe, expect, it } from 'vitest';
import { layout, spriteWidth, type SpriteShape } from '../stage/layout';
import { allLayouts } from '../stage/stageLayout';
import { minLaneGapS } from './laneGap';
import { eases, FADE_S } from './motion';

/**
 * The lane gap against the stages' own sprite positions, sampled far finer than the solver does:
 * at the gap it returns, the follower (leaving that much later) never comes closer to the leader than
 * their half-lengths, the sprite's nose and the lane's clearance (along the lane; across it where the
 * lane is vertical, their height) in any stage that has the lane; a hundredth of a second sooner it does.
 */
const ACK: SpriteShape = { label: 'ACK', bytes: 52 };
const BIG: SpriteShape = { label: '{EE,Cert,CV,Fin} 1/2', bytes: 1500 };

/** The closest the two come, less what they need, over both sprites' lives (leader's clock, fine grid). */
function slack(leader: SpriteShape, follower: SpriteShape, flightS: number, gap: number, lane: number, withResolver: boolean): number {
  let least = Infinity;
  for (const stage of allLayouts.filter((s) => s.hasResolver === withResolver && s.lanes.includes(lane) && s.kind !== 'square')) {
    const { from, to } = stage.lane(lane);
    const len = Math.hypot(to.x - from.x, to.y - from.y);
    const along = (s: SpriteShape, t: number) => {
      const p = stage.sprite(s, eases.flight(Math.min(1, Math.max(0, t / flightS))), lane);
      return (p.x * (to.x - from.x) + p.y * (to.y - from.y)) / len;
    };
    const need = stage.spriteAlong(lane) ? (spriteWidth(leader) + spriteWidth(follower)) / 2 + layout.spriteNose + layout.laneClearance : layout.spriteHeight + 2 * layout.spriteNose + layout.laneClearance;
    for (let i = 0; i <= 4000; i++) {
      const t = gap + ((flightS + FADE_S - gap) * i) / 4000;
      least = Math.min(least, along(leader, t) - along(follower, t - gap) - need);
    }
  }
  return least;
}

describe('minLaneGapS', () => {
  const cases: [string, SpriteShape, SpriteShape, number, number, boolean][] = [
    ['two ACKs, 1.2 s flights, client → server', ACK, ACK, 1.2, 0, false],
    ['a long record behind a short one', ACK, BIG, 1.2, 1, false],
    ['two long records, 0.5 s flights', BIG, BIG, 0.5, 0, false],
    ['DNS on the short resolver lane', ACK, ACK, 1.2, 2, true],
    ['the main lane in a stage with a resolver', BIG, ACK, 1.2, 1, true],
  ];
  for (const [name, leader, follower, flightS, lane, withResolver] of cases) {
    it(`clears at the gap and not a hundredth sooner: ${name}`, () => {
      const gap = minLaneGapS(leader, follower, flightS, lane, withResolver);
      expect(Math.round(gap * 100)).toBeCloseTo(gap * 100, 9); // in hundredths
      expect(gap).toBeGreaterThan(0);
      expect(gap).toBeLessThanOrEqual(flightS + FADE_S);
      expect(slack(leader, follower, flightS, gap, lane, withResolver)).toBeGreaterThanOrEqual(-1e-6);
      expect(slack(leader, follower, flightS, gap - 0.01, lane, withResolver)).toBeLessThan(0);
      expect(minLaneGapS(leader, follower, flightS, lane, withResolver)).toBe(gap); // the memo gives the same
    });
  }

  it('asks more behind a longer sprite, and of a longer flight', () => {
    expect(minLaneGapS(BIG, BIG, 1.2)).toBeGreaterThan(minLaneGapS(ACK, ACK, 1.2));
    expect(minLaneGapS(ACK, ACK, 2.4)).toBeGreaterThan(minLaneGapS(ACK, ACK, 1.2));
    expect(minLaneGapS(ACK, ACK, 1.2, 0, true)).not.toBe(minLaneGapS(ACK, ACK, 1.2, 2, true));
  });
});
