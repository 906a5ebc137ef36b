import { concat } from '../bytes/hex';
import { encodeIpv4, IPV4_HEADER_BYTES, PROTOCOL_UDP } from '../bytes/ipv4';
import { encodeTcp, tcpOptionsLength } from '../bytes/tcp';
import { encodeUdp, UDP_HEADER_BYTES } from '../bytes/udp';
import { shiftFields } from '../bytes/writer';
import type { Layer, TcpSegmentInfo } from '../types';

export interface Encoded {
  bytes: Uint8Array;
  layers: Layer[];
}

/** Places the upper layers' field maps after the headers and joins the bytes. */
function assemble(ip: { bytes: Uint8Array; layer: Layer }, transport: { bytes: Uint8Array; layer: Layer }, payload: Uint8Array, upper: Layer[]): Encoded {
  const dataOffset = IPV4_HEADER_BYTES + transport.bytes.length;
  const bytes = new Uint8Array(dataOffset + payload.length);
  bytes.set(ip.bytes, 0);
  bytes.set(transport.bytes, IPV4_HEADER_BYTES);
  bytes.set(payload, dataOffset);
  return {
    bytes,
    layers: [
      ip.layer,
      { ...transport.layer, fields: shiftFields(transport.layer.fields, IPV4_HEADER_BYTES) },
      ...upper.map((l) => ({ ...l, fields: shiftFields(l.fields, dataOffset) })),
    ],
  };
}

export interface TcpWireOptions {
  src: string;
  dst: string;
  ipId: number;
  ttl: number;
  windowScale: number;
  tsVal: number;
  tsEcr: number;
  syn?: { mss: number; windowScale: number; sackPermitted: boolean };
}

/** An IPv4 packet carrying one TCP segment; `segment.window` is in bytes and is written scaled (never on a SYN, RFC 7323 §2.2). */
export function encodeTcpPacket(segment: TcpSegmentInfo, payload: Uint8Array, upper: Layer[], o: TcpWireOptions): Encoded {
  return encodeTcpPacketWith(segment, payload, upper, o, true);
}

/** The same bytes without building a field map. */
export function encodeTcpPacketBytes(segment: TcpSegmentInfo, payload: Uint8Array, o: TcpWireOptions): Uint8Array {
  return encodeTcpPacketWith(segment, payload, [], o, false).bytes;
}

function encodeTcpPacketWith(segment: TcpSegmentInfo, payload: Uint8Array, upper: Layer[], o: TcpWireOptions, withFields: boolean): Encoded {
  const rawWindow = segment.flags.syn ? segment.window : Math.floor(segment.window / 2 ** o.windowScale);
  const tcp = encodeTcp(segment, rawWindow, {
    mss: o.syn?.mss,
    windowScale: o.syn?.windowScale ?? o.windowScale,
    sackPermitted: o.syn?.sackPermitted,
    tsVal: o.tsVal,
    tsEcr: o.tsEcr,
  }, o.src, o.dst, payload, withFields);
  const headerLength = 20 + tcpOptionsLength(segment.flags.syn, segment.flags.syn ? 0 : (segment.sack?.length ?? 0));
  const ip = encodeIpv4({ src: o.src, dst: o.dst, id: o.ipId, ttl: o.ttl, payloadLength: headerLength + payload.length }, withFields);
  return withFields ? assemble(ip, tcp, payload, upper) : { bytes: concat(ip.bytes, tcp.bytes, payload), layers: [] };
}

/** An IPv4 packet carrying one UDP datagram. */
export function encodeUdpPacket(ports: { srcPort: number; dstPort: number }, payload: Uint8Array, upper: Layer[], o: { src: string; dst: string; ipId: number; ttl: number }): Encoded {
  const udp = encodeUdp(ports, o.src, o.dst, payload);
  const ip = encodeIpv4({ src: o.src, dst: o.dst, id: o.ipId, ttl: o.ttl, payloadLength: UDP_HEADER_BYTES + payload.length, protocol: PROTOCOL_UDP });
  return assemble(ip, udp, payload, upper);
}
