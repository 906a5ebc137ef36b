import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fromHex as hex } from '../bytes/hex';
import { HpackDecoder } from './hpack';

// RFC 7541 Appendix C, as hpack.js ships it for its own tests (C.3–C.6: requests and responses,
// with and without Huffman coding, C.5/C.6 in a 256-byte table that evicts); C.2 written out here.
interface Example { id: string; input: string; output: [string, string][] }
const { specExamples } = createRequire(import.meta.url)('hpack.js/test/fixtures.js') as { specExamples: Example[] };
const pairs = (r: ReturnType<HpackDecoder['decode']>) => (r.ok ? r.headers.map((h) => [h.name, h.value]) : r.error);

describe('HPACK decoder, RFC 7541 Appendix C', () => {
  for (const series of ['C.3', 'C.4', 'C.5', 'C.6']) {
    it(`${series}: three header blocks on one dynamic table${series >= 'C.5' ? ' of 256 bytes, evicting' : ''}`, () => {
      const examples = specExamples.filter((e) => e.id.startsWith(`${series}.`));
      expect(examples).toHaveLength(3);
      const d = new HpackDecoder(series >= 'C.5' ? 256 : 4096);
      for (const e of examples) expect(pairs(d.decode(hex(e.input))), e.id).toEqual(e.output);
    });
  }

  it('C.2: each literal representation, and which of them enter the dynamic table (§6.2)', () => {
    const d = new HpackDecoder();
    const withIndexing = d.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    expect(withIndexing.ok && withIndexing.headers).toEqual([{ name: 'custom-key', value: 'custom-header', representation: 'incremental' }]);
    const withoutIndexing = d.decode(hex('040c 2f73 616d 706c 652f 7061 7468'));
    expect(withoutIndexing.ok && withoutIndexing.headers).toEqual([{ name: ':path', value: '/sample/path', representation: 'without-indexing' }]);
    const neverIndexed = d.decode(hex('1008 7061 7373 776f 7264 0673 6563 7265 74'));
    expect(neverIndexed.ok && neverIndexed.headers).toEqual([{ name: 'password', value: 'secret', representation: 'never-indexed' }]);
    expect(pairs(d.decode(hex('82')))).toEqual([[':method', 'GET']]);
    // Only the first went into the table: index 62 is still custom-key, 63 is nothing.
    expect(pairs(d.decode(hex('be')))).toEqual([['custom-key', 'custom-header']]);
    expect(d.decode(hex('bf'))).toEqual({ ok: false, error: 'HPACK: indexed field 63 is not in the table at byte 1 of a 1-byte header block' });
  });

  it('a table size update empties the table (§6.3, §4.3) and one entry larger than the table empties it (§4.4)', () => {
    const d = new HpackDecoder();
    expect(pairs(d.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572 be')))).toEqual([['custom-key', 'custom-header'], ['custom-key', 'custom-header']]);
    expect(pairs(d.decode(hex('20')))).toEqual([]);
    expect(d.decode(hex('be')).ok).toBe(false);
    // Back to 4096 (3f e1 1f: 31 + 4065), then an entry of 10 + 13 + 32 = 55 bytes fits a 55-byte table exactly.
    expect(pairs(d.decode(hex('3f e1 1f')))).toEqual([]);
    const exact = new HpackDecoder(55);
    expect(pairs(exact.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572 be')))).toEqual([['custom-key', 'custom-header'], ['custom-key', 'custom-header']]);
    const small = new HpackDecoder(54);
    const r = small.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572 be'));
    expect(r.ok).toBe(false);
    // A new entry evicts the oldest until it fits: two 55-byte entries in a 110-byte table, then a third.
    const two = new HpackDecoder(110);
    two.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    two.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6571'));
    expect(pairs(two.decode(hex('be bf')))).toEqual([['custom-key', 'custom-headeq'], ['custom-key', 'custom-header']]);
    two.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6570'));
    expect(pairs(two.decode(hex('be bf')))).toEqual([['custom-key', 'custom-headep'], ['custom-key', 'custom-headeq']]);
    expect(two.decode(hex('c0')).ok).toBe(false);
  });

  it('counts an entry\'s size in UTF-8 bytes, not characters (§4.1)', () => {
    // name "é" (2 bytes) + value "" + 32 = 34: fits a 34-byte table; as 1 + 32 = 33 a 33-byte table would hold it.
    const block = hex('40 02 c3a9 00 be');
    expect(pairs(new HpackDecoder(34).decode(block))).toEqual([['é', ''], ['é', '']]);
    expect(new HpackDecoder(33).decode(block).ok).toBe(false);
  });

  it('names what is wrong, where, for each malformed block', () => {
    const error = (s: string) => {
      const r = new HpackDecoder().decode(hex(s));
      return r.ok ? 'ok' : r.error;
    };
    expect(error('80')).toBe('HPACK: indexed field 0 is not in the table at byte 1 of a 1-byte header block');
    expect(error('ff 80 80 80 80 01')).toBe('HPACK: indexed field 268435583 is not in the table at byte 6 of a 6-byte header block');
    expect(error('ff 80 80 80 80 80 01')).toBe('HPACK: indexed field ? is not in the table at byte 6 of a 7-byte header block');
    expect(error('ff 80')).toBe('HPACK: indexed field ? is not in the table at byte 2 of a 2-byte header block');
    expect(error('3f')).toBe('HPACK: table size update is truncated at byte 1 of a 1-byte header block');
    expect(error('7f')).toBe('HPACK: literal field is truncated at byte 1 of a 1-byte header block');
    expect(error('40')).toBe('HPACK: literal name is truncated or badly Huffman-coded at byte 1 of a 1-byte header block');
    expect(error('40 03 6162')).toBe('HPACK: literal name is truncated or badly Huffman-coded at byte 2 of a 4-byte header block');
    expect(error('7f 20')).toBe('HPACK: name index 95 is not in the table at byte 2 of a 2-byte header block');
    expect(error('44')).toBe('HPACK: value of :path is truncated or badly Huffman-coded at byte 1 of a 1-byte header block');
    expect(error('04 05 2f61')).toBe('HPACK: value of :path is truncated or badly Huffman-coded at byte 2 of a 4-byte header block');
    // Huffman (§5.2): "0" is 00000; three more zero bits are not the EOS prefix.
    expect(error('04 81 00')).toBe('HPACK: value of :path is truncated or badly Huffman-coded at byte 3 of a 3-byte header block');
    expect(error('04 81 07')).toBe('ok');
    // Eight bits of padding are too many, and EOS (30 ones) inside a string is an error.
    expect(error('04 81 ff')).toMatch(/value of :path is truncated or badly Huffman-coded/);
    expect(error('04 84 ffff fffc')).toMatch(/value of :path is truncated or badly Huffman-coded/);
    expect(error('04 84 ffff fff0')).toMatch(/value of :path is truncated or badly Huffman-coded/);
  });

  it('decodes Huffman strings of every symbol length (RFC 7541 Appendix B) as written', () => {
    // "a" 00011 (5 bits) + padding 111 = 0x1f; "%" 010101 (6 bits) + 11 = 0x57; "&" 11111000 (8 bits).
    const value = (s: string) => {
      const r = new HpackDecoder().decode(hex(`04 ${s}`));
      return r.ok ? r.headers[0].value : r.error;
    };
    expect(value('81 1f')).toBe('a');
    expect(value('81 57')).toBe('%');
    expect(value('81 f8')).toBe('&');
    expect(value('82 f8 1f')).toBe('&a');
    expect(value('00')).toBe('');
    expect(value('80')).toBe('');
  });
});

describe('HPACK Huffman EOS (RFC 7541 §5.2)', () => {
  it('refuses EOS inside a string even when the bits after it are valid padding', () => {
    // 30 ones (EOS) and two more ones: without the EOS rule this would read as one symbol and padding.
    const r = new HpackDecoder().decode(hex('04 84 ffffffff'));
    expect(r.ok).toBe(false);
  });
});

describe('HPACK static table bounds (RFC 7541 Appendix A)', () => {
  it('reads index 61, the last static entry, and index 62 as the newest dynamic one', () => {
    const d = new HpackDecoder();
    expect(pairs(d.decode(hex('bd')))).toEqual([['www-authenticate', '']]);
    expect(d.decode(hex('be')).ok).toBe(false);
  });
});
