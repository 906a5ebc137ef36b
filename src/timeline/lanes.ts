import type { NodeId } from '../sim/types';

/**
 * One lane per direction of each path: 0 client → server (upper), 1 server → client (lower),
 * 2 client → resolver, 3 resolver → client. A lane holds sprites going one way only, so the
 * scheduler keeps them apart by time alone.
 */
export const LANE = { toServer: 0, toClient: 1, toResolver: 2, fromResolver: 3 } as const;

export const LANES = [0, 1, 2, 3] as const;

export function laneOf(from: NodeId, to: NodeId): number {
  if (to === 'resolver') return LANE.toResolver;
  if (from === 'resolver') return LANE.fromResolver;
  return from === 'client' ? LANE.toServer : LANE.toClient;
}

/** Lanes 2 and 3 exist only on stages with a resolver. */
export const isResolverLane = (lane: number): boolean => lane >= 2;
