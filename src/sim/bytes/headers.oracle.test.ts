import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TcpSegmentInfo } from '../types';
import { internetChecksum } from './checksum';
import { fromHex, toHex } from './hex';
import { encodeIpv4 } from './ipv4';
import { encodeTcp } from './tcp';

/**
 * RFC 1071 §4.1's loop, written differently from ours on purpose: the end-around carry is
 * added back after every word (one's-complement addition), so no final fold is needed.
 */
function rfc1071(bytes: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    sum += (bytes[i] << 8) | (bytes[i + 1] ?? 0);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  return ~sum & 0xffff;
}

const flags = (f: Partial<TcpSegmentInfo['flags']>) => ({ syn: false, ack: false, fin: false, psh: false, rst: false, ...f });
const segment = (f: Partial<TcpSegmentInfo['flags']>, payloadLength = 0): TcpSegmentInfo => ({ srcPort: 49152, dstPort: 443, seq: 101, ack: 301, flags: flags(f), window: 502, payloadLength });

describe('Internet checksum against RFC 1071', () => {
  it('folds until the sum fits in 16 bits (ffff + ffff + 0001 needs a second fold)', () => {
    // ffff + ffff = 1fffe → fold → ffff; + 0001 = 10000 → fold → 0001; one's complement: fffe.
    // Summing first and folding once gives 0x1ffff → 0x10000, whose complement masks to ffff.
    expect(internetChecksum(fromHex('ffffffff0001'))).toBe(0xfffe);
    expect(rfc1071(fromHex('ffffffff0001'))).toBe(0xfffe);
  });

  it('RFC 1071 §3 example words 0001 f203 f4f5 f6f7 sum to ddf2 (checksum 220d)', () => {
    expect(internetChecksum(fromHex('0001f203f4f5f6f7'))).toBe(0x220d);
  });

  it('pads an odd byte on the right, and splitting the buffer anywhere changes nothing', { timeout: 60_000 }, () => {
    expect(internetChecksum(fromHex('01'))).toBe(0xfeff);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.nat(), (buf, cutAt) => {
        const cut = buf.length ? cutAt % (buf.length + 1) : 0;
        const whole = rfc1071(buf);
        expect(internetChecksum(buf)).toBe(whole);
        expect(internetChecksum(buf.subarray(0, cut), buf.subarray(cut))).toBe(whole);
      }),
      { numRuns: 500 },
    );
  });

  it('equals the reference on buffers of mostly 0xff (long carries, many folds)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0xff), fc.integer({ min: 0, max: 255 })), { maxLength: 70_000 }), (xs) => {
        const buf = Uint8Array.from(xs);
        expect(internetChecksum(buf)).toBe(rfc1071(buf));
      }),
      { numRuns: 50 },
    );
  });
});

describe('raw header bytes, laid out by hand from the RFCs', () => {
  it('IPv4 (RFC 791 §3.1): version/IHL, TOS, length, id, DF, TTL then protocol, checksum, addresses', () => {
    const { bytes } = encodeIpv4({ src: '192.0.2.10', dst: '203.0.113.5', id: 0x1234, ttl: 64, payloadLength: 40 });
    // 45 00 003c 1234 4000 | 40 = TTL 64 | 06 = TCP | 2a78 checksum | c000020a | cb007105
    expect(toHex(bytes)).toBe('4500003c1234400040062a78c000020acb007105');
    expect(bytes[8]).toBe(64);
    expect(bytes[9]).toBe(6);
    const udp = encodeIpv4({ src: '192.0.2.10', dst: '203.0.113.5', id: 1, ttl: 128, payloadLength: 8, protocol: 17 }).bytes;
    expect([udp[8], udp[9]]).toEqual([128, 17]);
  });

  it('TCP (RFC 9293 §3.1): ports, seq, ack, data offset, flags PSH|ACK = 0x18, window, checksum, NOP NOP timestamps', () => {
    const payload = Uint8Array.from([0, 1, 2, 3, 4]);
    const { bytes } = encodeTcp(segment({ ack: true, psh: true }, 5), 502, { tsVal: 1, tsEcr: 2 }, '192.0.2.10', '203.0.113.5', payload);
    // Checksum computed outside our code (Python, RFC 1071 over pseudo-header + header + payload).
    expect(toHex(bytes)).toBe('c00001bb000000650000012d801801f6ad5500000101080a0000000100000002');
  });

  it.each([
    ['FIN', { fin: true }, 0x01],
    ['SYN', { syn: true }, 0x02],
    ['RST', { rst: true }, 0x04],
    ['PSH', { psh: true }, 0x08],
    ['ACK', { ack: true }, 0x10],
    ['RST|ACK', { rst: true, ack: true }, 0x14],
    ['PSH|ACK', { psh: true, ack: true }, 0x18],
    ['FIN|ACK', { fin: true, ack: true }, 0x11],
    ['SYN|ACK', { syn: true, ack: true }, 0x12],
  ] as [string, Partial<TcpSegmentInfo['flags']>, number][])('flags byte 13 for %s is %i per RFC 9293 §3.1 (CWR ECE URG ACK PSH RST SYN FIN)', (_, f, byte) => {
    const opts = f.syn ? { mss: 1460, windowScale: 7, tsVal: 1, tsEcr: 0 } : { tsVal: 1, tsEcr: 2 };
    const { bytes } = encodeTcp(segment(f), 502, opts, '192.0.2.10', '203.0.113.5', new Uint8Array());
    expect(bytes[13]).toBe(byte);
  });
});
