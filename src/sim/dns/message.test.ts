import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex';
import type { Field } from '../types';
import { encodeDnsQuery, encodeDnsResponse, parseDnsMessage } from './message';

const query = { id: 0x1a2b, name: 'example.com', type: 'A' as const };
const response = { id: 0x1a2b, name: 'example.com', address: '203.0.113.5', ttlS: 300 };

// RFC 1035 §4.1 laid out by hand: header, then QNAME as length-prefixed labels, QTYPE, QCLASS.
const QUERY_HEX = '1a2b 0100 0001 0000 0000 0000 07 6578616d706c65 03 636f6d 00 0001 0001';
const RESPONSE_HEX = `1a2b 8180 0001 0001 0000 0000 07 6578616d706c65 03 636f6d 00 0001 0001
  c00c 0001 0001 0000012c 0004 cb007105`;

function leaves(fields: Field[]): Field[] {
  return fields.flatMap((f) => (f.children?.length ? leaves(f.children) : [f]));
}

/** Every byte belongs to exactly one leaf field, in order, and every leaf says what it is for. */
function expectTiled(fields: Field[], length: number): void {
  let at = 0;
  for (const f of leaves(fields)) {
    expect(f.offset, f.name).toBe(at);
    at += f.length!;
  }
  expect(at).toBe(length);
  const top = fields.reduce((n, f) => n + f.length!, 0);
  expect(top).toBe(length);
}

describe('DNS query', () => {
  it('writes the bytes of RFC 1035 §4.1 with RD set', () => {
    const { bytes, layer } = encodeDnsQuery(query);
    expect(toHex(bytes)).toBe(toHex(fromHex(QUERY_HEX)));
    expect(layer.name).toBe('DNS');
    expect(layer.summary).toBe('Standard query 0x1a2b A example.com');
  });

  it('has a field map that covers every byte, with a note on every field a learner reads', () => {
    const { bytes, layer } = encodeDnsQuery(query);
    expectTiled(layer.fields, bytes.length);
    expect(layer.fields.map((f) => f.name)).toEqual(['transaction ID', 'flags', 'questions', 'answer RRs', 'authority RRs', 'additional RRs', 'queries']);
    for (const f of leaves(layer.fields).filter((f) => f.name !== 'label')) expect(f.note, f.name).toBeTruthy();
    expect(layer.fields[1].value).toBe('0x0100 Standard query');
    const name = layer.fields[6].children![0].children![0];
    expect(name.value).toBe('example.com');
    expect(name.children!.map((f) => f.value)).toEqual(['7', 'example', '3', 'com', '0 (root)']);
  });

  it('accepts a trailing dot and the root name', () => {
    expect(encodeDnsQuery({ ...query, name: 'example.com.' }).bytes).toEqual(encodeDnsQuery(query).bytes);
    const root = encodeDnsQuery({ ...query, name: '' });
    expect(toHex(root.bytes.subarray(12))).toBe('0000010001');
    expect(root.layer.summary).toBe('Standard query 0x1a2b A <Root>');
  });

  it('refuses names DNS cannot carry', () => {
    expect(() => encodeDnsQuery({ ...query, name: 'a..com' })).toThrow(/empty label/);
    expect(() => encodeDnsQuery({ ...query, name: `${'a'.repeat(64)}.com` })).toThrow(/longer than 63/);
    expect(() => encodeDnsQuery({ ...query, name: Array(64).fill('abc').join('.') })).toThrow(/more than 255/);
    expect(() => encodeDnsQuery({ ...query, name: 'bü.de' })).toThrow(/printable ASCII/);
    expect(() => encodeDnsQuery({ ...query, id: 0x10000 })).toThrow(/16-bit/);
  });
});

describe('DNS response', () => {
  it('repeats the question and answers with a pointer to it (0xc00c)', () => {
    const { bytes, layer } = encodeDnsResponse(response);
    expect(toHex(bytes)).toBe(toHex(fromHex(RESPONSE_HEX)));
    expect(layer.summary).toBe('Standard query response 0x1a2b A example.com A 203.0.113.5');
    expect(layer.fields[1].value).toBe('0x8180 Standard query response, No error');
    expectTiled(layer.fields, bytes.length);
    const answer = layer.fields.find((f) => f.name === 'answers')!.children![0];
    const pointer = answer.children![0];
    expect([pointer.offset, pointer.length, pointer.value]).toEqual([29, 2, 'example.com (pointer 0xc00c)']);
    expect(pointer.note).toMatch(/compression/);
    expect(answer.children!.map((f) => f.name)).toEqual(['name', 'type', 'class', 'TTL', 'data length', 'address']);
  });

  it('refuses an address or TTL that does not fit', () => {
    expect(() => encodeDnsResponse({ ...response, address: '203.0.113' })).toThrow(/not an IPv4 address/);
    expect(() => encodeDnsResponse({ ...response, address: '203.0.113.256' })).toThrow(/not an IPv4 address/);
    expect(() => encodeDnsResponse({ ...response, ttlS: -1 })).toThrow(/TTL/);
  });
});

