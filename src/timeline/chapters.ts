import type { Packet, Phase } from '../sim/types';
import type { Chapter, Flight } from './plan';
import { type TlsHandshake, tlsHandshakesOf } from './tlsVersion';

/** The story's order: a connection only moves forward through it. */
const ORDER: readonly Phase[] = ['dns', 'tcp', 'tls', 'http', 'close'];

/** A TCP connection or a UDP exchange (a DNS lookup), as the trace's packets show it. */
interface Participant {
  tcp: boolean;
  stream: number;
  firstS: number;
  /** Until it starts to close (or its last packet leaves): while it is open, a connection beside it runs in parallel. */
  openEndS: number;
  /** The first departure of each phase it enters. */
  entries: { phase: Phase; startS: number }[];
}

function participantsOf(flights: readonly Flight[], packets: readonly Packet[]): Participant[] {
  const byKey = new Map<string, Participant>();
  for (const f of flights) {
    const p = packets[f.packetId];
    const tcp = !p.udp;
    const key = `${tcp ? 'tcp' : 'udp'} ${p.stream}`;
    let who = byKey.get(key);
    if (!who) {
      who = { tcp, stream: p.stream, firstS: f.startS, openEndS: f.startS, entries: [] };
      byKey.set(key, who);
    }
    if (!who.entries.some((e) => e.phase === p.phase)) who.entries.push({ phase: p.phase, startS: f.startS });
    if (!who.entries.some((e) => e.phase === 'close')) who.openEndS = f.startS;
  }
  return [...byKey.values()];
}

/** "#0–5", "#2", "#0–2, 4": connection numbers, as the timing panel, the stream graph and a link's stream= give them. */
function numbers(ns: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j] + 1) j++;
    runs.push(j === i ? String(ns[i]) : `${ns[i]}–${ns[j]}`);
    i = j + 1;
  }
  return `#${runs.join(', ')}`;
}

function titleOf(phase: Phase, several: boolean, tls: string): string {
  const s = several ? 's' : '';
  switch (phase) {
    case 'dns':
      return `DNS lookup${s}`;
    case 'tcp':
      return `TCP handshake${s}`;
    case 'tls':
      return `${tls} handshake${s}`;
    case 'http':
      return `HTTP request${s}`;
    case 'close':
      return 'Connection close';
  }
}

/**
 * The story's chapters, like a video's chapter list: a chapter begins when a connection enters
 * a phase (DNS lookup, TCP handshake, TLS handshake, HTTP request, close) with its first packet's
 * departure, and ends where the next begins. A connection only moves forward (a NewSessionTicket
 * after the request, an ACK during the close do not reopen a chapter). Connections open at the
 * same time (a browser's six, an import of parallel streams) share their chapters, titled for
 * all of them ("TCP handshakes · connections #0–5"), so that parallel traffic does not flap
 * between dozens of chapters. The TLS version is the one the connection's ServerHello agreed;
 * a request sent before that ServerHello is marked 0-RTT.
 * A trace with one TCP connection keeps the plain titles ("TLS 1.3 handshake").
 */
export function chaptersOf(flights: readonly Flight[], packets: readonly Packet[], endS: number): Chapter[] {
  const everyone = participantsOf(flights, packets).sort((a, b) => a.firstS - b.firstS);
  const connections = everyone.filter((p) => p.tcp);
  const handshakes = connections.some((p) => p.entries.some((e) => e.phase === 'tls')) ? tlsHandshakesOf(packets) : new Map<number, TlsHandshake>();
  const helloIds = new Set([...handshakes.values()].map((h) => h.serverHelloId));
  const departures = new Map<number, number>();
  if (helloIds.size) for (const f of flights) if (helloIds.has(f.packetId)) departures.set(f.packetId, f.startS);
  // A request that leaves before its connection's ServerHello rode in 0-RTT early data (RFC 8446 §2.3).
  const early = (p: Participant) => {
    const hello = handshakes.get(p.stream);
    const request = p.entries.find((e) => e.phase === 'http');
    return !!hello && !!request && request.startS < (departures.get(hello.serverHelloId) ?? -Infinity);
  };

  // Waves: participants whose open spans overlap, swept in order of their first packet.
  const waves: Participant[][] = [];
  let waveEndS = -Infinity;
  for (const p of everyone) {
    if (waves.length && p.firstS < waveEndS) {
      waves.at(-1)!.push(p);
      waveEndS = Math.max(waveEndS, p.openEndS);
    } else {
      waves.push([p]);
      waveEndS = p.openEndS;
    }
  }

  const starts: Omit<Chapter, 'endS'>[] = [];
  for (const wave of waves) {
    const tcp = wave.filter((p) => p.tcp);
    // Wireshark's tcp.stream: numbered from 0 in order of their first packet, as every other view numbers them.
    const ns = tcp.map((p) => p.stream).sort((a, b) => a - b);
    const waveVersions = new Set(tcp.map((p) => handshakes.get(p.stream)?.version));
    const tls = waveVersions.size === 1 ? ([...waveVersions][0] ?? 'TLS') : 'TLS';
    const entries = wave.flatMap((p) => p.entries).sort((a, b) => a.startS - b.startS);
    let reached = -1;
    for (const e of entries) {
      const rank = ORDER.indexOf(e.phase);
      if (rank <= reached) continue;
      reached = rank;
      const lookups = wave.filter((p) => !p.tcp).length;
      const several = e.phase === 'dns' ? lookups > 1 : ns.length > 1;
      const suffix = e.phase !== 'dns' && ns.length && connections.length > 1 ? ` · connection${ns.length > 1 ? 's' : ''} ${numbers(ns)}` : '';
      const zeroRtt = e.phase === 'http' && tcp.length > 0 && tcp.every(early) ? ' (0-RTT)' : '';
      const title = titleOf(e.phase, several, tls) + zeroRtt;
      starts.push({ id: e.phase, title: title + suffix, startS: e.startS, ...(suffix && { shortTitle: title, connections: ns }) });
    }
  }
  starts.sort((a, b) => a.startS - b.startS);
  if (starts.length) starts[0].startS = 0;
  return starts.map((s, i) => ({ ...s, endS: starts[i + 1]?.startS ?? endS }));
}
