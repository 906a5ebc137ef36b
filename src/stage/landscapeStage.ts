import { DESIGN_HEIGHT, DESIGN_WIDTH, laneY, layout, linkEndX, linkStartX, spriteX } from './layout';
import type { Point, StageLayout } from './stageTypes';
import { lanePair } from './straightLane';

const badgeBelow = { x: 0, y: layout.nodeHeight / 2 + 34 };
const nodeBox = { width: layout.nodeWidth, height: layout.nodeHeight };
export const resolverBox = { width: 220, height: 96 };

/** Rings above the client's box, stacked at its left; above the server's, side by side. */
function landscapeTimer(node: string, slot: number): Point {
  if (node === 'client') return { x: 70, y: 250 - slot * 32 };
  if (node === 'server') return { x: 1005 + slot * 130, y: 250 };
  return { x: 640 + resolverBox.width / 2 + 24, y: 120 + slot * 32 };
}

export const landscapeLayout: StageLayout = {
  kind: 'landscape',
  hasResolver: false,
  width: DESIGN_WIDTH,
  height: DESIGN_HEIGHT,
  node: { client: { x: layout.clientX, y: layout.nodeY }, server: { x: layout.serverX, y: layout.nodeY } },
  nodeSize: { client: nodeBox, server: nodeBox, resolver: resolverBox },
  badge: { client: badgeBelow, server: badgeBelow },
  lanes: [0, 1],
  lane: (lane) =>
    lane === 0
      ? { from: { x: linkStartX + 4, y: laneY(0) }, to: { x: linkEndX - 6, y: laneY(0) } }
      : { from: { x: linkEndX - 4, y: laneY(1) }, to: { x: linkStartX + 6, y: laneY(1) } },
  sprite: (shape, progress, lane) => ({ x: spriteX(shape, progress, lane === 0), y: laneY(lane) }),
  direction: (lane) => (lane === 0 ? 'right' : 'left'),
  rotation: () => 0,
  spriteAlong: () => true,
  timer: landscapeTimer,
  readout: (node) => (node === 'client' ? { x: 40, y: 484, align: 'left', split: false } : { x: DESIGN_WIDTH - 40, y: 484, align: 'right', split: false }),
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

/**
 * The resolver sits above the middle of the link; its lanes climb from the top of the
 * client's box to the resolver's left side, sprites turned to lie along them. The banner
 * moves below the link, where the resolver would be in its way. Client and server stay put.
 */
const resolverAt = { x: DESIGN_WIDTH / 2, y: 140 };
const [toResolver, fromResolver] = lanePair({ x: 225, y: 255 }, { x: resolverAt.x - resolverBox.width / 2 - 8, y: 160 }, 34, true);
const resolverLanes = [toResolver, fromResolver];

export const landscapeResolverLayout: StageLayout = {
  ...landscapeLayout,
  hasResolver: true,
  node: { ...landscapeLayout.node, resolver: resolverAt },
  lanes: [0, 1, 2, 3],
  lane: (lane) => (lane < 2 ? landscapeLayout.lane(lane) : resolverLanes[lane - 2].line),
  sprite: (shape, progress, lane) => (lane < 2 ? landscapeLayout.sprite(shape, progress, lane) : resolverLanes[lane - 2].sprite(shape, progress)),
  direction: (lane) => (lane < 2 ? landscapeLayout.direction(lane) : resolverLanes[lane - 2].direction),
  rotation: (lane) => (lane < 2 ? 0 : resolverLanes[lane - 2].rotation),
  banner: { x: DESIGN_WIDTH / 2, y: 500 },
};

/** How far down the square stage moves landscape's middle band (banner, nodes, link, caption). */
export const SQ_DOWN = 185;
const down = ({ x, y }: Point): Point => ({ x, y: y + SQ_DOWN });

/** Landscape's geometry across, lower down, so sprites keep their lane length and spacing (minLaneGapS holds). */
function squareOf(base: StageLayout): StageLayout {
  return {
    ...base,
    kind: 'square',
    height: DESIGN_WIDTH,
    node: { client: down(base.node.client), server: down(base.node.server), ...(base.node.resolver && { resolver: down(base.node.resolver) }) },
    lane: (lane) => {
      const { from, to } = base.lane(lane);
      return { from: down(from), to: down(to) };
    },
    sprite: (shape, progress, lane) => down(base.sprite(shape, progress, lane)),
    timer: (node, slot) => down(base.timer(node, slot)),
    readout: (node) => ({ ...base.readout(node), y: base.readout(node).y + SQ_DOWN }),
    linkLabel: down(base.linkLabel),
    banner: down(base.banner),
    skip: down(base.skip),
    caption: { ...down(base.caption), wrap: base.caption.wrap },
    legend: { x: 40, y: DESIGN_WIDTH - 40 },
    brand: { x: DESIGN_WIDTH - 40, y: DESIGN_WIDTH - 40 },
    card: { x: 220, y: layout.captionY + SQ_DOWN + 90, width: DESIGN_WIDTH - 440 },
  };
}

export const squareLayout = squareOf(landscapeLayout);
export const squareResolverLayout = squareOf(landscapeResolverLayout);
