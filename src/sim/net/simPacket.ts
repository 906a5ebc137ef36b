import type { DecryptedRecord, Layer, NodeId, Packet, Phase, SenderView, TcpSegmentInfo, TopLayer, UdpDatagramInfo } from '../types';

export interface PacketFacts {
  from: NodeId;
  to: NodeId;
  stream: number;
  label: string;
  topLayer: TopLayer;
  phase: Phase;
  tcp?: TcpSegmentInfo;
  udp?: UdpDatagramInfo;
  retransmission?: Packet['retransmission'];
  sender?: SenderView;
  segment?: { index: number; count: number };
  decrypted: DecryptedRecord[];
  totalLength: number;
}

/** How to produce what a packet shows only when someone looks at it. */
export interface PacketMaking {
  bytes: () => Uint8Array;
  layers: () => Layer[];
  caption: () => string;
}

/**
 * A packet of the trace. Its bytes, field map and caption are made on first read and kept:
 * a 100,000-packet download keeps numbers and references, not 150 MB of copies and a
 * million field objects; the few packets a person inspects or a capture writes are built
 * exactly as they would have been up front (the same pure functions of the same inputs).
 */
export class SimPacket implements Packet {
  id: number;
  from: NodeId;
  to: NodeId;
  stream: number;
  label: string;
  topLayer: TopLayer;
  phase: Phase;
  tcp?: TcpSegmentInfo;
  udp?: UdpDatagramInfo;
  retransmission?: Packet['retransmission'];
  sender?: SenderView;
  segment?: { index: number; count: number };
  lost?: { atUs: number; reason: string };
  decrypted: DecryptedRecord[];
  totalLength: number;
  sendUs: number;
  arriveUs: number;
  captureUs?: number;
  private made: { bytes?: Uint8Array; layers?: Layer[]; caption?: string } = {};

  constructor(id: number, facts: PacketFacts, timing: { sendUs: number; arriveUs: number; lost?: { atUs: number; reason: string } }, private readonly making: PacketMaking) {
    this.id = id;
    this.from = facts.from;
    this.to = facts.to;
    this.stream = facts.stream;
    this.label = facts.label;
    this.topLayer = facts.topLayer;
    this.phase = facts.phase;
    if (facts.tcp) this.tcp = facts.tcp;
    if (facts.udp) this.udp = facts.udp;
    if (facts.retransmission) this.retransmission = facts.retransmission;
    if (facts.sender) this.sender = facts.sender;
    if (facts.segment) this.segment = facts.segment;
    if (timing.lost) this.lost = timing.lost;
    this.decrypted = facts.decrypted;
    this.totalLength = facts.totalLength;
    this.sendUs = timing.sendUs;
    this.arriveUs = timing.arriveUs;
  }

  get bytes(): Uint8Array {
    return (this.made.bytes ??= this.making.bytes());
  }

  get layers(): Layer[] {
    return (this.made.layers ??= this.making.layers());
  }

  get caption(): string {
    return (this.made.caption ??= this.making.caption());
  }
}

/** A packet event whose log line is written when the log shows it. */
abstract class PacketEvent {
  constructor(
    readonly atUs: number,
    readonly packet: Packet,
  ) {}
}

export class PacketSent extends PacketEvent {
  readonly kind = 'send' as const;
  get text(): string {
    const p = this.packet;
    return `${p.from} → ${p.to}  ${p.label}${numbersOf(p)}${p.retransmission ? '  (retransmission)' : ''}`;
  }
}

export class PacketArrived extends PacketEvent {
  readonly kind = 'arrive' as const;
  get text(): string {
    return `${this.packet.to} ← ${this.packet.from}  ${this.packet.label} arrives`;
  }
}

export class PacketDropped extends PacketEvent {
  readonly kind = 'drop' as const;
  get text(): string {
    return `✕ ${this.packet.label} from ${this.packet.from} lost: ${this.packet.lost!.reason}`;
  }
}

function numbersOf(p: Packet): string {
  if (!p.tcp) return p.udp ? `  len=${p.udp.payloadLength}` : '';
  const t = p.tcp;
  const ack = t.flags.ack ? ` ack=${t.ack}` : '';
  const len = t.payloadLength ? ` len=${t.payloadLength}` : '';
  const win = t.window === 0 ? ' win=0' : '';
  return `  seq=${t.seq}${ack}${len}${win}`;
}
