import type { NodeId } from '../sim/types';
import { layout } from './layout';
import { resolverBox } from './landscapeStage';
import type { StageLayout } from './stageTypes';
import { lanePair, straightLane } from './straightLane';

const P_WIDTH = 720;
const P_HEIGHT = 1280;
const P_LANE_X = [180, 540];
const BADGE_GAP = 34;
const BADGE_HALF = 17;

interface Column {
  clientY: number;
  serverY: number;
  nodeHeight: number;
}

/**
 * Client above, server below, one vertical lane each way between them. Lanes run between
 * the badges (a wide sprite would cover a badge otherwise); sprites stay upright and move
 * along their height, so the lane-gap proof checks their height, not their length.
 */
function portraitOf({ clientY, serverY, nodeHeight }: Column): StageLayout {
  const badgeY = nodeHeight / 2 + BADGE_GAP;
  const clear = badgeY + BADGE_HALF + 12;
  const main = [
    straightLane({ x: P_LANE_X[0], y: clientY + clear }, { x: P_LANE_X[0], y: serverY - clear }, false),
    straightLane({ x: P_LANE_X[1], y: serverY - clear }, { x: P_LANE_X[1], y: clientY + clear }, false),
  ];
  const box = { width: layout.nodeWidth, height: nodeHeight };
  const ringX = 40;
  const nodeY: Record<NodeId, number> = { client: clientY, server: serverY, resolver: 0 };
  return {
    kind: 'portrait',
    hasResolver: false,
    width: P_WIDTH,
    height: P_HEIGHT,
    node: { client: { x: P_WIDTH / 2, y: clientY }, server: { x: P_WIDTH / 2, y: serverY } },
    nodeSize: { client: box, server: box, resolver: resolverBox },
    badge: { client: { x: 0, y: badgeY }, server: { x: 0, y: -badgeY } },
    lanes: [0, 1],
    lane: (lane) => main[lane].line,
    sprite: (shape, progress, lane) => main[lane].sprite(shape, progress),
    direction: (lane) => main[lane].direction,
    rotation: () => 0,
    spriteAlong: () => false,
    // Left of the box: the rings, stacked; right of it: the readout, one item a line.
    timer: (node, slot) => ({ x: ringX, y: nodeY[node] - 18 + slot * 36 }),
    readout: (node) => ({ x: P_WIDTH - 32, y: nodeY[node] - 30, align: 'right', split: true }),
    linkLabel: { x: 190, y: 108 }, // up with the header: sprites fill the middle
    header: { x: 32, y: 28 },
    note: { x: 32, y: 66 },
    clock: { x: P_WIDTH - 32, y: 100 },
    banner: { x: P_WIDTH / 2, y: 160 },
    skip: { x: P_WIDTH / 2, y: (clientY + serverY) / 2 + 50 },
    caption: { x: P_WIDTH / 2, y: 1185, wrap: P_WIDTH - 64 },
    legend: { x: 32, y: P_HEIGHT - 32 },
    brand: { x: P_WIDTH - 32, y: P_HEIGHT - 32 },
    card: { x: 32, y: serverY + 85, width: P_WIDTH - 64 },
  };
}

export const portraitLayout = portraitOf({ clientY: 290, serverY: 890, nodeHeight: layout.nodeHeight });

/**
 * With a resolver: it sits at the top, above the client, with a short vertical lane pair
 * down to it; the hosts are a little shorter and lower, the header lines move up to make room.
 */
const R_Y = 208;
const base = portraitOf({ clientY: 450, serverY: 956, nodeHeight: 120 });
const [toResolver, fromResolver] = lanePair({ x: P_WIDTH / 2, y: 450 - 60 - 6 }, { x: P_WIDTH / 2, y: R_Y + resolverBox.height / 2 + 6 }, 196, false);
const resolverLanes = [toResolver, fromResolver];

export const portraitResolverLayout: StageLayout = {
  ...base,
  hasResolver: true,
  node: { ...base.node, resolver: { x: P_WIDTH / 2, y: R_Y } },
  lanes: [0, 1, 2, 3],
  lane: (lane) => (lane < 2 ? base.lane(lane) : resolverLanes[lane - 2].line),
  sprite: (shape, progress, lane) => (lane < 2 ? base.sprite(shape, progress, lane) : resolverLanes[lane - 2].sprite(shape, progress)),
  direction: (lane) => (lane < 2 ? base.direction(lane) : resolverLanes[lane - 2].direction),
  timer: (node, slot) => (node === 'resolver' ? { x: 40, y: R_Y - 18 + slot * 36 } : base.timer(node, slot)),
  linkLabel: { x: P_WIDTH - 120, y: 66 },
  clock: { x: P_WIDTH - 32, y: 28 },
  banner: { x: P_WIDTH / 2, y: 128 },
  caption: { x: P_WIDTH / 2, y: 1205, wrap: P_WIDTH - 64 },
  card: { x: 32, y: 1024, width: P_WIDTH - 64 },
};
