import { clipLayers } from './bytes/clip';
import { encodeIpv4, IPV4_HEADER_BYTES } from './bytes/ipv4';
import { encodeTcp, tcpOptionsLength } from './bytes/tcp';
import { shiftFields } from './bytes/writer';
import { createLink } from './link/link';
import type { Prng } from './prng';
import type { Scenario } from './scenario';
import { createEndpoint, expire2Msl, receiveSegment, sendSegment, type TcpEndpoint, type Transition } from './tcp/endpoint';
import type { DecryptedRecord, Endpoint, Layer, Milestone, NodeId, Packet, Phase, SimEvent, TcpFlags, TcpSegmentInfo, TopLayer } from './types';

/** What an application hands to TCP: a label for the sprite, its bytes and their field map. */
export interface Payload {
  label: string;
  phase: Phase;
  /** The sentence under the picture, from the segment's own numbers (and its part, if cut). */
  caption: (segment: TcpSegmentInfo, part?: { index: number; count: number }) => string;
  topLayer: TopLayer;
  data: Uint8Array;
  /** Field offsets are from the start of `data`. */
  layers: Layer[];
  decrypted: DecryptedRecord[];
}

export type ArrivalHandler = (packet: Packet, atUs: number) => void;

const TTL = 64;

/**
 * The discrete-event core: two TCP endpoints joined by a link. Sending cuts the payload
 * into MSS-sized segments, encodes each as real IPv4 + TCP bytes and records a `send`
 * event (and any state change); arrivals are processed in time order and handed to the
 * application script. Ties keep the order in which they were queued.
 */
