import type { NodeId } from '../types';

/**
 * A point-to-point link: each direction sends one packet at a time (serialization at the
 * link's bandwidth), then the packet propagates for half the round-trip time.
 */
export interface Link {
  /** When a packet of `bytes`, ready at `readyUs`, leaves the sender and reaches the peer. */
  transmit(from: NodeId, bytes: number, readyUs: number): { sendUs: number; arriveUs: number };
}

export function createLink(rttMs: number, bandwidthMbps: number): Link {
  const oneWayUs = (rttMs * 1000) / 2;
  const busyUntil: Record<NodeId, number> = { client: 0, server: 0 };
  return {
    transmit(from, bytes, readyUs) {
      const sendUs = Math.max(readyUs, busyUntil[from]);
      const serializationUs = Math.ceil((bytes * 8) / bandwidthMbps);
      busyUntil[from] = sendUs + serializationUs;
      return { sendUs, arriveUs: sendUs + serializationUs + Math.round(oneWayUs) };
    },
  };
}
