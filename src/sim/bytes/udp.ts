import type { Layer } from '../types';
import { internetChecksum } from './checksum';
import { hex16 } from './hex';
import { PROTOCOL_UDP, pseudoHeader } from './ipv4';
import { ByteWriter } from './writer';

export const UDP_HEADER_BYTES = 8;

export interface UdpPorts {
  srcPort: number;
  dstPort: number;
}

/**
 * A UDP header (RFC 768) and its checksum over the IPv4 pseudo-header, the header and
 * the payload. Returns the 8 header bytes only; the payload follows them on the wire.
 */
export function encodeUdp(ports: UdpPorts, src: string, dst: string, payload: Uint8Array): { bytes: Uint8Array; layer: Layer } {
  const length = UDP_HEADER_BYTES + payload.length;
  if (length > 0xffff) throw new Error(`UDP: length ${length} exceeds 65535`);
  const w = new ByteWriter()
    .u16('source port', ports.srcPort, String(ports.srcPort), 'the sender’s port: a reply is addressed to it')
    .u16('destination port', ports.dstPort, String(ports.dstPort), ports.dstPort === 53 ? 'port 53: where DNS servers listen' : 'the receiver’s port: it picks the socket that gets the data')
    .u16('length', length, `${length} bytes`, 'UDP header (8 bytes) + payload');
  const checksumAt = w.length;
  w.u16('checksum', 0);
  const pseudo = pseudoHeader(src, dst, PROTOCOL_UDP, length);
  // RFC 768: a sum that comes out as 0 is sent as all ones, because 0 means "no checksum".
  const checksum = internetChecksum(pseudo, w.finish().bytes, payload) || 0xffff;
  w.patch16(checksumAt, checksum);
  const { bytes, fields } = w.finish();
  const cs = fields.find((f) => f.name === 'checksum')!;
  cs.value = `${hex16(checksum)} (correct)`;
  cs.note = 'covers a pseudo-header (addresses, protocol, length), the header and the payload';
  return { bytes, layer: { name: 'UDP', summary: `${ports.srcPort} → ${ports.dstPort} len=${payload.length}`, fields } };
}
