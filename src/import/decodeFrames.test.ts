import { describe, expect, it } from 'vitest';
import { concat, fromHex } from '../sim/bytes/hex';
import type { CapturedFrame } from './capture';
import { decodeFrame } from './decode';

// IPv4 (RFC 791 §3.1), IPv6 (RFC 8200 §3, §4: Hop-by-Hop 0, Routing 43, Fragment 44, Destination
// Options 60), TCP (RFC 9293 §3.1; options: MSS RFC 9293 §3.2, window scale and timestamps RFC 7323,
// SACK RFC 2018) and UDP (RFC 768), written out byte by byte here. IPv6 addresses in text are
// checked against the WHATWG URL parser's serializer (RFC 5952: the longest run of two or more zero
// groups becomes "::", the first of equal runs), which is not our code.

const frame = (data: Uint8Array, linkType = 101): CapturedFrame => ({ number: 1, interfaceId: 0, linkType, timeUs: 0, originalLength: data.length, data, comments: [], fileOffset: 0 });
const decode = (hex: string | Uint8Array, linkType = 101) => decodeFrame(frame(typeof hex === 'string' ? fromHex(hex) : hex, linkType));

/** IPv4 header: 20 bytes (or more with options), protocol, total length; checksum left 0. */
function ipv4(protocol: number, payload: Uint8Array, { ihl = 5, total, flagsOffset = 0, ttl = 64 }: { ihl?: number; total?: number; flagsOffset?: number; ttl?: number } = {}) {
  const h = new Uint8Array(ihl * 4);
  const v = new DataView(h.buffer);
  h[0] = 0x40 | ihl;
  v.setUint16(2, total ?? h.length + payload.length);
  v.setUint16(6, flagsOffset);
  h[8] = ttl;
  h[9] = protocol;
  h.set([192, 0, 2, 1, 198, 51, 100, 7], 12);
  return concat(h, payload);
}
/** TCP header with the given options (padded by the caller to a multiple of 4) and flags byte. */
function tcp(options: number[], flags: number, payload = new Uint8Array()) {
  const h = new Uint8Array(20 + options.length);
  const v = new DataView(h.buffer);
  v.setUint16(0, 443);
  v.setUint16(2, 51000);
  v.setUint32(4, 0xfffffff0);
  v.setUint32(8, 0x80000001);
  h[12] = ((20 + options.length) / 4) << 4;
  h[13] = flags;
  v.setUint16(14, 65535);
  h.set(options, 20);
  return concat(h, payload);
}
const ipv6 = (next: number, payload: Uint8Array, src = '20010db8000000000000000000000001', dst = '00000000000000000000000000000001') =>
  concat(fromHex(`60000000${payload.length.toString(16).padStart(4, '0')}${next.toString(16).padStart(2, '0')}40${src}${dst}`), payload);

