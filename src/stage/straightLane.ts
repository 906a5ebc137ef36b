import { layout, spriteWidth, type SpriteShape } from './layout';
import type { Direction, Point } from './stageTypes';

/**
 * A straight lane between two points. `along`: sprites lie along it, turned to its angle
 * (kept within ±90° so labels never read upside down); otherwise they move across, upright
 * (vertical lanes, as in portrait). A sprite leaves the `from` end and stops at `to`.
 */
export function straightLane(from: Point, to: Point, along: boolean) {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const length = Math.hypot(dx, dy);
  const ux = dx / length;
  const uy = dy / length;
  let rotation = along ? Math.atan2(dy, dx) : 0;
  if (rotation > Math.PI / 2) rotation -= Math.PI;
  if (rotation <= -Math.PI / 2) rotation += Math.PI;
  const direction: Direction = along ? (dx >= 0 ? 'right' : 'left') : dy >= 0 ? 'down' : 'up';
  return {
    line: { from, to },
    rotation,
    direction,
    along,
    sprite(shape: SpriteShape, progress: number): Point {
      const half = (along ? spriteWidth(shape) / 2 : layout.spriteHeight / 2) + layout.spriteNose;
      const d = half + (length - 2 * half) * progress;
      return { x: from.x + ux * d, y: from.y + uy * d };
    },
  };
}

export type StraightLane = ReturnType<typeof straightLane>;

/** Two parallel lanes `gap` apart around the line a → b: the first runs a → b, the second b → a. */
export function lanePair(a: Point, b: Point, gap: number, along: boolean): [StraightLane, StraightLane] {
  const length = Math.hypot(b.x - a.x, b.y - a.y);
  // Unit normal on the left of a → b (screen coordinates: y grows downwards).
  const nx = (b.y - a.y) / length;
  const ny = -(b.x - a.x) / length;
  const off = (p: Point, k: number) => ({ x: p.x + nx * k, y: p.y + ny * k });
  return [straightLane(off(a, gap / 2), off(b, gap / 2), along), straightLane(off(b, -gap / 2), off(a, -gap / 2), along)];
}
