import { createLink } from './link/link';
import { ipv4Layer } from './ipv4';
import type { Prng } from './prng';
import type { Scenario } from './scenario';
import { createEndpoint, expire2Msl, receiveSegment, sendSegment, type TcpEndpoint, type Transition } from './tcp/endpoint';
import { tcpHeaderLength, tcpLayer } from './tcp/layer';
import type { Endpoint, Layer, Milestone, NodeId, Packet, SimEvent, TcpFlags, TopLayer } from './types';

/** What an application hands to TCP: a label for the sprite, its upper layers and their size. */
export interface Payload {
  label: string;
  caption: string;
  topLayer: TopLayer;
  layers: Layer[];
  bytes: number;
}

export type ArrivalHandler = (packet: Packet, atUs: number) => void;

const IP_HEADER = 20;
const TTL = 64;

/**
 * The discrete-event core: two TCP endpoints joined by a link. Sending records a
 * `send` event (and any state change); arrivals are processed in time order and
 * handed to the application script. Ties keep the order in which they were queued.
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

  const peerOf = (n: NodeId): NodeId => (n === 'client' ? 'server' : 'client');

  function recordTransition(node: NodeId, t: Transition, atUs: number, packetId?: number) {
    events.push({ kind: 'state', atUs, node, from: t.from, to: t.to, packetId, text: `${node}  ${t.from} → ${t.to}` });
  }

  function schedule(atUs: number, run: () => void) {
    queue.push({ atUs, order: order++, run });
  }

  function send(from: NodeId, readyUs: number, flags: Partial<TcpFlags>, payload: Payload): Packet {
    const to = peerOf(from);
    const { segment, transition } = sendSegment(tcp[from], tcp[to].port, flags, payload.bytes);
    const totalLength = IP_HEADER + tcpHeaderLength(segment) + payload.bytes;
    const { sendUs, arriveUs } = link.transmit(from, totalLength, readyUs);
    const tsVal = (tsOffset[from] + Math.floor(sendUs / 1000)) >>> 0;
    const id = packets.length;
    ipId[from] = (ipId[from] + 1) & 0xffff;
    const packet: Packet = {
      id,
      from,
      to,
      label: payload.label,
      caption: payload.caption,
      topLayer: payload.topLayer,
      tcp: segment,
      totalLength,
      sendUs,
      arriveUs,
      layers: [
        ipv4Layer({ src: endpoints[from].ip, dst: endpoints[to].ip, id: ipId[from], ttl: TTL, totalLength }),
        tcpLayer(segment, {
          mss: segment.flags.syn ? scenario.tcp.mss : undefined,
          windowScale: segment.flags.syn ? scenario.tcp.windowScale : undefined,
          tsVal,
          tsEcr: lastTsSeen[from],
        }),
        ...payload.layers,
      ],
    };
    packets.push(packet);
    const ack = segment.flags.ack ? ` ack=${segment.ack}` : '';
    const len = segment.payloadLength ? ` len=${segment.payloadLength}` : '';
    events.push({ kind: 'send', atUs: sendUs, packet, text: `${from} → ${to}  ${payload.label}  seq=${segment.seq}${ack}${len}` });
    if (transition) recordTransition(from, transition, sendUs, id);
    schedule(arriveUs, () => deliver(packet, tsVal));
    return packet;
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
