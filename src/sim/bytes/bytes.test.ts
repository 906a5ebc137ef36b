import { describe, expect, it } from 'vitest';
import { internetChecksum } from './checksum';
import { fromHex } from './hex';
import { encodeIpv4 } from './ipv4';
import { encodeTcp } from './tcp';

/** A second, deliberately different implementation: 32-bit sum over a DataView, folded at the end. */
function referenceChecksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(bytes.length + (bytes.length % 2));
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 2) sum += view.getUint16(i);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return 0xffff - sum;
}

describe('checksums', () => {
  it('matches a known IPv4 header (checksum 0xb861)', () => {
    const header = fromHex('450000730000400040110000c0a80001c0a800c7');
    expect(internetChecksum(header)).toBe(0xb861);
  });

  it('gives a header whose checksum verifies to zero, as a receiver checks it', () => {
    const { bytes } = encodeIpv4({ src: '192.0.2.10', dst: '203.0.113.5', id: 0x1234, ttl: 64, payloadLength: 40 });
    expect(bytes.length).toBe(20);
    expect(internetChecksum(bytes)).toBe(0);
    const zeroed = bytes.slice();
    zeroed[10] = zeroed[11] = 0;
    expect((bytes[10] << 8) | bytes[11]).toBe(referenceChecksum(zeroed));
  });

  it('checksums TCP over the pseudo-header, header and payload (odd length too)', () => {
    const payload = Uint8Array.from({ length: 101 }, (_, i) => i * 7);
    const seg = { srcPort: 49152, dstPort: 443, seq: 101, ack: 301, flags: { syn: false, ack: true, fin: false, psh: true, rst: false }, window: 502, payloadLength: 101 };
    const { bytes } = encodeTcp(seg, 502, { tsVal: 1, tsEcr: 2 }, '192.0.2.10', '203.0.113.5', payload);
    expect(bytes.length).toBe(32);
    const pseudo = fromHex(`c000020acb007105000600${(32 + 101).toString(16).padStart(2, '0')}`);
    const all = new Uint8Array(pseudo.length + bytes.length + payload.length);
    all.set(pseudo);
    all.set(bytes, pseudo.length);
    all.set(payload, pseudo.length + bytes.length);
    expect(referenceChecksum(all)).toBe(0);
  });

  it('lays out the SYN options as Linux does: MSS, SACK-permitted, timestamps, NOP, window scale', () => {
    const seg = { srcPort: 49152, dstPort: 443, seq: 100, ack: 0, flags: { syn: true, ack: false, fin: false, psh: false, rst: false }, window: 64240, payloadLength: 0 };
    const { bytes } = encodeTcp(seg, 64240, { mss: 1460, windowScale: 7, tsVal: 5, tsEcr: 0 }, '192.0.2.10', '203.0.113.5', new Uint8Array());
    expect(bytes.length).toBe(40);
    expect(bytes[12] >> 4).toBe(10);
    expect(bytes[13]).toBe(0x02);
    expect(Array.from(bytes.slice(20))).toEqual([2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 5, 0, 0, 0, 0, 1, 3, 3, 7]);
  });
});
