import { describe, expect, it } from 'vitest';
import type { Field } from '../types';
import { toHex } from './hex';
import { encodeIpv4 } from './ipv4';
import { encodeTcp, parseSynOptions, tcpOptionsLength } from './tcp';

/** [name, shown value, offset, length, explained?] of each field, children indented by their parent's name. */
const rows = (fields: Field[], parent = ''): [string, string, number, number, boolean][] =>
  fields.flatMap((f) => [[`${parent}${f.name}`, f.value, f.offset!, f.length!, !!f.note] as [string, string, number, number, boolean], ...rows(f.children ?? [], `${parent}${f.name}/`)]);

const noFlags = { syn: false, ack: false, fin: false, psh: false, rst: false };

describe('the inspector’s field map of the headers: every byte named once, where RFC 791 / 9293 put it', () => {
  it('IPv4', () => {
    const { layer } = encodeIpv4({ src: '192.0.2.10', dst: '203.0.113.5', id: 0x1234, ttl: 64, payloadLength: 40 });
    expect(layer.summary).toBe('192.0.2.10 → 203.0.113.5');
    expect(layer.name).toBe('IPv4');
    // The hot path (a 100,000-packet trace) writes the same bytes without a field map.
    const fast = encodeIpv4({ src: '192.0.2.10', dst: '203.0.113.5', id: 0x1234, ttl: 64, payloadLength: 40 }, false);
    expect([toHex(fast.bytes), fast.layer.fields]).toEqual(['4500003c1234400040062a78c000020acb007105', []]);
    expect(rows(layer.fields)).toEqual([
      ['version, header length', '4, 20 bytes (IHL 5)', 0, 1, false],
      ['DSCP, ECN', '0 (best effort)', 1, 1, false],
      ['total length', '60 bytes', 2, 2, true],
      ['identification', '0x1234', 4, 2, false],
      ['flags, fragment offset', "DF (don't fragment), offset 0", 6, 2, true],
      ['TTL', '64', 8, 1, true],
      ['protocol', '6 (TCP)', 9, 1, false],
      ['header checksum', '0x2a78 (correct)', 10, 2, true],
      ['source', '192.0.2.10', 12, 4, false],
      ['destination', '203.0.113.5', 16, 4, false],
    ]);
    const udp = encodeIpv4({ src: '192.0.2.10', dst: '203.0.113.5', id: 1, ttl: 1, payloadLength: 8, protocol: 17 }).layer.fields;
    expect(udp.find((f) => f.name === 'protocol')).toMatchObject({ value: '17 (UDP)', note: expect.stringContaining('UDP code') });
    expect(udp.find((f) => f.name === 'total length')?.note).toBe('IP header + UDP header + payload');
  });

  it('IPv4 refuses what it cannot write, naming it', () => {
    expect(() => encodeIpv4({ src: '192.0.2.1', dst: '192.0.2.2', id: 0, ttl: 64, payloadLength: 0, protocol: 1 })).toThrow('IPv4: unsupported protocol 1');
    expect(() => encodeIpv4({ src: '192.0.2.1', dst: '192.0.2.2', id: 0, ttl: 64, payloadLength: 65_516 })).toThrow('IPv4: total length 65536 exceeds 65535');
    expect(encodeIpv4({ src: '192.0.2.1', dst: '192.0.2.2', id: 0, ttl: 64, payloadLength: 65_515 }).bytes.subarray(2, 4)).toEqual(Uint8Array.of(0xff, 0xff));
  });

  it('a TCP data segment with timestamps and two SACK blocks (RFC 2018 §3: kind 5, length 2 + 8n)', () => {
    const seg = { srcPort: 443, dstPort: 49152, seq: 301, ack: 101, flags: { ...noFlags, ack: true, psh: true }, window: 502, payloadLength: 5, sack: [[1000, 2000], [3000, 4000]] as [number, number][] };
    const { bytes, layer } = encodeTcp(seg, 502, { windowScale: 7, tsVal: 5, tsEcr: 3 }, '203.0.113.5', '192.0.2.10', new Uint8Array(5));
    expect(toHex(bytes.subarray(20))).toBe('0101080a000000050000000301010512000003e8000007d000000bb800000fa0');
    expect(bytes[12]).toBe(13 << 4);
    expect(layer.summary).toBe('443 → 49152 [PSH, ACK] seq=301 ack=101 len=5');
    expect(rows(layer.fields).slice(0, 9)).toEqual([
      ['source port', '443', 0, 2, false],
      ['destination port', '49152', 2, 2, false],
      ['sequence number', '301', 4, 4, true],
      ['acknowledgment number', '101', 8, 4, true],
      ['header length', '52 bytes (data offset 13)', 12, 1, false],
      ['flags', 'PSH, ACK (0x18)', 13, 1, false],
      ['window', '502 (×128 = 64256 bytes)', 14, 2, true],
      ['checksum', '0x361d (correct)', 16, 2, true],
      ['urgent pointer', '0', 18, 2, false],
    ]);
    expect(rows(layer.fields).slice(9).map(([n, v, o, l, e]) => `${n}=${v}@${o}+${l}${e ? '*' : ''}`)).toEqual([
      'options=32 bytes@20+32', 'options/NOP=padding@20+1', 'options/NOP=padding@21+1',
      'options/timestamps=TSval=5 TSecr=3@22+10*', 'options/timestamps/kind=8@22+1', 'options/timestamps/length=10@23+1', 'options/timestamps/TSval=5@24+4', 'options/timestamps/TSecr=3@28+4',
      'options/NOP=padding@32+1', 'options/NOP=padding@33+1',
      'options/SACK=1000–2000, 3000–4000@34+18*', 'options/SACK/kind=5@34+1', 'options/SACK/length=18@35+1',
      'options/SACK/left edge=1000@36+4', 'options/SACK/right edge=2000@40+4', 'options/SACK/left edge=3000@44+4', 'options/SACK/right edge=4000@48+4',
    ]);
    expect(tcpOptionsLength(false, 2)).toBe(32);
    expect(tcpOptionsLength(false)).toBe(12);
  });

  it('a SYN: the ACK number is not valid, the window never scaled; MSS, SACK-permitted, timestamps, NOP, window scale', () => {
    const seg = { srcPort: 49152, dstPort: 443, seq: 100, ack: 999, flags: { ...noFlags, syn: true }, window: 64240, payloadLength: 0, sack: [[1, 2]] as [number, number][] };
    const { bytes, layer } = encodeTcp(seg, 64240, { mss: 1460, windowScale: 7, tsVal: 5, tsEcr: 0 }, '192.0.2.10', '203.0.113.5', new Uint8Array());
    expect(toHex(bytes.subarray(8, 12))).toBe('00000000');
    expect(layer.summary).toBe('49152 → 443 [SYN] seq=100 len=0');
    expect(rows(layer.fields).filter(([n]) => ['acknowledgment number', 'window', 'flags', 'options/MSS', 'options/SACK permitted', 'options/window scale'].includes(n))).toEqual([
      ['acknowledgment number', '0', 8, 4, true],
      ['flags', 'SYN (0x02)', 13, 1, false],
      ['window', '64240', 14, 2, true],
      ['options/MSS', '1460', 20, 4, true],
      ['options/SACK permitted', 'yes', 24, 2, true],
      ['options/window scale', '7 (×128)', 37, 3, true],
    ]);
    const notes = (f: Field[]) => Object.fromEntries(f.map((x) => [x.name, x.note]));
    const synNotes = notes(layer.fields);
    const data = encodeTcp({ ...seg, flags: { ...noFlags, ack: true }, sack: undefined }, 5, { tsVal: 1, tsEcr: 2 }, '192.0.2.10', '203.0.113.5', new Uint8Array()).layer;
    const dataNotes = notes(data.fields);
    // The SYN's explanations are its own (RFC 9293 §3.4: the ISN; RFC 7323 §2.2: a SYN's window is never scaled).
    for (const name of ['sequence number', 'acknowledgment number', 'window']) expect(synNotes[name]).not.toBe(dataNotes[name]);
    expect(data.fields.find((f) => f.name === 'window')?.value).toBe('5 (×1 = 5 bytes)');
    const noSack = encodeTcp(seg, 64240, { mss: 1460, windowScale: 0, tsVal: 5, tsEcr: 0, sackPermitted: false }, '192.0.2.10', '203.0.113.5', new Uint8Array());
    expect(toHex(noSack.bytes.subarray(20))).toBe('020405b40101080a00000005000000000103030' + '0');
  });
});

