import type { Packet } from '../sim/types';
import type { Chapter, ChapterId, Flight } from './plan';

const titles: Record<ChapterId, string> = {
  tcp: 'TCP handshake',
  tls: 'TLS 1.3 handshake',
  http: 'HTTP request',
  close: 'Connection close',
};

function chapterOfPacket(p: Packet, seenHttp: boolean): ChapterId | undefined {
  if (p.tcp.flags.fin) return 'close';
  if (p.topLayer === 'http') return 'http';
  if (p.topLayer === 'tls') return seenHttp ? 'http' : 'tls';
  if (p.tcp.flags.syn) return 'tcp';
  return undefined; // a bare ACK belongs to whatever is going on
}

/** Chapters start at the first departure of their kind and end where the next begins. */
export function chaptersOf(flights: Flight[], packets: Packet[], endS: number): Chapter[] {
  const starts: { id: ChapterId; startS: number }[] = [];
  let seenHttp = false;
  for (const f of flights) {
    const p = packets[f.packetId];
    const id = chapterOfPacket(p, seenHttp);
    if (p.topLayer === 'http') seenHttp = true;
    if (id && !starts.some((s) => s.id === id)) starts.push({ id, startS: starts.length === 0 ? 0 : f.startS });
  }
  return starts.map((s, i) => ({ id: s.id, title: titles[s.id], startS: s.startS, endS: starts[i + 1]?.startS ?? endS }));
}
