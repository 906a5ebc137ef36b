import type { NodeId } from '../sim/types';
import type { SpriteShape } from './layout';

export interface Point {
  x: number;
  y: number;
}

export type Direction = 'right' | 'left' | 'down' | 'up';

/**
 * Where everything sits on the stage, in design units. Landscape (16:9, the page and
 * most videos) runs the link left to right; square (1:1 videos) is landscape's link on a
 * taller stage, with the inspector card below the caption; portrait (vertical videos) runs
 * it top to bottom with the client above. Each has a variant with a DNS resolver (its own
 * lane pair to the client). The renderer asks, never computes positions itself.
 */
export interface StageLayout {
  kind: 'landscape' | 'square' | 'portrait';
  /** Whether the stage has room for the resolver (lanes 2 and 3). */
  hasResolver: boolean;
  width: number;
  height: number;
  node: Record<'client' | 'server', Point> & { resolver?: Point };
  /** Box size per node (the resolver's is compact). */
  nodeSize: Record<NodeId, { width: number; height: number }>;
  /** Badge centre relative to its node's centre. */
  badge: Record<'client' | 'server', Point>;
  /** The lanes this stage draws (timeline/lanes numbering). */
  lanes: readonly number[];
  /** The lane's line, from the sender's end to the receiver's end. */
  lane(lane: number): { from: Point; to: Point };
  sprite(shape: SpriteShape, progress: number, lane: number): Point;
  direction(lane: number): Direction;
  /** How far (radians) a sprite is turned to lie along its lane. */
  rotation(lane: number): number;
  /** Whether sprites lie along the lane (their length is what must clear) or across it (their height). */
  spriteAlong(lane: number): boolean;
  /** Centre of a node's timer ring number `slot` (its label sits to the right). */
  timer(node: NodeId, slot: number): Point;
  /** Where the congestion readout of a sending node goes; `split` puts each item on its own line. */
  readout(node: 'client' | 'server'): Point & { align: 'left' | 'right'; split: boolean };
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
