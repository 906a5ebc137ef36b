import type { SimEvent } from '../sim/types';
import { formatNetworkTime } from '../timeline/format';

/** "[  20.4 ms] client → server  SYN  seq=100": fixed-width time, then the simulator's words. */
export function logTimestamp(atUs: number): string {
  return `[${formatNetworkTime(atUs, 1).padStart(10)}]`;
}

export function logKind(e: SimEvent): string {
  if (e.kind === 'send') return `send ${e.packet.topLayer}`;
  return e.kind;
}
