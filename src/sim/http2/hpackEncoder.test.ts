import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decompressWithHpackJs, hpack } from '../../../tests/support/hpackJs';
import { toHex } from '../bytes/hex';
import { HpackDecoder } from './hpack';
import { HpackEncoder } from './hpackEncoder';

const hex = (s: string) => s.replace(/\s/g, '');
// hpack.js's own Compressor (a Node stream) is the oracle: it runs in Node, not in the page.
function compressWithHpackJs(blocks: [string, string][][], size = 4096): string[] {
  const c = hpack.compressor.create({ table: { size } });
  return blocks.map((headers) => {
    c.write(headers.map(([name, value]) => ({ name, value })));
    const parts: Buffer[] = [];
    for (let chunk = c.read(); chunk; chunk = c.read()) parts.push(chunk);
    return Buffer.concat(parts).toString('hex');
  });
}

const requests: [string, string][][] = [
  [
    [':method', 'GET'],
    [':scheme', 'https'],
    [':authority', 'example.com'],
    [':path', '/'],
    ['user-agent', 'curl/8.5.0'],
    ['accept', '*/*'],
  ],
  [
    [':method', 'GET'],
    [':scheme', 'https'],
    [':authority', 'example.com'],
    [':path', '/app.css'],
    ['user-agent', 'curl/8.5.0'],
    ['accept', '*/*'],
  ],
  [
    [':status', '200'],
    ['date', 'Thu, 26 Nov 2026 07:00:00 GMT'],
    ['server', 'wirescene'],
    ['content-type', 'text/html'],
    ['content-length', '40000'],
  ],
  [
    [':status', '404'],
    ['date', 'Thu, 26 Nov 2026 07:00:00 GMT'],
    ['x-custom', 'a value no table holds'],
    ['content-length', '0'],
  ],
];

