import { describe, expect, it } from 'vitest';
import { fromHex } from '../sim/bytes/hex';
import type { Field } from '../sim/types';
import type { CapturedFrame } from './capture';
import { decodeFrame } from './decode';
import { transportLayers } from './packetLayers';
import type { SegmentAnalysis } from './tcpStreams';

// The inspector's fields of a captured packet: each names where its bytes are (offset from the IP
// header, length), as RFC 791 / RFC 8200 / RFC 9293 / RFC 768 lay the headers out. The packets are
// written out in hex; a field's value is checked against the bytes at its own offset.

const frame = (hex: string): CapturedFrame => {
  const data = fromHex(hex);
  return { number: 1, interfaceId: 0, linkType: 101, timeUs: 0, originalLength: data.length, data, comments: [], fileOffset: 0 };
};
// IPv4 with 4 bytes of options (IHL 6), TTL 0x3f, protocol 6, 192.0.2.1 → 198.51.100.7;
// TCP 443 → 51000, seq 0x01020304, ack 0x0a0b0c0d, data offset 11 words, flags 0x18 (PSH, ACK),
// window 0x0102, checksum 0xbeef, options MSS 1460, NOP, WS 7, SACK-permitted, NOP NOP, TS 5 6 … and 3 bytes of payload.
const TCP_V4 = '46000047' + '00010000' + '3f06abcd' + 'c0000201' + 'c6336407' + '01010000' +
  '01bbc738' + '01020304' + '0a0b0c0d' + 'b018' + '0102' + 'beef' + '0000' + '020405b4' + '01030307' + '04020101' + '080a0000000500000006' + '0101' + '414243';
const UDP_V6 = '6000000000 0c 11 40'.replace(/ /g, '') + '20010db8000000000000000000000001' + '00000000000000000000000000000001' + 'd4310035000c1234' + 'aabbccdd';

const value = (fields: Field[], name: string) => fields.find((f) => f.name === name)!;
const u = (b: Uint8Array, f: Field) => b.subarray(f.offset!, f.offset! + f.length!).reduce((n, x) => n * 256 + x, 0);

