import { gsap } from 'gsap';
import { FADE_S, FLIGHT_EASE } from '../playback/compile';
import { DESIGN_HEIGHT, DESIGN_WIDTH, laneY, layout, linkEndX, linkStartX, spriteWidth, spriteX, type SpriteShape } from './layout';

export interface Point {
  x: number;
  y: number;
}

export type Direction = 'right' | 'left' | 'down' | 'up';

/**
 * Where everything sits on the stage, in design units. Landscape (16:9, the page and
 * most videos) runs the link left to right; square (1:1 videos) is landscape's link on a
 * taller stage, with the inspector card below the caption; portrait (vertical videos) runs
 * it top to bottom with the client above. The renderer asks, never computes positions itself.
 */
export interface StageLayout {
  kind: 'landscape' | 'square' | 'portrait';
  width: number;
  height: number;
  node: Record<'client' | 'server', Point>;
  /** Badge centre relative to its node's centre. */
  badge: Record<'client' | 'server', Point>;
  /** The lane's line, from the sender's end to the receiver's end. */
  lane(lane: number): { from: Point; to: Point };
  sprite(shape: SpriteShape, progress: number, lane: number): Point;
  direction(lane: number): Direction;
  linkLabel: Point;
  header: Point;
  note: Point;
  /** Right-aligned. */
  clock: Point;
  banner: Point;
  skip: Point;
  caption: Point & { wrap: number };
  legend: Point;
  /** Right-aligned. */
  brand: Point;
  /** The compact inspector card's top left corner and width. */
  card: Point & { width: number };
}

const badgeBelow = { x: 0, y: layout.nodeHeight / 2 + 34 };

export const landscapeLayout: StageLayout = {
  kind: 'landscape',
  width: DESIGN_WIDTH,
  height: DESIGN_HEIGHT,
  node: { client: { x: layout.clientX, y: layout.nodeY }, server: { x: layout.serverX, y: layout.nodeY } },
  badge: { client: badgeBelow, server: badgeBelow },
  lane: (lane) =>
    lane === 0
      ? { from: { x: linkStartX + 4, y: laneY(0) }, to: { x: linkEndX - 6, y: laneY(0) } }
      : { from: { x: linkEndX - 4, y: laneY(1) }, to: { x: linkStartX + 6, y: laneY(1) } },
  sprite: (shape, progress, lane) => ({ x: spriteX(shape, progress, lane === 0), y: laneY(lane) }),
  direction: (lane) => (lane === 0 ? 'right' : 'left'),
  linkLabel: { x: (linkStartX + linkEndX) / 2, y: layout.nodeY },
  header: { x: 40, y: 28 },
  note: { x: 40, y: 66 },
  clock: { x: DESIGN_WIDTH - 40, y: 32 },
  banner: { x: DESIGN_WIDTH / 2, y: layout.bannerY },
  skip: { x: DESIGN_WIDTH / 2, y: layout.skipY },
  caption: { x: DESIGN_WIDTH / 2, y: layout.captionY, wrap: DESIGN_WIDTH - 80 },
  legend: { x: 40, y: DESIGN_HEIGHT - 40 },
  brand: { x: DESIGN_WIDTH - 40, y: DESIGN_HEIGHT - 40 },
  card: { x: DESIGN_WIDTH - 40 - 400, y: 70, width: 400 },
};

/** How far down the square stage moves landscape's middle band (banner, nodes, link, caption). */
const SQ_DOWN = 185;
const down = ({ x, y }: Point): Point => ({ x, y: y + SQ_DOWN });

/** Landscape's geometry across, so sprites keep their lane length and spacing (minLaneGapS holds). */
export const squareLayout: StageLayout = {
  ...landscapeLayout,
  kind: 'square',
  height: DESIGN_WIDTH,
  node: { client: down(landscapeLayout.node.client), server: down(landscapeLayout.node.server) },
  lane: (lane) => {
    const { from, to } = landscapeLayout.lane(lane);
    return { from: down(from), to: down(to) };
  },
  sprite: (shape, progress, lane) => down(landscapeLayout.sprite(shape, progress, lane)),
  linkLabel: down(landscapeLayout.linkLabel),
  banner: down(landscapeLayout.banner),
  skip: down(landscapeLayout.skip),
  caption: { ...down(landscapeLayout.caption), wrap: landscapeLayout.caption.wrap },
  legend: { x: 40, y: DESIGN_WIDTH - 40 },
  brand: { x: DESIGN_WIDTH - 40, y: DESIGN_WIDTH - 40 },
  card: { x: 220, y: layout.captionY + SQ_DOWN + 90, width: DESIGN_WIDTH - 440 },
};