describe('HPACK encoder', () => {
  it('reproduces RFC 7541 C.4 (three requests with Huffman coding, one dynamic table)', () => {
    const e = new HpackEncoder();
    expect(
      toHex(
        e.encode([
          [':method', 'GET'],
          [':scheme', 'http'],
          [':path', '/'],
          [':authority', 'www.example.com'],
        ]),
      ),
    ).toBe(hex('8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'));
    expect(
      toHex(
        e.encode([
          [':method', 'GET'],
          [':scheme', 'http'],
          [':path', '/'],
          [':authority', 'www.example.com'],
          ['cache-control', 'no-cache'],
        ]),
      ),
    ).toBe(hex('8286 84be 5886 a8eb 1064 9cbf'));
    expect(
      toHex(
        e.encode([
          [':method', 'GET'],
          [':scheme', 'https'],
          [':path', '/index.html'],
          [':authority', 'www.example.com'],
          ['custom-key', 'custom-value'],
        ]),
      ),
    ).toBe(hex('8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf'));
  });

  it("writes the same bytes as hpack.js's Compressor, block after block", () => {
    const e = new HpackEncoder();
    expect(requests.map((b) => toHex(e.encode(b)))).toEqual(compressWithHpackJs(requests));
  });

  it('round-trips through the decoder, long values and evictions included', () => {
    const e = new HpackEncoder(256);
    const d = new HpackDecoder(256);
    for (let i = 0; i < 20; i++) {
      const block: [string, string][] = [
        [':path', `/${'x'.repeat(i * 13)}`],
        [`x-h${i % 3}`, 'v'.repeat(i * 7)],
      ];
      const r = d.decode(e.encode(block));
      expect(r.ok && r.headers.map((h) => [h.name, h.value])).toEqual(block);
    }
  });

  // Any header lists, any table size: names and values drawn from a small pool (so fields and names
  // repeat and are found in the tables), from the static table, and long (integers past their
  // prefix). ASCII only: hpack.js codes a string's UTF-16 units as Latin-1 octets, we code UTF-8
  // octets (what a browser sends); HTTP field values are octets (RFC 9110 §5.5).
  const pool = ['x-a', 'x-b', 'accept', ':path', 'cookie', '', 'gzip, deflate', 'v'.repeat(200), '/index.html', 'w'.repeat(300)];
  const word = fc.oneof(
    fc.constantFrom(...pool),
    fc.string({ maxLength: 12 }).map((w) => w.toLowerCase()),
  );
  const block = fc.array(
    fc.tuple(
      word.filter((n) => n.length > 0),
      word,
    ),
    { minLength: 1, maxLength: 6 },
  );
  const blocks = fc.array(block, { minLength: 1, maxLength: 6 });
  const sizes = fc.constantFrom(64, 100, 256, 4096);

  it("writes what hpack.js's Decompressor reads back, for any header lists and table size", () => {
    fc.assert(
      fc.property(blocks, sizes, (lists, size) => {
        const e = new HpackEncoder(size);
        expect(
          decompressWithHpackJs(
            lists.map((b) => e.encode(b)),
            size,
          ),
        ).toEqual(lists);
      }),
      { numRuns: 100, seed: 7 },
    );
  });

  // hpack.js's Compressor looks a field up only at the newest dynamic entry with its name
  // (table.js reverseLookup), so it sends a literal where the field is in the table further back;
  // we send its index, as RFC 7541 §6.1 allows (hpack.js writes '7e83f2b0ff' for the last field).
  it('sends a field by index wherever it is in the dynamic table', () => {
    expect(
      toHex(
        new HpackEncoder(256).encode([
          ['x-a', 'x-a'],
          ['x-a', ''],
          ['x-a', 'x-a'],
        ]),
      ),
    ).toBe('4083f2b0ff83f2b0ff7e80bf');
  });

  // x-a: 1 is 3 + 1 + 32 = 36 bytes (§4.1): a table of 100 holds two; the third evicts the oldest
  // only (§4.4), so x-b: 2 is still there to be sent by index in the next block.
  it("evicts only as much as the new entry needs, as hpack.js's Compressor does", () => {
    const lists: [string, string][][] = [
      [
        ['x-a', '1'],
        ['x-b', '2'],
        ['x-c', '3'],
      ],
      [
        ['x-b', '2'],
        ['x-c', '3'],
        ['x-d', '4'],
      ],
      [['x-c', '3']],
    ];
    const e = new HpackEncoder(100);
    expect(lists.map((b) => toHex(e.encode(b)))).toEqual(compressWithHpackJs(lists, 100));
  });

  it('keeps the table at its bounds: an entry filling it exactly stays, one larger is not added, integers at 2^7 + prefix', () => {
    // custom-key/custom-header is 10 + 13 + 32 = 55 bytes (§4.1).
    const field: [string, string] = ['custom-key', 'custom-header'];
    expect(toHex(new HpackEncoder(55).encode([field, field]))).toMatch(/be$/);
    const tooBig = new HpackEncoder(54).encode([field, field]);
    expect(toHex(tooBig)).not.toMatch(/be$/);
    expect(decompressWithHpackJs([tooBig], 54)).toEqual([[field, field]]);
    const two = new HpackEncoder(110);
    const other: [string, string] = ['custom-key', 'custom-headeq'];
    expect(toHex(two.encode([field, other, field, other]))).toMatch(/bfbe$/);
    expect(toHex(new HpackEncoder().encode([[':authority', '']]))).toBe('81');
    // 408 × 'a' (5 bits each) is exactly 255 octets of Huffman code: length 127 + 128, written 7f 80 01.
    const long: [string, string] = ['x', 'a'.repeat(408)];
    expect(toHex(new HpackEncoder().encode([long]))).toBe(compressWithHpackJs([[long]])[0]);
    expect(toHex(new HpackEncoder().encode([long])).slice(6, 12)).toBe('ff8001');
  });
});