export function createWire(scenario: Scenario, prng: Prng) {
  const events: SimEvent[] = [];
  const packets: Packet[] = [];
  const link = createLink(scenario.link.rttMs, scenario.link.bandwidthMbps);
  const endpoints: Record<NodeId, Endpoint> = {
    client: { id: 'client', name: 'Client', ip: scenario.client.ip, port: scenario.client.port },
    server: { id: 'server', name: 'Server', ip: scenario.server.ip, port: scenario.server.port, host: scenario.server.host },
  };
  const teaching = scenario.isn === 'teaching';
  const issClient = teaching ? 100 : prng.u32();
  const issServer = teaching ? 300 : prng.u32();
  const tcp: Record<NodeId, TcpEndpoint> = {
    client: createEndpoint(scenario.client.port, issClient, scenario.tcp.window, 'CLOSED'),
    server: createEndpoint(scenario.server.port, issServer, scenario.tcp.window, 'LISTEN'),
  };
  const ipId: Record<NodeId, number> = { client: prng.u32() & 0xffff, server: prng.u32() & 0xffff };
  const tsOffset: Record<NodeId, number> = { client: prng.u32(), server: prng.u32() };
  const lastTsSeen: Record<NodeId, number> = { client: 0, server: 0 };
  const queue: { atUs: number; order: number; run: () => void }[] = [];
  let order = 0;
  const maxSegmentPayload = scenario.tcp.mss - tcpOptionsLength(false);

  const peerOf = (n: NodeId): NodeId => (n === 'client' ? 'server' : 'client');

  function recordTransition(node: NodeId, t: Transition, atUs: number, packetId?: number) {
    events.push({ kind: 'state', atUs, node, from: t.from, to: t.to, packetId, text: `${node}  ${t.from} → ${t.to}` });
  }

  function schedule(atUs: number, run: () => void) {
    queue.push({ atUs, order: order++, run });
  }

  function sendSegmentOf(from: NodeId, readyUs: number, flags: Partial<TcpFlags>, payload: Payload, start: number, end: number, part?: { index: number; count: number }): Packet {
    const to = peerOf(from);
    const data = payload.data.subarray(start, end);
    const { segment, transition } = sendSegment(tcp[from], tcp[to].port, flags, data.length);
    const tcpHeaderLength = 20 + tcpOptionsLength(segment.flags.syn);
    const totalLength = IPV4_HEADER_BYTES + tcpHeaderLength + data.length;
    const { sendUs, arriveUs } = link.transmit(from, totalLength, readyUs);
    const tsVal = (tsOffset[from] + Math.floor(sendUs / 1000)) >>> 0;
    ipId[from] = (ipId[from] + 1) & 0xffff;
    const scale = scenario.tcp.windowScale;
    const rawWindow = segment.flags.syn ? segment.window : Math.floor(segment.window / 2 ** scale);
    const tcpEncoded = encodeTcp(segment, rawWindow, {
      mss: segment.flags.syn ? scenario.tcp.mss : undefined,
      windowScale: scale,
      tsVal,
      tsEcr: lastTsSeen[from],
    }, endpoints[from].ip, endpoints[to].ip, data);
    const ip = encodeIpv4({ src: endpoints[from].ip, dst: endpoints[to].ip, id: ipId[from], ttl: TTL, payloadLength: tcpHeaderLength + data.length });
    const bytes = new Uint8Array(totalLength);
    bytes.set(ip.bytes, 0);
    bytes.set(tcpEncoded.bytes, IPV4_HEADER_BYTES);
    bytes.set(data, IPV4_HEADER_BYTES + tcpHeaderLength);
    const label = part ? `${payload.label} ${part.index}/${part.count}` : payload.label;
    const upper = part ? clipLayers(payload.layers, start, end, `(segment ${part.index} of ${part.count})`) : payload.layers;
    const dataOffset = IPV4_HEADER_BYTES + tcpHeaderLength;
    const last = !part || part.index === part.count;
    const id = packets.length;
    const packet: Packet = {
      id,
      from,
      to,
      label,
      caption: payload.caption(segment, part),
      phase: payload.phase,
      topLayer: payload.topLayer,
      tcp: segment,
      totalLength,
      bytes,
      sendUs,
      arriveUs,
      segment: part,
      decrypted: last ? payload.decrypted : [],
      layers: [
        ip.layer,
        { ...tcpEncoded.layer, fields: shiftFields(tcpEncoded.layer.fields, IPV4_HEADER_BYTES) },
        ...upper.map((l) => ({ ...l, fields: shiftFields(l.fields, dataOffset) })),
      ],
    };
    packets.push(packet);
    const ack = segment.flags.ack ? ` ack=${segment.ack}` : '';
    const len = segment.payloadLength ? ` len=${segment.payloadLength}` : '';
    events.push({ kind: 'send', atUs: sendUs, packet, text: `${from} → ${to}  ${label}  seq=${segment.seq}${ack}${len}` });
    if (transition) recordTransition(from, transition, sendUs, id);
    schedule(arriveUs, () => deliver(packet, tsVal));
    return packet;
  }

  /** Sends one application write; returns its segments, the last one last. */
  function send(from: NodeId, readyUs: number, flags: Partial<TcpFlags>, payload: Payload): Packet[] {
    const n = payload.data.length;
    if (n <= maxSegmentPayload) return [sendSegmentOf(from, readyUs, flags, payload, 0, n)];
    const count = Math.ceil(n / maxSegmentPayload);
    const out: Packet[] = [];
    for (let i = 0; i < count; i++) {
      const lastOne = i === count - 1;
      const segFlags = lastOne ? flags : { ...flags, fin: false, psh: false };
      out.push(sendSegmentOf(from, readyUs, segFlags, payload, i * maxSegmentPayload, Math.min(n, (i + 1) * maxSegmentPayload), { index: i + 1, count }));
    }
    return out;
  }

  let onArrival: ArrivalHandler = () => {};

  function deliver(packet: Packet, tsVal: number) {
    const at = packet.arriveUs;
    lastTsSeen[packet.to] = tsVal;
    events.push({ kind: 'arrive', atUs: at, packet, text: `${packet.to} ← ${packet.from}  ${packet.label} arrives` });
    for (const t of receiveSegment(tcp[packet.to], packet.tcp)) recordTransition(packet.to, t, at, packet.id);
    onArrival(packet, at);
  }

  return {
    endpoints,
    tcp,
    events,
    packets,
    send,
    schedule,
    setArrivalHandler(h: ArrivalHandler) {
      onArrival = h;
    },
    note(node: NodeId, atUs: number, text: string, milestone?: Milestone, packetId?: number) {
      events.push({ kind: 'note', atUs, node, text, milestone, packetId });
    },
    expireTimeWait(node: NodeId, atUs: number) {
      recordTransition(node, expire2Msl(tcp[node]), atUs);
    },
    /** Runs queued arrivals and timers in time order until nothing is left. */
    run() {
      while (queue.length) {
        let best = 0;
        for (let i = 1; i < queue.length; i++) {
          const q = queue[i];
          const b = queue[best];
          if (q.atUs < b.atUs || (q.atUs === b.atUs && q.order < b.order)) best = i;
        }
        const [next] = queue.splice(best, 1);
        next.run();
      }
    },
  };
}

export type Wire = ReturnType<typeof createWire>;