const P_WIDTH = 720;
const P_HEIGHT = 1280;
const P_CLIENT_Y = 290;
const P_SERVER_Y = 890;
const P_LANE_X = [180, 540];
/** Lanes run between the badges (a wide sprite would cover a badge otherwise). */
const BADGE_CLEAR = layout.nodeHeight / 2 + 34 + 17 + 12;
const laneTop = P_CLIENT_Y + BADGE_CLEAR;
const laneBottom = P_SERVER_Y - BADGE_CLEAR;
const half = layout.spriteHeight / 2 + layout.spriteNose;

export const portraitLayout: StageLayout = {
  kind: 'portrait',
  width: P_WIDTH,
  height: P_HEIGHT,
  node: { client: { x: P_WIDTH / 2, y: P_CLIENT_Y }, server: { x: P_WIDTH / 2, y: P_SERVER_Y } },
  badge: { client: badgeBelow, server: { x: 0, y: -badgeBelow.y } },
  lane: (lane) =>
    lane === 0
      ? { from: { x: P_LANE_X[0], y: laneTop }, to: { x: P_LANE_X[0], y: laneBottom } }
      : { from: { x: P_LANE_X[1], y: laneBottom }, to: { x: P_LANE_X[1], y: laneTop } },
  sprite: (_shape, progress, lane) => {
    const from = lane === 0 ? laneTop + half : laneBottom - half;
    const to = lane === 0 ? laneBottom - half : laneTop + half;
    return { x: P_LANE_X[lane], y: from + (to - from) * progress };
  },
  direction: (lane) => (lane === 0 ? 'down' : 'up'),
  linkLabel: { x: 190, y: 108 }, // up with the header: sprites fill the middle
  header: { x: 32, y: 28 },
  note: { x: 32, y: 66 },
  clock: { x: P_WIDTH - 32, y: 100 },
  banner: { x: P_WIDTH / 2, y: 160 },
  skip: { x: P_WIDTH / 2, y: (P_CLIENT_Y + P_SERVER_Y) / 2 + 50 },
  caption: { x: P_WIDTH / 2, y: 1185, wrap: P_WIDTH - 64 },
  legend: { x: 32, y: P_HEIGHT - 32 },
  brand: { x: P_WIDTH - 32, y: P_HEIGHT - 32 },
  card: { x: 32, y: 975, width: P_WIDTH - 64 },
};

/**
 * The layout whose shape is nearest the picture's (height / width against 9:16, 1:1, 16:9,
 * compared as ratios): landscape up to 4:3, square up to 3:4, portrait when taller.
 */
export function layoutFor(width: number, height: number): StageLayout {
  const aspect = height / width;
  if (aspect <= 3 / 4) return landscapeLayout;
  return aspect <= 4 / 3 ? squareLayout : portraitLayout;
}

const ease = gsap.parseEase(FLIGHT_EASE);

/**
 * The least delay (seconds) between two departures on one lane so that the follower never
 * touches the leader, in either layout: from the follower's fade-in to the end of the
 * leader's fade-out, checked on a fine grid with the easing the playback uses. Pure geometry.
 */
export function minLaneGapS(leader: SpriteShape, follower: SpriteShape, flightS: number): number {
  const along = [
    // Landscape: sprites are as long as their label and bytes.
    {
      need: (spriteWidth(leader) + spriteWidth(follower)) / 2 + layout.spriteNose + layout.laneClearance,
      at: (s: SpriteShape, u: number) => landscapeLayout.sprite(s, u, 0).x,
    },
    // Portrait: they move along their height, on a shorter lane.
    {
      need: layout.spriteHeight + 2 * layout.spriteNose + layout.laneClearance,
      at: (s: SpriteShape, u: number) => portraitLayout.sprite(s, u, 0).y,
    },
  ];
  const clear = (gap: number) =>
    along.every(({ need, at }) => {
      for (let i = 0; i <= 240; i++) {
        const t = gap + ((flightS + FADE_S - gap) * i) / 240; // leader's clock, while both are visible
        const u = (x: number) => ease(Math.min(1, Math.max(0, x / flightS)));
        if (at(leader, u(t)) - at(follower, u(t - gap)) < need) return false;
      }
      return true;
    });
  let lo = 0;
  let hi = flightS + FADE_S;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (clear(mid)) hi = mid;
    else lo = mid;
  }
  return Math.ceil(hi * 100) / 100;
}