describe('IPv4', () => {
  it('reads addresses, protocol, TTL, lengths; a header with options is longer', () => {
    const d = decode(ipv4(6, tcp([], 0x02), { ihl: 6, ttl: 3 }));
    expect(d.ip).toEqual({ version: 4, src: '192.0.2.1', dst: '198.51.100.7', protocol: 6, headerLength: 24, totalLength: 44, ttl: 3, fragment: false });
    expect(d.tcp?.srcPort).toBe(443);
    expect(d.problem).toBeUndefined();
  });

  it('19 bytes are cut off, 20 are a header; the version nibble must say 4', () => {
    expect(decode(ipv4(6, new Uint8Array()).subarray(0, 19)).problem).toBe('IPv4 header cut off: 19 bytes captured, 20 needed');
    expect(decode(ipv4(99, new Uint8Array())).ip?.protocol).toBe(99);
    // raw IPv4 (228) says the frame is IPv4 whatever its first nibble says.
    expect(decode(concat(Uint8Array.of(0x65), new Uint8Array(19)), 228).problem).toBe('IPv4 header has version 6');
  });

  it('a header length field of 4 words (16 bytes) is below the minimum; 5 is the minimum', () => {
    const p = ipv4(6, tcp([], 0x02));
    p[0] = 0x44;
    expect(decode(p).problem).toBe('IPv4 header length field says 16 bytes, less than the minimum 20 (RFC 791)');
  });

  it('a total length below the header length is refused, equal is an empty packet', () => {
    expect(decode(ipv4(17, new Uint8Array(), { total: 19 })).problem).toBe('IPv4 total length 19 is shorter than its 20-byte header');
    expect(decode(ipv4(200, new Uint8Array(), { total: 20 })).problem).toBeUndefined();
    expect(decode(ipv4(200, new Uint8Array(), { ihl: 6, total: 23 })).problem).toBe('IPv4 total length 23 is shorter than its 24-byte header');
  });

  it('a header with options captured short of its length is named', () => {
    const p = ipv4(6, new Uint8Array(), { ihl: 15, total: 60 }).subarray(0, 59);
    expect(decode(p).problem).toBe('IPv4 header of 60 bytes cut off at 59');
    expect(decode(ipv4(200, new Uint8Array(), { ihl: 15, total: 60 })).ip?.headerLength).toBe(60);
  });

  it('fragments: an offset or the more-fragments bit; the don’t-fragment bit alone is not one', () => {
    for (const [flagsOffset, fragment] of [[0x4000, false], [0x2000, true], [0x0001, true], [0x1fff, true], [0x8000, false]] as const) {
      const d = decode(ipv4(6, tcp([], 0x10), { flagsOffset }));
      expect(d.ip?.fragment).toBe(fragment);
      expect(d.problem).toBe(fragment ? 'IP fragment (not reassembled)' : undefined);
      expect(d.tcp === undefined).toBe(fragment);
    }
  });

  it('Ethernet padding after the IP packet is cut away by the total length', () => {
    const p = ipv4(17, fromHex('d4310035000800aa'));
    const padded = concat(new Uint8Array(12), Uint8Array.of(8, 0), p, new Uint8Array(60 - 14 - p.length));
    const d = decode(padded, 1);
    expect(d.ipBytes).toEqual(p);
    expect(d.linkSummary).toBe('Ethernet II, type 0x0800');
    // a frame shorter than its IP length keeps what was captured
    expect(decode(p.subarray(0, 27)).ipBytes).toHaveLength(27);
  });
});

describe('IPv6', () => {
  it('addresses as RFC 5952 writes them (checked against the URL parser), payload length, hop limit', () => {
    const cases = ['20010db8000000000000000000000001', '00000000000000000000000000000001', '00000000000000000000000000000000', '20010db8000100000000000100000001', '20010db8000000010000000000000001',
      'fe800000000000000000000000000000', '20010db8000000000000000100000000', '20010db800010002000300040005abcd', '00010000000100000000000000000000', '20010000000000010000000000000000'];
    for (const hex of cases) {
      const groups = hex.match(/.{4}/g)!.join(':');
      const reference = new URL(`http://[${groups}]/`).hostname.slice(1, -1);
      const d = decode(ipv6(59, new Uint8Array(3), hex, hex));
      expect(d.ip?.src, groups).toBe(reference);
      expect(d.ip?.dst, groups).toBe(reference);
    }
    const d = decode(ipv6(6, tcp([], 0x12)));
    expect(d.ip).toMatchObject({ version: 6, src: '2001:db8::1', dst: '::1', protocol: 6, headerLength: 40, totalLength: 60, ttl: 64, fragment: false });
  });

  it('39 bytes are cut off, 40 are a header', () => {
    expect(decode(ipv6(59, new Uint8Array()).subarray(0, 39)).problem).toBe('IPv6 header cut off: 39 bytes captured, 40 needed');
    expect(decode(ipv6(59, new Uint8Array())).problem).toBeUndefined();
  });

  it('Hop-by-Hop, Routing and Destination Options headers are walked by their length; the transport after them is read', () => {
    // Hop-by-Hop (0) of 8 bytes → Destination Options (60) of 16 bytes → Routing (43) of 8 → TCP
    const ext = concat(fromHex('3c00010400000000'), fromHex('2b01010c0000000000000000000000000'.slice(0, 32)), fromHex('0600000000000000'));
    const d = decode(ipv6(0, concat(ext, tcp([], 0x02))));
    expect(d.ip?.headerLength).toBe(40 + 8 + 16 + 8);
    expect(d.ip?.protocol).toBe(6);
    expect(d.tcp?.dstPort).toBe(51000);
    // the same with the Destination Options holding an unknown option (type 0x1e, 12 bytes of 0x11):
    // its second 8 bytes must be skipped by the header's length, not read as a next header
    const busy = concat(fromHex('3c00010400000000'), fromHex(`2b011e0c${'11'.repeat(12)}`), fromHex('0600000000000000'));
    const e = decode(ipv6(0, concat(busy, tcp([], 0x02)), undefined, `${'00'.repeat(15)}05`));
    expect([e.ip?.headerLength, e.ip?.protocol, e.tcp?.dstPort, e.problem]).toEqual([72, 6, 51000, undefined]);
  });

  it('a Hop-by-Hop Router Alert (RFC 2711, as MLD sends it) is no fragment: only a Fragment header says so', () => {
    // Hop-by-Hop: next 17, length 0, Router Alert (type 5, length 2, value 0), PadN of 0 bytes; then UDP
    const d = decode(ipv6(0, concat(fromHex('1100050200000100'), fromHex('d4310035000800aa'))));
    expect([d.ip?.fragment, d.ip?.headerLength, d.ip?.protocol, d.udp?.dstPort, d.problem]).toEqual([false, 48, 17, 53, undefined]);
  });

  it('a Fragment header (44) is 8 bytes; offset or M bit make a fragment, the reserved bits do not', () => {
    // the reserved byte after the next header is ignored on reception (RFC 8200 §4.5): 0xff is still 8 bytes
    for (const [field, fragment, reserved] of [['0000', false, '00'], ['0001', true, '00'], ['0008', true, '00'], ['0006', false, '00'], ['fff8', true, '00'], ['0000', false, 'ff']] as const) {
      const d = decode(ipv6(44, concat(fromHex(`11${reserved}${field}00000001`), fromHex('d4310035000800aa'))));
      expect(d.ip?.fragment, field).toBe(fragment);
      expect(d.ip?.headerLength).toBe(48);
      expect(d.ip?.protocol).toBe(17);
      if (!fragment) expect(d.udp?.dstPort).toBe(53);
    }
  });

  it('an extension header cut off names its number', () => {
    expect(decode(ipv6(0, fromHex('3c000104000000'))).problem).toBe('IPv6 extension header 0 cut off');
    expect(decode(ipv6(0, concat(fromHex('2c00000000000000'), fromHex('11000000000000')))).problem).toBe('IPv6 extension header 44 cut off');
    expect(decode(ipv6(0, concat(fromHex('3b00000000000000')))).problem).toBeUndefined();
  });
});

