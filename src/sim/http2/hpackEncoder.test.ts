import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex';
import { HpackDecoder } from './hpack';
import { HpackEncoder } from './hpackEncoder';

const hex = (s: string) => s.replace(/\s/g, '');
// hpack.js's own Compressor (a Node stream) is the oracle: it runs in Node, not in the page.
const hpack = createRequire(import.meta.url)('hpack.js') as { compressor: { create(o: { table: { size: number } }): { write(h: unknown): void; read(): Buffer | null } } };

function compressWithHpackJs(blocks: [string, string][][]): string[] {
  const c = hpack.compressor.create({ table: { size: 4096 } });
  return blocks.map((headers) => {
    c.write(headers.map(([name, value]) => ({ name, value })));
    const parts: Buffer[] = [];
    for (let chunk = c.read(); chunk; chunk = c.read()) parts.push(chunk);
    return Buffer.concat(parts).toString('hex');
  });
}

const requests: [string, string][][] = [
  [[':method', 'GET'], [':scheme', 'https'], [':authority', 'example.com'], [':path', '/'], ['user-agent', 'curl/8.5.0'], ['accept', '*/*']],
  [[':method', 'GET'], [':scheme', 'https'], [':authority', 'example.com'], [':path', '/app.css'], ['user-agent', 'curl/8.5.0'], ['accept', '*/*']],
  [[':status', '200'], ['date', 'Thu, 26 Nov 2026 07:00:00 GMT'], ['server', 'wirescene'], ['content-type', 'text/html'], ['content-length', '40000']],
  [[':status', '404'], ['date', 'Thu, 26 Nov 2026 07:00:00 GMT'], ['x-custom', 'a value no table holds'], ['content-length', '0']],
];

describe('HPACK encoder', () => {
  it('reproduces RFC 7541 C.4 (three requests with Huffman coding, one dynamic table)', () => {
    const e = new HpackEncoder();
    expect(toHex(e.encode([[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com']]))).toBe(hex('8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff'));
    expect(toHex(e.encode([[':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com'], ['cache-control', 'no-cache']]))).toBe(hex('8286 84be 5886 a8eb 1064 9cbf'));
    expect(toHex(e.encode([[':method', 'GET'], [':scheme', 'https'], [':path', '/index.html'], [':authority', 'www.example.com'], ['custom-key', 'custom-value']]))).toBe(
      hex('8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf'),
    );
  });

  it('writes the same bytes as hpack.js\'s Compressor, block after block', () => {
    const e = new HpackEncoder();
    expect(requests.map((b) => toHex(e.encode(b)))).toEqual(compressWithHpackJs(requests));
  });

  it('round-trips through the decoder, long values and evictions included', () => {
    const e = new HpackEncoder(256);
    const d = new HpackDecoder(256);
    for (let i = 0; i < 20; i++) {
      const block: [string, string][] = [[':path', `/${'x'.repeat(i * 13)}`], [`x-h${i % 3}`, 'v'.repeat(i * 7)]];
      const r = d.decode(e.encode(block));
      expect(r.ok && r.headers.map((h) => [h.name, h.value])).toEqual(block);
    }
  });
});
