import { EventQueue } from '../core/eventQueue';
import { LinkDirection, type DropRule } from '../link/link';
import type { Prng } from '../prng';
import type { OutSegment } from '../tcp/socket';
import type { Endpoint, Layer, Milestone, NodeId, Packet, Phase, SimEvent, TcpSegmentInfo, TimerKind, TimerSpan, TopLayer } from '../types';
import { realBytes } from '../bytes/lateBytes';
import { tcpOptionsLength } from '../bytes/tcp';
import { encodeTcpPacket, encodeTcpPacketBytes, encodeUdpPacket } from './encode';
import { PacketArrived, PacketDropped, PacketSent, SimPacket, type PacketFacts, type PacketMaking } from './simPacket';

/** Linux's default TTL (net.ipv4.ip_default_ttl). */
const TTL = 64;

export interface LinkSpec {
  a: NodeId;
  b: NodeId;
  rttUs: number;
  bandwidthMbps: number;
  queuePackets: number;
  lossRate: number;
  drops: DropRule[];
}

/** Where a TCP segment goes and what it means: filled in by the connection that sends it. */
export interface TcpRoute {
  from: NodeId;
  to: NodeId;
  stream: number;
  srcPort: number;
  dstPort: number;
  windowScale: number;
  phase: Phase;
  /** Sprite label and caption for segments without application data. */
  describe(seg: OutSegment, info: TcpSegmentInfo): { label: string; caption: string };
}

export interface UdpDatagram {
  from: NodeId;
  to: NodeId;
  stream: number;
  srcPort: number;
  dstPort: number;
  label: string;
  caption: string;
  phase: Phase;
  topLayer: TopLayer;
  payload: Uint8Array;
  /** Field offsets from the start of the payload. */
  layers: Layer[];
}

/** Gets each packet that arrives for it, with the transport's payload. */
type Receiver = (packet: Packet, payload: Uint8Array) => void;

/**
 * The network: nodes joined by links, one event queue, and the record of everything that
 * happens (packets with their real bytes, arrivals, drops, state changes, timers, notes).
 * Hosts and applications only post events and send packets; nothing reads a clock.
 */
export class Network {
  readonly queue = new EventQueue();
  readonly events: SimEvent[] = [];
  readonly packets: Packet[] = [];
  readonly timers: TimerSpan[] = [];
  private readonly links = new Map<string, LinkDirection>();
  private readonly receivers = new Map<string, Receiver>();
  private readonly ipId = new Map<NodeId, number>();
  private readonly tsOffset = new Map<NodeId, number>();
  private readonly lastTsSeen = new Map<string, number>();

  constructor(
    readonly endpoints: Partial<Record<NodeId, Endpoint>>,
    links: LinkSpec[],
    prng: Prng,
    lossPrng: Prng,
  ) {
    for (const node of Object.keys(endpoints) as NodeId[]) {
      this.ipId.set(node, prng.u32() & 0xffff);
      this.tsOffset.set(node, prng.u32());
    }
    for (const l of links) {
      const options = { oneWayUs: l.rttUs / 2, bandwidthMbps: l.bandwidthMbps, queuePackets: l.queuePackets, lossRate: l.lossRate, drops: l.drops };
      this.links.set(`${l.a}>${l.b}`, new LinkDirection(`${l.a}-to-${l.b}`, options, lossPrng));
      this.links.set(`${l.b}>${l.a}`, new LinkDirection(`${l.b}-to-${l.a}`, options, lossPrng));
    }
  }

  get nowUs(): number {
    return this.queue.nowUs;
  }

  /** Packets for (node, port) from `remotePort` (or from any port) go to `receive`. */
  listen(node: NodeId, port: number, receive: Receiver, remotePort?: number): void {
    this.receivers.set(`${node}:${port}:${remotePort ?? '*'}`, receive);
  }