describe('parseDnsMessage', () => {
  it('reads back what the encoders write', () => {
    expect(parseDnsMessage(encodeDnsQuery(query).bytes)).toEqual({
      id: 0x1a2b,
      response: false,
      rcode: 0,
      questions: [{ name: 'example.com', type: 'A' }],
      answers: [],
    });
    expect(parseDnsMessage(encodeDnsResponse(response).bytes)).toEqual({
      id: 0x1a2b,
      response: true,
      rcode: 0,
      questions: [{ name: 'example.com', type: 'A' }],
      answers: [{ name: 'example.com', type: 'A', ttlS: 300, address: '203.0.113.5' }],
    });
    for (const name of ['a', 'www.example.org', `${'x'.repeat(63)}.test`, '']) {
      expect(parseDnsMessage(encodeDnsResponse({ ...response, name, id: 7 }).bytes).answers[0].name).toBe(name);
    }
  });

  it('follows a chain of pointers, skips CNAME data, authority and an EDNS OPT record, and reads NXDOMAIN', () => {
    // A server's reply: www.example.com CNAME example.com (a suffix pointer), then A, named by a pointer
    // to that pointer (byte 45 → byte 16); an NS in authority and an EDNS OPT in additional.
    const hex = `beef 8183 0001 0002 0001 0001
      03 777777 07 6578616d706c65 03 636f6d 00 0001 0001
      c00c 0005 0001 00000e10 0002 c010
      c02d 0001 0001 80000000 0004 c0000201
      c010 0002 0001 00000e10 0005 026e73 c010
      00 0029 04d0 00000000 0000`;
    const msg = parseDnsMessage(fromHex(hex));
    expect(msg).toEqual({
      id: 0xbeef,
      response: true,
      rcode: 3,
      questions: [{ name: 'www.example.com', type: 'A' }],
      answers: [
        { name: 'www.example.com', type: 'CNAME', ttlS: 3600 },
        // RFC 2181 §8: a TTL with the top bit set counts as 0.
        { name: 'example.com', type: 'A', ttlS: 0, address: '192.0.2.1' },
      ],
    });
  });

  it('names record types it does not know as RFC 3597 does', () => {
    const bytes = encodeDnsQuery(query).bytes.slice();
    bytes[bytes.length - 3] = 99;
    expect(parseDnsMessage(bytes).questions[0].type).toBe('TYPE99');
  });

  it('throws on every truncation of a valid response', () => {
    const bytes = encodeDnsResponse(response).bytes;
    for (let n = 0; n < bytes.length; n++) expect(() => parseDnsMessage(bytes.subarray(0, n)), `${n} bytes`).toThrow(/^DNS: /);
  });

  it('says what is wrong with malformed messages', () => {
    const header = (counts: string) => `0001 8180 ${counts}`;
    const cases: [string, RegExp][] = [
      ['1a2b 0100 0001', /shorter than the 12-byte header/],
      [`${header('0001 0000 0000 0000')} 07 6578616d`, /label at byte 12 runs past the end/],
      [`${header('0001 0000 0000 0000')} 01 61 00 0001`, /question 1 class needs 2 bytes/],
      [`${header('0001 0000 0000 0000')} c00c 0001 0001`, /points forward/],
      [`${header('0001 0000 0000 0000')} c002 0001 0001`, /points into the header/],
      [`${header('0001 0000 0000 0000')} 41 61 00 0001 0001`, /unknown label type 0x41/],
      [`${header('0001 0000 0000 0000')} 01 61 c0`, /pointer at byte 14 is cut off/],
      [`${header('0001 0001 0000 0000')} 01 61 00 0001 0001 c00c 0001 0001 0000012c 0003 cb0071`, /A record with 3 data bytes/],
      [`${header('0001 0001 0000 0000')} 01 61 00 0001 0001 c00c 0001 0001 0000012c 0004 cb00`, /answer record 1 data needs 4 bytes/],
      [`${header('0001 0000 0000 0000')} 01 61 00 0001 0001 00`, /1 unexpected bytes after the last record/],
      [`${header('0001 0000 0000 0000')} ${'3f'.concat('61'.repeat(63)).repeat(4)} 00 0001 0001`, /longer than 255 bytes/],
    ];
    for (const [hex, error] of cases) expect(() => parseDnsMessage(fromHex(hex)), hex).toThrow(error);
  });

  it('cannot be sent round a pointer loop', () => {
    // Two names pointing at each other: each pointer must go backwards, so the second is refused.
    const hex = `0001 8180 0002 0000 0000 0000 01 61 c012 0001 0001 01 62 c00c 0001 0001`;
    expect(() => parseDnsMessage(fromHex(hex))).toThrow(/points forward/);
  });
});