describe('TCP', () => {
  it('ports, sequence and acknowledgment numbers above 2^31, window, all eight flags', () => {
    for (let bit = 0; bit < 8; bit++) {
      const d = decode(ipv4(6, tcp([], 1 << bit)));
      const names = ['fin', 'syn', 'rst', 'psh', 'ack', 'urg', 'ece', 'cwr'];
      expect(Object.entries(d.tcp!.flags).filter(([, on]) => on).map(([k]) => k)).toEqual([names[bit]]);
    }
    const t = decode(ipv4(6, tcp([], 0xff), {})).tcp!;
    expect([t.srcPort, t.dstPort, t.seq, t.ack, t.window, t.headerLength]).toEqual([443, 51000, 0xfffffff0, 0x80000001, 65535, 20]);
    expect(Object.values(t.flags).every(Boolean)).toBe(true);
  });

  it('options: MSS, NOP, window scale, SACK permitted, timestamps, SACK blocks, end of list', () => {
    // MSS 1460 | NOP | WS 7 | SACK-permitted | TS 1 2 | NOP | SACK 2 blocks | EOL: 40 bytes, the most a header holds
    const opts = [2, 4, 0x05, 0xb4, 1, 3, 3, 7, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 2, 1, 5, 18, 0, 0, 0, 10, 0, 0, 0, 20, 0x80, 0, 0, 0, 0x80, 0, 0, 9, 0];
    const t = decode(ipv4(6, tcp(opts, 0x10, Uint8Array.of(1, 2, 3)))).tcp!;
    expect([t.mss, t.windowScale, t.sackPermitted, t.timestamp, t.sack]).toEqual([1460, 7, true, [1, 2], [[10, 20], [0x80000000, 0x80000009]]]);
    expect(t.headerLength).toBe(60);
    expect(t.payload).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('options of the wrong length are not read as that option; the list stops at a length below 2 or past the header', () => {
    // MSS with length 3, WS with length 4, TS with length 8: skipped by their length; then a real MSS.
    const wrong = [2, 3, 5, 3, 4, 7, 0, 8, 8, 0, 0, 0, 0, 0, 0, 2, 4, 1, 0, 0, 0, 0, 0];
    const t = decode(ipv4(6, tcp([...wrong, 0], 0x02))).tcp!;
    expect([t.mss, t.windowScale, t.timestamp]).toEqual([256, undefined, undefined]);
    // after a real MSS: an MSS of length 3, a WS of length 4 and an unknown option of length 10 (the
    // timestamps' length) change nothing
    const after = [2, 4, 1, 0, 2, 3, 5, 3, 4, 7, 0, 30, 10, 1, 2, 3, 4, 5, 6, 7, 8, 0];
    const t2 = decode(ipv4(6, tcp([...after, 0, 0], 0x02))).tcp!;
    expect([t2.mss, t2.windowScale, t2.timestamp]).toEqual([256, undefined, undefined]);
    // an option length of 1 ends the list: the MSS after it is not read
    expect(decode(ipv4(6, tcp([99, 1, 2, 4, 5, 0xb4, 0, 0], 0x02))).tcp?.mss).toBeUndefined();
    // an option that runs past the header ends the list; one that ends exactly at it is read
    expect(decode(ipv4(6, tcp([1, 1, 1, 1, 1, 2, 4, 5], 0x02, Uint8Array.of(0xb4)))).tcp?.mss).toBeUndefined();
    expect(decode(ipv4(6, tcp([1, 1, 1, 1, 2, 4, 5, 0xb4], 0x02))).tcp?.mss).toBe(1460);
    // end of option list (0) stops the walk; NOPs before it are skipped one byte each
    expect(decode(ipv4(6, tcp([1, 0, 2, 4, 5, 0xb4, 0, 0], 0x02))).tcp?.mss).toBeUndefined();
    // … whatever follows it (RFC 9293 §3.2: the end of the option list), even bytes that read as a length and an MSS
    expect(decode(ipv4(6, tcp([0, 2, 2, 4, 5, 0xb4, 0, 0], 0x02))).tcp?.mss).toBeUndefined();
    // a SACK option with a length that holds one and a half blocks keeps the whole block only
    expect(decode(ipv4(6, tcp([5, 14, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0], 0x10))).tcp?.sack).toEqual([[1, 2]]);
  });

  it('19 bytes are cut off; a data offset below 5 words is refused; a header longer than the capture is named', () => {
    expect(decode(ipv4(6, tcp([], 0x02).subarray(0, 19))).problem).toBe('TCP header cut off: 19 bytes, 20 needed');
    const low = tcp([], 0x02);
    low[12] = 0x40;
    expect(decode(ipv4(6, low)).problem).toBe('TCP data offset says 16 bytes, less than the minimum 20 (RFC 9293 §3.1)');
    const long = tcp([], 0x02);
    long[12] = 0x60;
    expect(decode(ipv4(6, long)).problem).toBe('TCP header of 24 bytes cut off at 20');
    expect(decode(ipv4(6, concat(long, Uint8Array.of(1, 1, 1, 1)))).tcp?.headerLength).toBe(24);
  });
});

describe('UDP and the rest', () => {
  it('ports and length; the payload ends at the UDP length or the capture, whichever is first', () => {
    const u = decode(ipv4(17, fromHex('d4310035000c0000aabbccdd'))).udp!;
    expect(u).toEqual({ srcPort: 54321, dstPort: 53, length: 12, payload: fromHex('aabbccdd') });
    expect(decode(ipv4(17, fromHex('d4310035000a0000aabbccdd'))).udp?.payload).toEqual(fromHex('aabb'));
    expect(decode(ipv4(17, fromHex('d431003500400000aabbccdd'))).udp?.payload).toEqual(fromHex('aabbccdd'));
    // a length below 8 (corrupt) gives an empty payload, not a negative one
    expect(decode(ipv4(17, fromHex('d431003500040000aabb'))).udp?.payload).toHaveLength(0);
    expect(decode(ipv4(17, fromHex('d4310035000800'))).problem).toBe('UDP header cut off: 7 bytes, 8 needed');
  });

  it('a frame that is not IP keeps its link summary and says so; a link error is the problem', () => {
    const arp = decode(concat(new Uint8Array(12), Uint8Array.of(8, 6), new Uint8Array(28)), 1);
    expect(arp.problem).toBe('Ethernet II, type 0x0806: not IP');
    expect(arp.linkSummary).toBe('Ethernet II, type 0x0806');
    expect(arp.ipBytes).toHaveLength(28);
    const short = decode(new Uint8Array(5), 1);
    expect(short).toMatchObject({ linkSummary: '', problem: 'frame of 5 bytes is shorter than its Ethernet header (14 bytes)' });
    expect(short.ipBytes).toHaveLength(5);
    // another transport (ICMP) is IP with neither TCP nor UDP, and no problem
    const icmp = decode(ipv4(1, new Uint8Array(8)));
    expect([icmp.problem, icmp.tcp, icmp.udp, icmp.ip?.protocol]).toEqual([undefined, undefined, undefined, 1]);
  });
});
