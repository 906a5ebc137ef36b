import type { Packet } from '../sim/types';
import type { TimedEvent } from './plan';

/** The packet the inspector shows by default: the latest to leave among the first `count` events. */
export function latestSentPacket(timeline: readonly TimedEvent[], count: number): Packet | undefined {
  for (let i = Math.min(count, timeline.length) - 1; i >= 0; i--) {
    const e = timeline[i].event;
    if (e.kind === 'send') return e.packet;
  }
  return undefined;
}
