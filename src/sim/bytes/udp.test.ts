import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './hex';
import { encodeIpv4, PROTOCOL_TCP, PROTOCOL_UDP } from './ipv4';
import { encodeUdp } from './udp';

/** One's-complement sum of 16-bit words, written independently of checksum.ts: 32-bit sum, folded at the end. */
function onesComplementSum(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) sum += (bytes[i] << 8) | (i + 1 < bytes.length ? bytes[i + 1] : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/** RFC 768's pseudo-header, spelled out as hex: source, destination, zero, protocol 17, UDP length. */
function pseudoHeader(srcHex: string, dstHex: string, udpLength: number): Uint8Array {
  return fromHex(`${srcHex}${dstHex}0011${udpLength.toString(16).padStart(4, '0')}`);
}

const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

describe('IPv4 carrying UDP', () => {
  it('writes the textbook header 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7', () => {
    const { bytes, layer } = encodeIpv4({ src: '192.168.0.1', dst: '192.168.0.199', id: 0, ttl: 64, payloadLength: 0x73 - 20, protocol: PROTOCOL_UDP });
    expect(toHex(bytes)).toBe('45000073000040004011b861c0a80001c0a800c7');
    expect(layer.fields.find((f) => f.name === 'protocol')!.value).toBe('17 (UDP)');
    expect(layer.fields.find((f) => f.name === 'total length')!.note).toContain('UDP header');
  });

  it('still defaults to TCP, byte for byte', () => {
    const h = { src: '192.0.2.10', dst: '203.0.113.5', id: 0x1234, ttl: 64, payloadLength: 40 };
    const implicit = encodeIpv4(h);
    expect(implicit.bytes).toEqual(encodeIpv4({ ...h, protocol: PROTOCOL_TCP }).bytes);
    expect(implicit.bytes[9]).toBe(6);
    expect(implicit.layer.fields.find((f) => f.name === 'protocol')!.value).toBe('6 (TCP)');
  });

  it('refuses a protocol it cannot name', () => {
    expect(() => encodeIpv4({ src: '192.0.2.10', dst: '203.0.113.5', id: 1, ttl: 64, payloadLength: 0, protocol: 1 })).toThrow(/unsupported protocol 1/);
  });
});

describe('UDP', () => {
  const src = '192.0.2.10';
  const dst = '192.0.2.53';

  it('writes ports, length and a checksum that verifies over pseudo-header, header and payload (odd length)', () => {
    const payload = Uint8Array.from({ length: 29 }, (_, i) => (i * 37 + 11) & 0xff);
    const { bytes, layer } = encodeUdp({ srcPort: 49152, dstPort: 53 }, src, dst, payload);
    expect(bytes.length).toBe(8);
    expect(toHex(bytes.subarray(0, 6))).toBe('c0000035' + '0025');
    // A receiver sums everything including the checksum field: all ones means intact.
    expect(onesComplementSum(join(pseudoHeader('c000020a', 'c0000235', 37), bytes, payload))).toBe(0xffff);
    expect(layer.name).toBe('UDP');
    expect(layer.summary).toBe('49152 → 53 len=29');
    expect(layer.fields.map((f) => [f.name, f.offset, f.length])).toEqual([
      ['source port', 0, 2],
      ['destination port', 2, 2],
      ['length', 4, 2],
      ['checksum', 6, 2],
    ]);
    expect(layer.fields[3].value).toBe(`0x${toHex(bytes.subarray(6, 8))} (correct)`);
  });

  it('sends a computed checksum of 0 as 0xffff (RFC 768: 0 means "none")', () => {
    // Choose the payload's only word so that the one's-complement sum comes out all ones.
    const pseudo = pseudoHeader('c000020a', 'c0000235', 10);
    const withoutPayload = onesComplementSum(join(pseudo, fromHex('c0000035000a0000')));
    const word = 0xffff - withoutPayload;
    const payload = Uint8Array.of(word >> 8, word & 0xff);
    const { bytes } = encodeUdp({ srcPort: 49152, dstPort: 53 }, src, dst, payload);
    expect(toHex(bytes)).toBe('c0000035000affff');
    expect(onesComplementSum(join(pseudo, bytes, payload))).toBe(0xffff);
  });

  it('explains each field as the inspector shows it: who the port is for, what the length counts (RFC 768)', () => {
    const notes = (dstPort: number, srcPort: number) =>
      encodeUdp({ srcPort, dstPort }, src, dst, new Uint8Array(29)).layer.fields.map((f) => [f.name, f.value.replace(/^0x[0-9a-f]{4}/, 'sum'), f.note]);
    expect(notes(53, 49152)).toEqual([
      ['source port', '49152', 'the sender’s port: a reply is addressed to it'],
      ['destination port', '53', 'port 53: where DNS servers listen'],
      ['length', '37 bytes', 'UDP header (8 bytes) + payload'],
      ['checksum', 'sum (correct)', 'covers a pseudo-header (addresses, protocol, length), the header and the payload'],
    ]);
    // The reply goes to the client's ephemeral port: no DNS server listens there.
    expect(notes(49152, 53)[1]).toEqual(['destination port', '49152', 'the receiver’s port: it picks the socket that gets the data']);
  });

  it('takes a payload up to 65,527 bytes (length 65,535) and names the overflow past it', () => {
    expect(toHex(encodeUdp({ srcPort: 1, dstPort: 2 }, src, dst, new Uint8Array(65_527)).bytes.subarray(4, 6))).toBe('ffff');
    expect(() => encodeUdp({ srcPort: 1, dstPort: 2 }, src, dst, new Uint8Array(65_528))).toThrow('UDP: length 65536 exceeds 65535');
  });
});
