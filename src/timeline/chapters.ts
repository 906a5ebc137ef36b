import type { Packet, Phase } from '../sim/types';
import type { Chapter, ChapterId, Flight } from './plan';

const titles: Record<ChapterId, string> = {
  dns: 'DNS lookup',
  tcp: 'TCP handshake',
  tls: 'TLS 1.3 handshake',
  http: 'HTTP request',
  close: 'Connection close',
};

/** Chapters start at the first departure of their phase and end where the next begins. */
export function chaptersOf(flights: Flight[], packets: Packet[], endS: number): Chapter[] {
  const starts: { id: Phase; startS: number }[] = [];
  for (const f of flights) {
    const id = packets[f.packetId].phase;
    if (!starts.some((s) => s.id === id)) starts.push({ id, startS: starts.length === 0 ? 0 : f.startS });
  }
  return starts.map((s, i) => ({ id: s.id, title: titles[s.id], startS: s.startS, endS: starts[i + 1]?.startS ?? endS }));
}
