import { describe, expect, it } from 'vitest';
import type { TcpSegmentInfo } from '../types';
import { encodeTcpPacket, encodeTcpPacketBytes, encodeUdpPacket, type TcpWireOptions } from './encode';

/** RFC 1071 sum with end-around carry after every word, written apart from bytes/checksum.ts. */
function sum16(...parts: Uint8Array[]): number {
  const all = Uint8Array.from(parts.flatMap((p) => Array.from(p)));
  let s = 0;
  for (let i = 0; i < all.length; i += 2) {
    s += (all[i] << 8) | (all[i + 1] ?? 0);
    s = (s & 0xffff) + (s >>> 16);
  }
  return s;
}
/** RFC 9293 §3.1 / RFC 768 pseudo-header: addresses from the IPv4 header, zero, protocol, segment length. */
const pseudo = (ip: Uint8Array) => Uint8Array.of(...ip.subarray(12, 20), 0, ip[9], ((ip.length - 20) >> 8) & 0xff, (ip.length - 20) & 0xff);

const flags = { syn: false, ack: true, fin: false, psh: true, rst: false };
const seg = (s: Partial<TcpSegmentInfo> = {}): TcpSegmentInfo => ({ srcPort: 49152, dstPort: 443, seq: 101, ack: 301, flags, window: 64256, payloadLength: 5, ...s });
const wire: TcpWireOptions = { src: '192.0.2.10', dst: '203.0.113.5', ipId: 0x1234, ttl: 64, windowScale: 7, tsVal: 1, tsEcr: 2 };
const payload = new TextEncoder().encode('hello');

describe('encodeTcpPacket: an IPv4 packet around one TCP segment', () => {
  it('IPv4 total length covers header, TCP header and payload; both checksums verify (RFC 1071: the sum is all ones)', () => {
    const { bytes } = encodeTcpPacket(seg(), payload, [], wire);
    expect(bytes.length).toBe(20 + 32 + 5);
    expect((bytes[2] << 8) | bytes[3]).toBe(57);
    expect(sum16(bytes.subarray(0, 20))).toBe(0xffff);
    expect(sum16(pseudo(bytes), bytes.subarray(20))).toBe(0xffff);
    expect(new TextDecoder().decode(bytes.subarray(52))).toBe('hello');
  });

  it('writes the window in units of 2^scale, rounding down (RFC 7323 §2.3), but never scales a SYN’s (§2.2)', () => {
    const raw = (s: TcpSegmentInfo, o = wire) => {
      const b = encodeTcpPacketBytes(s, payload, o);
      return (b[34] << 8) | b[35];
    };
    expect(raw(seg({ window: 64256 }))).toBe(502);
    expect(raw(seg({ window: 64383 }))).toBe(502);
    expect(raw(seg({ window: 64384 }))).toBe(503);
    expect(raw(seg({ window: 1000 }), { ...wire, windowScale: 0 })).toBe(1000);
    const synWire = { ...wire, syn: { mss: 1460, windowScale: 9, sackPermitted: false } };
    expect(raw(seg({ window: 64240, flags: { ...flags, syn: true, ack: false, psh: false }, payloadLength: 0 }), synWire)).toBe(64240);
    // A SYN offers its own scale (RFC 7323 §2.2): 9, not the connection's 7; no SACK-permitted means two NOPs.
    const synBytes = encodeTcpPacketBytes(seg({ window: 64240, flags: { ...flags, syn: true, ack: false, psh: false }, payloadLength: 0 }), new Uint8Array(), synWire);
    expect(Array.from(synBytes.subarray(40))).toEqual([2, 4, 0x05, 0xb4, 1, 1, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 3, 3, 9]);
    expect((synBytes[2] << 8) | synBytes[3]).toBe(60);
  });

  it('the field-less bytes are the same bytes; the layers sit where their bytes are', () => {
    const sack = seg({ sack: [[1000, 2000]] });
    const upper = [{ name: 'HTTP', summary: 'hello', fields: [{ name: 'word', value: 'hello', offset: 0, length: 5, children: [{ name: 'h', value: 'h', offset: 0, length: 1 }] }] }];
    const full = encodeTcpPacket(sack, payload, upper, wire);
    expect(encodeTcpPacketBytes(sack, payload, wire)).toEqual(full.bytes);
    // 20 + 20 + 12 + 2 NOPs + 10 for one SACK block = 64.
    expect((full.bytes[2] << 8) | full.bytes[3]).toBe(64 + 5);
    expect(full.layers.map((l) => [l.name, l.fields[0].offset, l.fields.at(-1)!.offset])).toEqual([['IPv4', 0, 16], ['TCP', 20, 40], ['HTTP', 64, 64]]);
    expect(full.layers[2].fields[0].children![0].offset).toBe(64);
    expect(full.layers[2].summary).toBe('hello');
  });
});

describe('encodeUdpPacket', () => {
  it('protocol 17, total length 28 + payload, the UDP checksum verifies, upper layers after byte 28', () => {
    const { bytes, layers } = encodeUdpPacket({ srcPort: 40000, dstPort: 53 }, payload, [{ name: 'DNS', summary: 'q', fields: [{ name: 'id', value: '', offset: 0, length: 2 }] }], { src: '192.0.2.10', dst: '192.0.2.53', ipId: 9, ttl: 64 });
    expect([bytes[9], (bytes[2] << 8) | bytes[3], (bytes[4] << 8) | bytes[5], bytes.length]).toEqual([17, 33, 9, 33]);
    expect(sum16(bytes.subarray(0, 20))).toBe(0xffff);
    expect(sum16(pseudo(bytes), bytes.subarray(20))).toBe(0xffff);
    expect(layers.map((l) => [l.name, l.fields[0].offset])).toEqual([['IPv4', 0], ['UDP', 20], ['DNS', 28]]);
  });
});