describe('parseSynOptions (RFC 9293 §3.1, §3.7.1; RFC 7323 §2.3)', () => {
  const header = (...options: number[]) => {
    const padded = [...options, ...new Array((4 - (options.length % 4)) % 4).fill(0)];
    const h = new Uint8Array(20 + padded.length);
    h[12] = ((20 + padded.length) / 4) << 4;
    h.set(padded, 20);
    return h;
  };
  it('reads MSS, window scale and SACK-permitted across NOPs', () => {
    expect(parseSynOptions(header(2, 4, 0x05, 0xb4, 1, 1, 4, 2, 1, 3, 3, 7))).toEqual({ mss: 1460, windowScale: 7, sackPermitted: true });
  });
  it('without options the MSS is 536; a shift above 14 is taken as 14; End of Option List stops the walk', () => {
    expect(parseSynOptions(header())).toEqual({ mss: 536, windowScale: 0, sackPermitted: false });
    expect(parseSynOptions(header(3, 3, 15)).windowScale).toBe(14);
    expect(parseSynOptions(header(3, 3, 14)).windowScale).toBe(14);
    expect(parseSynOptions(header(0, 4, 2, 2, 4, 0xff, 0xff))).toEqual({ mss: 536, windowScale: 0, sackPermitted: false });
  });
  it('ignores unknown kinds by their length, refuses a length that runs out of the header', () => {
    expect(parseSynOptions(header(8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 2, 4, 1, 0)).mss).toBe(256);
    expect(() => parseSynOptions(header(2, 8, 5, 0xb4))).toThrow('TCP: option 2 at byte 20 has a bad length 8');
    expect(() => parseSynOptions(header(1, 2, 1))).toThrow('TCP: option 2 at byte 21 has a bad length 1');
    expect(parseSynOptions(header(2, 4, 1, 0)).mss).toBe(256);
  });
});

