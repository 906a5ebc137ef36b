import type { NodeId, Packet, SenderView, SimEvent, Simulation, TimerSpan } from '../sim/types';

/**
 * Hand-made traces for the presentation's tests: a few packets, drops and timers with the
 * shape the simulator gives (events in network order), without simulating anything.
 */
export function traceBuilder(options: { rttUs?: number; resolver?: boolean } = {}) {
  const packets: Packet[] = [];
  const events: SimEvent[] = [];
  const timers: TimerSpan[] = [];
  /** Events that follow the packet events of their instant (a state change after the send or arrival that caused it). */
  const after: SimEvent[] = [];
  const endpoint = (id: NodeId, ip: string, port: number, name: string) => ({ id, name, ip, port });
  const b = {
    /** A packet from → to leaving at sendUs and taking oneWayUs; `lost` drops it at lostAtUs. */
    packet(from: NodeId, to: NodeId, label: string, sendUs: number, oneWayUs: number, extra: Partial<Packet> = {}): Packet {
      const p: Packet = {
        id: packets.length,
        from,
        to,
        label,
        caption: `${label} caption`,
        topLayer: to === 'resolver' || from === 'resolver' ? 'dns' : 'tcp',
        stream: 0,
        layers: [],
        totalLength: 52,
        bytes: new Uint8Array(),
        decrypted: [],
        phase: to === 'resolver' || from === 'resolver' ? 'dns' : 'tcp',
        sendUs,
        arriveUs: sendUs + oneWayUs,
        ...extra,
      };
      packets.push(p);
      return p;
    },
    data(from: 'client' | 'server', label: string, sendUs: number, oneWayUs: number, sender: SenderView): Packet {
      return b.packet(from, from === 'client' ? 'server' : 'client', label, sendUs, oneWayUs, { sender, totalLength: 1500 });
    },
    timer(t: Omit<TimerSpan, 'stream'>): void {
      timers.push({ stream: 0, ...t });
    },
    note(node: NodeId, atUs: number, text: string): void {
      events.push({ kind: 'note', node, atUs, text });
    },
    /** A state change or note placed after the sends and arrivals of its instant, as the simulator orders a consequence. */
    event(e: SimEvent): void {
      after.push(e);
    },
    /** Events for every packet (send, then arrive or drop) and the notes, in network order. */
    build(): Simulation {
      const all: SimEvent[] = [...events];
      for (const p of packets) {
        all.push({ kind: 'send', atUs: p.sendUs, text: `${p.label} sent`, packet: p });
        if (p.lost) all.push({ kind: 'drop', atUs: p.lost.atUs, text: `${p.label} lost`, packet: p });
        else all.push({ kind: 'arrive', atUs: p.arriveUs, text: `${p.label} arrives`, packet: p });
      }
      all.push(...after);
      const order = all.map((e, i) => ({ e, i })).sort((x, y) => x.e.atUs - y.e.atUs || x.i - y.i);
      return {
        events: order.map(({ e }) => e),
        packets,
        client: endpoint('client', '192.0.2.10', 50000, 'Client'),
        server: endpoint('server', '203.0.113.5', 443, 'Server'),
        ...(options.resolver && { resolver: endpoint('resolver', '192.0.2.53', 53, 'Resolver') }),
        rttUs: options.rttUs ?? 40_000,
        initialStates: { client: 'CLOSED', server: 'LISTEN' },
        timers,
        timing: [],
        keyLog: '',
      };
    },
  };
  return b;
}

export const slowStart = (cwndBytes: number, bytesInFlight: number): SenderView => ({
  cwndBytes,
  ssthreshBytes: -1,
  bytesInFlight,
  peerWindowBytes: 65_535,
  mode: 'slow-start',
});

/**
 * A TCP segment's bytes around `payload`, as a dissector finds them: an IPv4 (or IPv6) header and a
 * TCP header of `tcpWords` 32-bit words, zero but for the length fields a reader needs (RFC 791, 8200, 9293).
 */
export function segmentBytes(payload: Uint8Array, { ipv6 = false, tcpWords = 5, padding = 0 } = {}): Uint8Array {
  const ip = ipv6 ? 40 : 20;
  // `padding`: zero bytes after the segment, as a short Ethernet frame carries them (not the payload's).
  const out = new Uint8Array(ip + tcpWords * 4 + payload.length + padding);
  out[0] = ipv6 ? 0x60 : 0x45;
  out[ip + 12] = tcpWords << 4;
  out.set(payload, ip + tcpWords * 4);
  return out;
}

/** `extra` for traceBuilder.packet: a TCP segment at `seq` carrying `payload` (hex or bytes), on `stream`. */
export function segment(seq: number, payload: Uint8Array | string, stream = 0, headers: { ipv6?: boolean; tcpWords?: number; padding?: number } = {}): Partial<Packet> {
  const bytes = typeof payload === 'string' ? Uint8Array.from(Buffer.from(payload, 'hex')) : payload;
  return {
    stream,
    bytes: segmentBytes(bytes, headers),
    tcp: { srcPort: 443, dstPort: 50_000, seq, ack: 1, window: 65_535, payloadLength: bytes.length, flags: { syn: false, ack: true, fin: false, psh: true, rst: false } },
  };
}