describe('packet layers for the inspector', () => {
  it('IPv4 + TCP: each field at its RFC offset, its value what those bytes say', () => {
    const d = decodeFrame(frame(TCP_V4));
    const [ip, tcp] = transportLayers(d, undefined);
    const b = d.ipBytes;
    expect(ip.name).toBe('IPv4');
    expect(ip.summary).toBe('192.0.2.1 → 198.51.100.7');
    expect(ip.fields.map((f) => [f.name, f.value, f.offset, f.length])).toEqual([
      ['version', '4', 0, 1], ['header length', '24 bytes', 0, 1], ['total length', '71', 2, 2], ['TTL', '63', 8, 1], ['protocol', '6', 9, 1], ['source', '192.0.2.1', 12, 4], ['destination', '198.51.100.7', 16, 4],
    ]);
    for (const name of ['total length', 'TTL', 'protocol']) expect(String(u(b, value(ip.fields, name)))).toBe(value(ip.fields, name).value);
    expect(tcp.name).toBe('TCP');
    expect(tcp.summary).toBe('443 → 51000 [ACK, PSH] len=3');
    expect(tcp.fields.map((f) => [f.name, f.value, f.offset, f.length])).toEqual([
      ['source port', '443', 24, 2], ['destination port', '51000', 26, 2], ['sequence number', String(0x01020304), 28, 4], ['acknowledgment number', String(0x0a0b0c0d), 32, 4],
      ['header length', '44 bytes', 36, 1], ['flags', 'ACK, PSH', 37, 1], ['window', '258', 38, 2], ['checksum', '0xbeef', 40, 2],
      ['options', 'MSS 1460, window scale 7, SACK permitted, TSval 5 TSecr 6', 44, 24], ['payload', '3 bytes', 68, 3],
    ]);
    for (const name of ['source port', 'destination port', 'sequence number', 'acknowledgment number', 'window']) expect(String(u(b, value(tcp.fields, name)))).toBe(value(tcp.fields, name).value);
    expect(b[37]).toBe(0x18);
  });

  it('relative numbers and the scaled window from the stream analysis; no ACK flag shows an acknowledgment of 0', () => {
    const d = decodeFrame(frame(TCP_V4));
    const s: SegmentAnalysis = { stream: 0, direction: 1, relSeq: 1, relAck: 78, nextRelSeq: 4, windowBytes: 258 * 128 };
    const tcp = transportLayers(d, s)[1];
    expect(value(tcp.fields, 'sequence number').value).toBe(`1 (relative; raw ${0x01020304})`);
    expect(value(tcp.fields, 'acknowledgment number').value).toBe(`78 (relative; raw ${0x0a0b0c0d})`);
    expect(value(tcp.fields, 'window').value).toBe('258 (scaled: 33024 bytes)');
    expect(tcp.summary).toBe('443 → 51000 [ACK, PSH] seq=1 ack=78 len=3');
    // an unscaled window is shown once
    expect(value(transportLayers(d, { ...s, windowBytes: 258 })[1].fields, 'window').value).toBe('258');
    // a SYN (no ACK): the acknowledgment field is 0 whatever the bytes hold, and the summary has no ack=
    const syn = TCP_V4.replace('b018', 'b002');
    const t2 = transportLayers(decodeFrame(frame(syn)), s)[1];
    expect(value(t2.fields, 'acknowledgment number').value).toBe('0');
    expect(t2.summary).toBe('443 → 51000 [SYN] seq=1 len=3');
    expect(value(transportLayers(decodeFrame(frame(syn)), undefined)[1].fields, 'acknowledgment number').value).toBe('0');
  });

  it('a header of 20 bytes has no options field; no payload, no payload field; SACK blocks are listed', () => {
    const bare = '45000028' + '00010000' + '4006abcd' + 'c0000201' + 'c6336407' + '01bbc738' + '00000001' + '00000002' + '50ff' + '0000' + '0000' + '0000';
    const t = transportLayers(decodeFrame(frame(bare)), undefined)[1];
    expect(t.fields.map((f) => f.name)).toEqual(['source port', 'destination port', 'sequence number', 'acknowledgment number', 'header length', 'flags', 'window', 'checksum']);
    expect(value(t.fields, 'flags').value).toBe('SYN, ACK, FIN, RST, PSH, URG, ECE, CWR');
    const sack = '45000034' + '00010000' + '4006abcd' + 'c0000201' + 'c6336407' + '01bbc738' + '00000001' + '00000002' + '8010' + '0000' + '0000' + '0000' + '0101050a0000000a00000014';
    expect(value(transportLayers(decodeFrame(frame(sack)), undefined)[1].fields, 'options')).toMatchObject({ value: 'SACK 10–20', offset: 40, length: 12 });
    // two SACK blocks (RFC 2018 §3) are both listed; a checksum below 0x1000 keeps its leading zeros
    const two = '4500003c' + '00010000' + '4006abcd' + 'c0000201' + 'c6336407' + '01bbc738' + '00000001' + '00000002' + 'a010' + '0000' + '00ab' + '0000' + '01010512' + '0000000a00000014' + '0000001e00000028';
    const t2 = transportLayers(decodeFrame(frame(two)), undefined)[1];
    expect(value(t2.fields, 'options').value).toBe('SACK 10–20, 30–40');
    expect(value(t2.fields, 'checksum').value).toBe('0x00ab');
  });

  it('IPv6 + UDP: version, payload length, next header, hop limit, 16-byte addresses; UDP at 40', () => {
    const d = decodeFrame(frame(UDP_V6));
    const [ip, udp] = transportLayers(d, undefined);
    expect(ip).toEqual({ name: 'IPv6', summary: '2001:db8::1 → ::1', fields: [
      { name: 'version', value: '6', offset: 0, length: 1 }, { name: 'payload length', value: '12', offset: 4, length: 2 }, { name: 'next header', value: '17', offset: 6, length: 1 },
      { name: 'hop limit', value: '64', offset: 7, length: 1 }, { name: 'source', value: '2001:db8::1', offset: 8, length: 16 }, { name: 'destination', value: '::1', offset: 24, length: 16 },
    ] });
    expect(udp).toEqual({ name: 'UDP', summary: '54321 → 53 len=4', fields: [
      { name: 'source port', value: '54321', offset: 40, length: 2 }, { name: 'destination port', value: '53', offset: 42, length: 2 }, { name: 'length', value: '12', offset: 44, length: 2 },
      { name: 'checksum', value: '0x1234', offset: 46, length: 2 }, { name: 'payload', value: '4 bytes', offset: 48, length: 4 },
    ] });
    // a UDP datagram with no payload has no payload field; its checksum keeps leading zeros
    const empty = transportLayers(decodeFrame(frame(UDP_V6.replace('0000000c', '00000008').replace('000c1234aabbccdd', '00080012'))), undefined)[1];
    expect(empty.fields.map((f) => f.name)).toEqual(['source port', 'destination port', 'length', 'checksum']);
    expect(value(empty.fields, 'checksum').value).toBe('0x0012');
  });

  it('a frame that is not IP is one Frame layer with its problem or link summary and its length', () => {
    const arp = decodeFrame({ ...frame('0806'), linkType: 276, data: fromHex(`0806${'00'.repeat(18)}${'11'.repeat(28)}`) });
    expect(transportLayers(arp, undefined)).toEqual([{ name: 'Frame', summary: 'Linux cooked v2, protocol 0x0806: not IP', fields: [{ name: 'bytes', value: '28', offset: 0, length: 28 }] }]);
    const nothing = { ...arp, problem: undefined };
    expect(transportLayers(nothing, undefined)[0].summary).toBe('Linux cooked v2, protocol 0x0806');
    // IP with neither TCP nor UDP: the IP layer alone
    const icmp = decodeFrame(frame('45000020000100004001abcdc0000201c633640708000000000000000000'.padEnd(64, '0')));
    expect(transportLayers(icmp, undefined).map((l) => l.name)).toEqual(['IPv4']);
  });
});