describe('the SYN’s options as the inspector shows them: every option byte under its option (RFC 9293 §3.2, RFC 2018 §2, RFC 7323 §2.2, §3.2)', () => {
  const syn = { srcPort: 49152, dstPort: 443, seq: 100, ack: 0, flags: { ...noFlags, syn: true }, window: 64240, payloadLength: 0 };
  const full = (f: Field[], parent = ''): string[] =>
    f.flatMap((x) => [`${parent}${x.name}=${x.value}@${x.offset}+${x.length}${x.note ? ` (${x.note})` : ''}`, ...full(x.children ?? [], `${parent}${x.name}/`)]);

  it('Linux’s SYN layout: MSS, SACK permitted, timestamps, NOP, window scale; each option’s kind and length bytes named', () => {
    const { bytes, layer } = encodeTcp(syn, 64240, { mss: 1460, windowScale: 7, tsVal: 5, tsEcr: 0 }, '192.0.2.10', '203.0.113.5', new Uint8Array());
    // kind 2 len 4 05b4 | kind 4 len 2 | kind 8 len 10 TSval TSecr | NOP | kind 3 len 3 shift 7
    expect(toHex(bytes.subarray(20))).toBe('020405b4' + '0402' + '080a0000000500000000' + '01' + '030307');
    expect(layer.name).toBe('TCP');
    expect(full(layer.fields)).toEqual([
      'source port=49152@0+2',
      'destination port=443@2+2',
      'sequence number=100@4+4 (the initial sequence number (ISN); the SYN itself uses one number)',
      'acknowledgment number=0@8+4 (not valid: ACK flag is clear)',
      'header length=40 bytes (data offset 10)@12+1',
      'flags=SYN (0x02)@13+1',
      'window=64240@14+2 (receive buffer offered; never scaled on a SYN)',
      `checksum=0x${toHex(bytes.subarray(16, 18))} (correct)@16+2 (covers a pseudo-header (addresses, protocol, length), the header and the payload)`,
      'urgent pointer=0@18+2',
      'options=20 bytes@20+20',
      'options/MSS=1460@20+4 (largest segment this side accepts)',
      'options/MSS/kind=2@20+1', 'options/MSS/length=4@21+1', 'options/MSS/value=1460@22+2',
      'options/SACK permitted=yes@24+2 (selective acknowledgments may be used (RFC 2018))',
      'options/SACK permitted/kind=4@24+1', 'options/SACK permitted/length=2@25+1',
      'options/timestamps=TSval=5 TSecr=0@26+10 (RTT measurement and PAWS (RFC 7323))',
      'options/timestamps/kind=8@26+1', 'options/timestamps/length=10@27+1', 'options/timestamps/TSval=5@28+4', 'options/timestamps/TSecr=0@32+4',
      'options/NOP=padding@36+1',
      'options/window scale=7 (×128)@37+3 (RFC 7323)',
      'options/window scale/kind=3@37+1', 'options/window scale/length=3@38+1', 'options/window scale/shift=7@39+1',
    ]);
  });

  it('without SACK permitted two NOPs keep the same 20 bytes', () => {
    const { bytes, layer } = encodeTcp(syn, 64240, { mss: 1460, windowScale: 7, tsVal: 5, tsEcr: 0, sackPermitted: false }, '192.0.2.10', '203.0.113.5', new Uint8Array());
    expect(toHex(bytes.subarray(20))).toBe('020405b4' + '0101' + '080a0000000500000000' + '01' + '030307');
    expect(full(layer.fields.find((f) => f.name === 'options')!.children!).slice(4, 6)).toEqual(['NOP=padding@24+1', 'NOP=padding@25+1']);
  });

  it('a SYN’s SACK blocks are ignored (RFC 2018 §3: SACK only on synchronized connections)', () => {
    const withSack = encodeTcp({ ...syn, sack: [[1, 2]] }, 64240, { mss: 1460, windowScale: 7, tsVal: 5, tsEcr: 0 }, '192.0.2.10', '203.0.113.5', new Uint8Array());
    expect(withSack.bytes.length).toBe(40);
  });

  it('the hot path writes the same bytes with no field map, for SYNs and data', () => {
    const data = { ...syn, seq: 101, ack: 301, flags: { ...noFlags, ack: true, psh: true }, payloadLength: 3, sack: [[500, 600]] as [number, number][] };
    for (const [seg, opts] of [[syn, { mss: 1460, windowScale: 7, tsVal: 5, tsEcr: 0 }], [data, { windowScale: 7, tsVal: 9, tsEcr: 5 }]] as const) {
      const slow = encodeTcp(seg, 502, opts, '192.0.2.10', '203.0.113.5', Uint8Array.of(1, 2, 3));
      const fast = encodeTcp(seg, 502, opts, '192.0.2.10', '203.0.113.5', Uint8Array.of(1, 2, 3), false);
      expect(toHex(fast.bytes)).toBe(toHex(slow.bytes));
      expect(fast.layer).toEqual({ ...slow.layer, fields: [] });
    }
  });
});

describe('parseSynOptions reads only what it finds', () => {
  const synWith = (options: number[], payload: number[] = []) => {
    const h = new Uint8Array(20 + options.length + payload.length);
    h[12] = ((20 + options.length) / 4) << 4;
    h.set(options, 20);
    h.set(payload, 20 + options.length);
    return h;
  };
  it('an MSS alone says nothing of window scaling or SACK (RFC 7323 §2.2: no option, no scaling)', () => {
    expect(parseSynOptions(synWith([2, 4, 0x05, 0xb4]))).toEqual({ mss: 1460, windowScale: 0, sackPermitted: false });
    expect(parseSynOptions(synWith([8, 10, 0, 0, 0, 9, 0, 0, 0, 0, 1, 1]))).toEqual({ mss: 536, windowScale: 0, sackPermitted: false });
  });
  it('stops at the data offset: a SYN carrying data (RFC 7413 Fast Open) has its payload read as payload', () => {
    // The payload starts with bytes that would be an MSS option with a bad length if read as options.
    expect(parseSynOptions(synWith([2, 4, 0x05, 0xb4], [2, 9, 0x01, 0x00]))).toEqual({ mss: 1460, windowScale: 0, sackPermitted: false });
  });
});