  sendTcp(route: TcpRoute, seg: OutSegment): number {
    const payload = seg.payload?.bytes ?? new Uint8Array();
    const info: TcpSegmentInfo = {
      srcPort: route.srcPort,
      dstPort: route.dstPort,
      seq: seg.seq,
      ack: seg.ack,
      flags: seg.flags,
      window: seg.window,
      payloadLength: payload.length,
      ...(seg.sack?.length ? { sack: seg.sack } : {}),
    };
    const key = `${route.from}>${route.to}:${route.stream}`;
    const tsVal = this.tsVal(route.from);
    const wire = {
      src: this.endpoints[route.from]!.ip,
      dst: this.endpoints[route.to]!.ip,
      ipId: this.nextIpId(route.from),
      ttl: TTL,
      windowScale: route.windowScale,
      tsVal,
      tsEcr: this.lastTsSeen.get(`${route.to}>${route.from}:${route.stream}`) ?? 0,
      syn: seg.synOptions,
    };
    // Bytes, field map and caption are made when someone looks (see SimPacket).
    const upper = seg.payload;
    // A zero-window probe carries a byte of data, but what it is for is the probe.
    const ofData = upper && seg.reason !== 'probe';
    const label = ofData ? upper.label + (seg.flags.fin ? ' +FIN' : '') : route.describe(seg, info).label;
    const caption = () => {
      const text = ofData ? upper.caption(info) : route.describe(seg, info).caption;
      return seg.retransmission ? `Retransmission: ${lowerFirst(text)}` : text;
    };
    const headerBytes = 20 + 20 + tcpOptionsLength(seg.flags.syn, seg.flags.syn ? 0 : (seg.sack?.length ?? 0));
    const packet = this.record({
      from: route.from,
      to: route.to,
      stream: route.stream,
      label,
      topLayer: upper?.topLayer ?? 'tcp',
      phase: upper?.phase ?? route.phase,
      tcp: info,
      retransmission: seg.retransmission,
      sender: seg.sender,
      decrypted: upper?.decrypted ?? [],
      totalLength: headerBytes + payload.length,
      // A segment that carries part of one write says which part.
      segment: upper?.part,
    }, {
      // The payload may be a view of bytes filled in when read (a large TLS write seals its records then).
      bytes: () => encodeTcpPacketBytes(info, realBytes(payload), wire),
      layers: () => encodeTcpPacket(info, realBytes(payload), upper?.layers() ?? [], wire).layers,
      caption,
    }, payload, () => this.lastTsSeen.set(key, tsVal));
    return packet.id;
  }

  sendUdp(d: UdpDatagram): Packet {
    const encoded = encodeUdpPacket({ srcPort: d.srcPort, dstPort: d.dstPort }, d.payload, d.layers, {
      src: this.endpoints[d.from]!.ip,
      dst: this.endpoints[d.to]!.ip,
      ipId: this.nextIpId(d.from),
      ttl: TTL,
    });
    return this.record({
      from: d.from,
      to: d.to,
      stream: d.stream,
      label: d.label,
      topLayer: d.topLayer,
      phase: d.phase,
      udp: { srcPort: d.srcPort, dstPort: d.dstPort, payloadLength: d.payload.length },
      decrypted: [],
      totalLength: encoded.bytes.length,
    }, { bytes: () => encoded.bytes, layers: () => encoded.layers, caption: () => d.caption }, d.payload);
  }

  note(node: NodeId, text: string, milestone?: Milestone, packetId?: number): void {
    this.events.push({ kind: 'note', atUs: this.nowUs, node, text: `${node}  ${text}`, ...(milestone ? { milestone } : {}), ...(packetId !== undefined ? { packetId } : {}) });
  }

  transition(node: NodeId, from: string, to: string, packetId?: number): void {
    this.events.push({ kind: 'state', atUs: this.nowUs, node, from: from as never, to: to as never, text: `${node}  ${from} → ${to}`, ...(packetId !== undefined ? { packetId } : {}) });
  }

  timer(node: NodeId, stream: number, kind: TimerKind, span: { startUs: number; dueUs: number; endUs: number; fired: boolean }): void {
    this.timers.push({ node, stream, kind, startUs: span.startUs, dueUs: span.dueUs, endUs: span.endUs, fired: span.fired });
  }

  private record(facts: PacketFacts, making: PacketMaking, payload: Uint8Array, onArrive?: () => void): Packet {
    const link = this.links.get(`${facts.from}>${facts.to}`);
    if (!link) throw new Error(`Network: no link from ${facts.from} to ${facts.to}`);
    const sent = link.transmit(facts.totalLength, this.nowUs, facts.label);
    const packet = new SimPacket(this.packets.length, facts, sent, making);
    this.packets.push(packet);
    this.events.push(new PacketSent(packet.sendUs, packet));
    if (sent.lost) {
      this.queue.post(sent.lost.atUs, () => this.events.push(new PacketDropped(sent.lost!.atUs, packet)));
    } else {
      this.queue.post(packet.arriveUs, () => {
        this.events.push(new PacketArrived(packet.arriveUs, packet));
        onArrive?.();
        const ports = packet.tcp ?? packet.udp!;
        (this.receivers.get(`${facts.to}:${ports.dstPort}:${ports.srcPort}`) ?? this.receivers.get(`${facts.to}:${ports.dstPort}:*`))?.(packet, payload);
      });
    }
    return packet;
  }

  private nextIpId(node: NodeId): number {
    const id = ((this.ipId.get(node) ?? 0) + 1) & 0xffff;
    this.ipId.set(node, id);
    return id;
  }

  /** RFC 7323 timestamps: a millisecond clock with a random offset per host (as Linux does per connection). */
  private tsVal(node: NodeId): number {
    return ((this.tsOffset.get(node) ?? 0) + Math.floor(this.nowUs / 1000)) >>> 0;
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
