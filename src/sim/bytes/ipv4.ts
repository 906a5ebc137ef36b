import type { Layer } from '../types';
import { internetChecksum } from './checksum';
import { hex16 } from './hex';
import { ByteWriter } from './writer';

export interface Ipv4Header {
  src: string;
  dst: string;
  id: number;
  ttl: number;
  /** Bytes after the IP header. */
  payloadLength: number;
  /** What the payload is (IANA protocol number); TCP when absent. */
  protocol?: number;
}

export const IPV4_HEADER_BYTES = 20;
export const PROTOCOL_TCP = 6;
export const PROTOCOL_UDP = 17;

const PROTOCOL_NAMES: Record<number, string> = { [PROTOCOL_TCP]: 'TCP', [PROTOCOL_UDP]: 'UDP' };

export function ipv4Bytes(ip: string): Uint8Array {
  return Uint8Array.from(ip.split('.').map(Number));
}

/** The IPv4 pseudo-header a TCP or UDP checksum covers (RFC 9293 §3.1, RFC 768). */
export function pseudoHeader(src: string, dst: string, protocol: number, length: number): Uint8Array {
  const pseudo = new Uint8Array(12);
  pseudo.set(ipv4Bytes(src), 0);
  pseudo.set(ipv4Bytes(dst), 4);
  pseudo[9] = protocol;
  pseudo[10] = length >>> 8;
  pseudo[11] = length & 0xff;
  return pseudo;
}

/** An IPv4 header (RFC 791) with no options, DF set, and its header checksum. */
export function encodeIpv4(h: Ipv4Header, withFields = true): { bytes: Uint8Array; layer: Layer } {
  const total = IPV4_HEADER_BYTES + h.payloadLength;
  const protocol = h.protocol ?? PROTOCOL_TCP;
  const protocolName = PROTOCOL_NAMES[protocol];
  if (!protocolName) throw new Error(`IPv4: unsupported protocol ${protocol}`);
  if (total > 0xffff) throw new Error(`IPv4: total length ${total} exceeds 65535`);
  const w = new ByteWriter(withFields)
    .u8('version, header length', 0x45, '4, 20 bytes (IHL 5)')
    .u8('DSCP, ECN', 0, '0 (best effort)')
    .u16('total length', total, `${total} bytes`, `IP header + ${protocolName} header + payload`)
    .u16('identification', h.id, hex16(h.id))
    .u16('flags, fragment offset', 0x4000, "DF (don't fragment), offset 0", 'path MTU discovery: routers must not split it')
    .u8('TTL', h.ttl, String(h.ttl), 'hops left before a router drops it')
    .u8('protocol', protocol, `${protocol} (${protocolName})`, 
      // TCP's field map predates this note and stays as it was.
      protocol === PROTOCOL_TCP ? undefined : `which header follows: the receiver hands the payload to its ${protocolName} code`);
  const checksumAt = w.length;
  w.u16('header checksum', 0)
    .bytes('source', ipv4Bytes(h.src), h.src)
    .bytes('destination', ipv4Bytes(h.dst), h.dst);
  const checksum = internetChecksum(w.finish().bytes);
  w.patch16(checksumAt, checksum);
  const { bytes, fields } = w.finish();
  const cs = fields.find((f) => f.name === 'header checksum');
  if (cs) {
    cs.value = `${hex16(checksum)} (correct)`;
    cs.note = 'one’s-complement sum of the header’s 16-bit words (RFC 1071)';
  }
  return { bytes, layer: { name: 'IPv4', summary: `${h.src} → ${h.dst}`, fields } };
}
