import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes/hex';
import type { Field } from '../types';
import { encodeDnsQuery, encodeDnsResponse, parseDnsMessage } from './message';
import { readName } from './name';
import { displayName, typeName } from './records';

// RFC 1035 §4.1 counted out by hand: the inspector's rows for every byte of a query and a
// response, each error naming the field a cut-off message stops in, and the edges of the
// limits (§2.3.4: 63-byte labels, 255-byte names; RFC 2181 §8: 31-bit TTLs).

type Row = [name: string, value: string, offset: number, length: number, note?: string];
const rows = (fields: Field[], depth = 0): [number, ...Row][] =>
  fields.flatMap((f) => [[depth, f.name, f.value, f.offset!, f.length!, ...(f.note ? [f.note] : [])] as [number, ...Row], ...rows(f.children ?? [], depth + 1)]);

const header = (id: string, query: boolean): [number, ...Row][] => [
  [0, 'transaction ID', id, 0, 2, query ? 'a number the client picks; the answer must carry the same one' : 'copied from the query, so the client can match the answer to it'],
  [0, 'flags', query ? '0x0100 Standard query' : '0x8180 Standard query response, No error', 2, 2],
  [1, 'QR, opcode, AA, TC, RD', query ? '0x01' : '0x81', 2, 1, query ? 'QR=0: a query; opcode 0: standard query; RD=1: please do the whole lookup for me' : 'QR=1: a response; opcode 0: standard query; RD copied from the query'],
  [1, 'RA, Z, RCODE', query ? '0x00' : '0x80', 3, 1, query ? 'answer-only bits, all zero in a query' : 'RA=1: this server does recursion; RCODE 0: no error'],
  [0, 'questions', '1', 4, 2, 'how many questions follow the header'],
  [0, 'answer RRs', query ? '0' : '1', 6, 2, query ? 'a query carries no answers' : 'how many answer records follow the question'],
  [0, 'authority RRs', '0', 8, 2, 'no records naming the zone’s servers'],
  [0, 'additional RRs', '0', 10, 2, 'no extra records (no EDNS OPT record either)'],
];
const question: [number, ...Row][] = [
  [0, 'queries', '1 question', 12, 17],
  [1, 'question', 'example.com: type A, class IN', 12, 17],
  [2, 'name', 'example.com', 12, 13, 'no dots on the wire: each label is a length byte and its characters'],
  [3, 'label length', '7', 12, 1, 'how many characters the next label has'],
  [3, 'label', 'example', 13, 7],
  [3, 'label length', '3', 20, 1, 'how many characters the next label has'],
  [3, 'label', 'com', 21, 3],
  [3, 'end of name', '0 (root)', 24, 1, 'a zero-length label ends every name'],
  [2, 'type', 'A (1)', 25, 2, 'an IPv4 address is wanted'],
  [2, 'class', 'IN (1)', 27, 2, 'the Internet class, the only one in use'],
];

describe('the inspector’s rows, byte by byte', () => {
  it('a query: header, then the question', () => {
    const { layer } = encodeDnsQuery({ id: 0x1a2b, name: 'example.com', type: 'A' });
    expect(layer.name).toBe('DNS');
    expect(rows(layer.fields)).toEqual([...header('0x1a2b', true), ...question]);
  });

  it('a response: the question again, then the answer with its pointer, TTL and address', () => {
    const { layer } = encodeDnsResponse({ id: 0x1a2b, name: 'example.com', address: '203.0.113.5', ttlS: 300 });
    expect(layer.name).toBe('DNS');
    expect(rows(layer.fields)).toEqual([
      ...header('0x1a2b', false),
      ...question,
      [0, 'answers', '1 answer', 29, 16],
      [1, 'answer', 'example.com: type A, class IN, addr 203.0.113.5', 29, 16],
      [2, 'name', 'example.com (pointer 0xc00c)', 29, 2, 'compression: top bits 11 mean "the name is at byte 12", in the question (RFC 1035 §4.1.4)'],
      [2, 'type', 'A (1)', 31, 2, 'an IPv4 address'],
      [2, 'class', 'IN (1)', 33, 2, 'the Internet class'],
      [2, 'TTL', '300 s', 35, 4, 'how long the client may cache this answer'],
      [2, 'data length', '4 bytes', 39, 2, 'an IPv4 address is 4 bytes'],
      [2, 'address', '203.0.113.5', 41, 4, 'the answer: where the name lives'],
    ]);
  });

  it('the root name: one zero byte, shown as <Root>', () => {
    const { layer } = encodeDnsQuery({ id: 1, name: '.', type: 'A' });
    expect(rows(layer.fields).slice(8, 12)).toEqual([
      [0, 'queries', '1 question', 12, 5],
      [1, 'question', '<Root>: type A, class IN', 12, 5],
      [2, 'name', '<Root>', 12, 1, 'no dots on the wire: each label is a length byte and its characters'],
      [3, 'end of name', '0 (root)', 12, 1, 'a zero-length label ends every name'],
    ]);
    expect(displayName('')).toBe('<Root>');
    expect(displayName('a')).toBe('a');
  });

  it('a name given with a trailing dot is shown as the wire has it, without the dot, everywhere', () => {
    const dotted = encodeDnsResponse({ id: 1, name: 'example.com.', address: '203.0.113.5', ttlS: 1 });
    const plain = encodeDnsResponse({ id: 1, name: 'example.com', address: '203.0.113.5', ttlS: 1 });
    expect(dotted.bytes).toEqual(plain.bytes);
    expect(dotted.layer).toEqual(plain.layer);
    expect(encodeDnsQuery({ id: 1, name: '.', type: 'A' }).layer.summary).toBe('Standard query 0x0001 A <Root>');
  });
});

describe('limits, at their edges', () => {
  const query = { id: 0, name: 'example.com', type: 'A' as const };
  const response = { id: 0, name: 'example.com', address: '203.0.113.5', ttlS: 0 };

  it('transaction IDs: 16 bits, whole', () => {
    for (const id of [0, 1, 0xffff]) expect(parseDnsMessage(encodeDnsQuery({ ...query, id }).bytes).id).toBe(id);
    for (const id of [-1, 0x10000, 1.5, Number.NaN]) {
      expect(() => encodeDnsQuery({ ...query, id }), String(id)).toThrow(`DNS: transaction ID ${id} is not a 16-bit number`);
      expect(() => encodeDnsResponse({ ...response, id }), String(id)).toThrow(`DNS: transaction ID ${id} is not a 16-bit number`);
    }
  });

  it('TTLs: 0 to 2^31 − 1 seconds, whole (RFC 2181 §8)', () => {
    for (const ttlS of [0, 1, 0x7fffffff]) expect(parseDnsMessage(encodeDnsResponse({ ...response, ttlS }).bytes).answers[0].ttlS).toBe(ttlS);
    for (const ttlS of [-1, 0x80000000, 2.5]) expect(() => encodeDnsResponse({ ...response, ttlS }), String(ttlS)).toThrow(`DNS: TTL ${ttlS} s is not in 0..2^31-1 (RFC 2181 §8)`);
  });

  it('addresses: four decimal octets up to 255', () => {
    expect(parseDnsMessage(encodeDnsResponse({ ...response, address: '255.255.255.255' }).bytes).answers[0].address).toBe('255.255.255.255');
    expect(parseDnsMessage(encodeDnsResponse({ ...response, address: '0.0.0.0' }).bytes).answers[0].address).toBe('0.0.0.0');
    for (const address of ['x1.2.3.4', '1.2.3.4x', '1.2.3.4 ', '256.1.1.1', '1.2.3.1000', '1.2.3.4.5']) {
      expect(() => encodeDnsResponse({ ...response, address }), address).toThrow(`DNS: "${address}" is not an IPv4 address`);
    }
  });

  it('names: printable ASCII labels of up to 63 bytes, 255 bytes on the wire at most', () => {
    // 1 + (1 + 63) × 3 + (1 + 61) = 255 bytes on the wire: the longest name there is.
    const longest = ['a'.repeat(63), 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.');
    const bytes = encodeDnsQuery({ ...query, name: longest }).bytes;
    expect(bytes.length).toBe(12 + 255 + 4);
    expect(parseDnsMessage(bytes).questions[0].name).toBe(longest);
    expect(readName(bytes, 12)).toEqual({ name: longest, end: 12 + 255 });
    expect(() => encodeDnsQuery({ ...query, name: `${longest}d` })).toThrow(`DNS name "${longest}d": 256 bytes on the wire, more than 255`);
    for (const name of ['üa.com', 'aü.com', 'a b.com']) expect(() => encodeDnsQuery({ ...query, name }), name).toThrow(/is not printable ASCII/);
    expect(() => encodeDnsQuery({ ...query, name: '!~.com' })).not.toThrow();
  });
});

describe('parsing: where a cut-off message stops', () => {
  // The response above: header 0-11, name 12-24 (07 example 03 com 00), type 25, class 27,
  // then the answer: pointer 29, type 31, class 33, TTL 35, data length 39, address 41-44.
  const full = encodeDnsResponse({ id: 0x1a2b, name: 'example.com', address: '203.0.113.5', ttlS: 300 }).bytes;
  const expected = (n: number): string => {
    const need = (what: string, size: number, at: number) => `DNS: message truncated: ${what} needs ${size} bytes at byte ${at}, only ${n - at} left`;
    if (n < 12) return `DNS: message is ${n} bytes, shorter than the 12-byte header`;
    if (n === 12 || n === 20 || n === 24) return 'DNS: name at byte 12 runs past the end of the message';
    if (n < 20) return 'DNS: label at byte 12 runs past the end of the message';
    if (n < 24) return 'DNS: label at byte 20 runs past the end of the message';
    if (n < 27) return need('question 1 type', 2, 25);
    if (n < 29) return need('question 1 class', 2, 27);
    if (n === 29) return 'DNS: name at byte 29 runs past the end of the message';
    if (n === 30) return 'DNS: compression pointer at byte 29 is cut off';
    if (n < 33) return need('answer record 1 type', 2, 31);
    if (n < 35) return need('answer record 1 class', 2, 33);
    if (n < 37) return need('answer record 1 TTL', 2, 35);
    if (n < 39) return need('answer record 1 TTL', 2, 37);
    if (n < 41) return need('answer record 1 data length', 2, 39);
    return need('answer record 1 data', 4, 41);
  };

  it('names the field and the bytes left, for every length short of the whole', () => {
    expect(full.length).toBe(45);
    for (let n = 0; n < full.length; n++) expect(() => parseDnsMessage(full.subarray(0, n)), `${n} bytes`).toThrow(expected(n));
  });

  it('a header alone (no questions, no records) is a whole message', () => {
    expect(parseDnsMessage(fromHex('abcd 8182 0000 0000 0000 0000'))).toEqual({ id: 0xabcd, response: true, rcode: 2, questions: [], answers: [] });
  });

  it('names the record and section of each problem', () => {
    const h = (counts: string) => `0001 8180 ${counts}`;
    const q = '01 61 00 0001 0001';
    const cases: [string, string][] = [
      [`${h('0001 0001 0000 0000')} ${q} c00c 0001 0001 0000012c 0003 cb0071`, 'DNS: answer record 1 is an A record with 3 data bytes, not 4'],
      [`${h('0001 0002 0000 0000')} ${q} c00c 0001 0001 0000012c 0004 cb007105 c00c 0001 0001 0000012c 0005 cb00710501`, 'DNS: answer record 2 is an A record with 5 data bytes, not 4'],
      [`${h('0001 0000 0001 0000')} ${q} c00c 0002`, 'DNS: message truncated: authority record 1 class needs 2 bytes at byte 23, only 0 left'],
      [`${h('0001 0000 0000 0002')} ${q} 00 0029 1000 00000000 0000 00 0029`, 'DNS: message truncated: additional record 2 class needs 2 bytes at byte 33, only 0 left'],
      [`${h('0002 0000 0000 0000')} ${q} c00c 00`, 'DNS: message truncated: question 2 type needs 2 bytes at byte 21, only 1 left'],
      // A label running one byte past the end (no room for the terminating zero either).
      [`${h('0001 0000 0000 0000')} 03 6162`, 'DNS: label at byte 12 runs past the end of the message'],
      [`${h('0001 0000 0000 0000')} 03 616263`, 'DNS: name at byte 12 runs past the end of the message'],
    ];
    for (const [hex, error] of cases) expect(() => parseDnsMessage(fromHex(hex)), hex).toThrow(error);
  });

  it('keeps a TTL of 2^31 − 1, reads 2^31 as 0 (RFC 2181 §8), and reads an address only from an A record of class IN', () => {
    const h = '0001 8180 0001 0002 0000 0000 01 61 00 0001 0001';
    const msg = parseDnsMessage(fromHex(`${h} c00c 0001 0001 7fffffff 0004 c0000201 c00c 0001 0003 80000000 0002 0102`));
    expect(msg.answers).toEqual([
      { name: 'a', type: 'A', ttlS: 0x7fffffff, address: '192.0.2.1' },
      // Class CH (3): its data is not an IPv4 address, whatever its length.
      { name: 'a', type: 'A', ttlS: 0 },
    ]);
  });
});

describe('record type names (RFC 1035 §3.2.2, RFC 3596, RFC 2782, RFC 6891, RFC 9460)', () => {
  it('as Wireshark shows them, RFC 3597’s TYPEnn for the rest', () => {
    const names: [number, string][] = [[1, 'A'], [2, 'NS'], [5, 'CNAME'], [6, 'SOA'], [12, 'PTR'], [15, 'MX'], [16, 'TXT'], [28, 'AAAA'], [33, 'SRV'], [41, 'OPT'], [64, 'SVCB'], [65, 'HTTPS'], [3, 'TYPE3'], [99, 'TYPE99'], [65535, 'TYPE65535']];
    expect(names.map(([n]) => typeName(n))).toEqual(names.map(([, name]) => name));
  });
});
