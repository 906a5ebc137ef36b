import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascii, concat, fromBase64, fromHex, hex16, toHex } from './hex';
import { ByteWriter, shiftFields } from './writer';

describe('ByteWriter', () => {
  it('writes big-endian integers (network byte order, RFC 791 appendix B) and records each field where it is', () => {
    const { bytes, fields } = new ByteWriter().u8('a', 0xab).u16('b', 0x1234).u24('c', 0x0a0b0c).u32('d', 0xdeadbeef, 'shown', 'why').bytes('e', Uint8Array.of(9, 8)).finish();
    expect(toHex(bytes)).toBe('ab12340a0b0cdeadbeef0908');
    expect(fields).toEqual([
      { name: 'a', value: '171', note: undefined, offset: 0, length: 1 },
      { name: 'b', value: '4660', note: undefined, offset: 1, length: 2 },
      { name: 'c', value: '658188', note: undefined, offset: 3, length: 3 },
      { name: 'd', value: 'shown', note: 'why', offset: 6, length: 4 },
      { name: 'e', value: '2 bytes', note: undefined, offset: 10, length: 2 },
    ]);
  });

  it('any sequence of writes gives the concatenation of their big-endian bytes, past the first 64-byte buffer', () => {
    const write = fc.oneof(
      fc.record({ size: fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>, value: fc.nat() }),
      fc.record({ bytes: fc.uint8Array({ maxLength: 300 }) }),
    );
    fc.assert(
      fc.property(fc.array(write, { maxLength: 60 }), (writes) => {
        const w = new ByteWriter();
        const expected: number[] = [];
        for (const x of writes) {
          if ('bytes' in x) {
            w.bytes('b', x.bytes);
            expected.push(...x.bytes);
          } else {
            const v = x.value % 2 ** (8 * x.size);
            w.uint('u', v, x.size);
            // Written independently: the value's hex digits, zero-padded to the field's width.
            expected.push(...fromHex(v.toString(16).padStart(2 * x.size, '0')));
          }
        }
        expect(w.length).toBe(expected.length);
        expect(Array.from(w.finish().bytes)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('groups span what is written inside them; vectors get their length prefix (RFC 8446 §3.4)', () => {
    const w = new ByteWriter().u8('before', 1);
    w.group('outer', (g) => g.u16('x', 2).vector('list', 2, (v) => v.bytes('item', Uint8Array.of(5, 6, 7))), (n) => `${n} in all`, 'note');
    w.group('plain', (g) => g.u8('y', 3));
    const { bytes, fields } = w.finish();
    expect(toHex(bytes)).toBe('01' + '0002' + '0003' + '050607' + '03');
    const [, outer, plain] = fields;
    expect([outer.name, outer.value, outer.note, outer.offset, outer.length]).toEqual(['outer', '7 in all', 'note', 1, 7]);
    expect([plain.value, plain.offset, plain.length]).toEqual(['1 bytes', 8, 1]);
    const list = outer.children![1];
    expect([list.offset, list.length, list.value]).toEqual([3, 5, '5 bytes']);
    expect(list.children!.map((f) => [f.name, f.value, f.offset, f.length])).toEqual([['list length', '3', 3, 2], ['item', '3 bytes', 5, 3]]);
  });

  it('a one- and a three-byte vector length', () => {
    const long = new Uint8Array(70_000).fill(1);
    expect(toHex(new ByteWriter().vector('v', 1, (v) => v.bytes('b', Uint8Array.of(1, 2))).finish().bytes)).toBe('020102');
    expect(toHex(new ByteWriter().vector('v', 3, (v) => v.bytes('b', long)).finish().bytes.subarray(0, 4))).toBe('01117001');
  });

  it('patch16 overwrites two bytes in place; without a field map the bytes are the same', () => {
    const make = (fields: boolean) => {
      const w = new ByteWriter(fields).u32('a', 0).u8('b', 0xff);
      w.patch16(1, 0xbeef);
      return w.finish();
    };
    expect(toHex(make(true).bytes)).toBe('00beef00ff');
    expect(make(false)).toEqual({ bytes: make(true).bytes, fields: [] });
  });

  it('without a field map a vector still gets its length prefix (the hot path writes TLS records too)', () => {
    const make = (fields: boolean) => new ByteWriter(fields).u8('type', 1).vector('body', 2, (v) => v.vector('inner', 1, (i) => i.u16('x', 0x0102))).finish();
    expect(toHex(make(false).bytes)).toBe('01' + '0003' + '02' + '0102');
    expect(make(false)).toEqual({ bytes: make(true).bytes, fields: [] });
  });

  it('refuses to finish inside an open group', () => {
    const w = new ByteWriter();
    expect(() => w.group('g', () => w.finish())).toThrow('ByteWriter: unclosed group');
  });

  it('shiftFields moves every offset, children too, and keeps fields without one', () => {
    const shifted = shiftFields([{ name: 'a', value: '', offset: 2, length: 1, children: [{ name: 'b', value: '', offset: 3, length: 1 }] }, { name: 'c', value: '' }], 20);
    expect(shifted).toEqual([{ name: 'a', value: '', offset: 22, length: 1, children: [{ name: 'b', value: '', offset: 23, length: 1, children: undefined }] }, { name: 'c', value: '', offset: undefined, children: undefined }]);
  });
});

describe('hex, base64, ascii', () => {
  it('fromHex reads either case and spaces, and names what is not hex', () => {
    expect(Array.from(fromHex('0a FF\n10'))).toEqual([10, 255, 16]);
    expect(() => fromHex('abc')).toThrow('not hex: abc…');
    expect(() => fromHex('zz')).toThrow(/not hex/);
    expect(() => fromHex('0g')).toThrow(/not hex/);
    // A long bad input is quoted by its first 16 characters only, so the message stays one line.
    expect(() => fromHex(`${'ab'.repeat(20)}x`)).toThrow(/^not hex: abababababababab…$/);
  });
  it('toHex pads each byte; hex16 four digits', () => {
    expect(toHex(Uint8Array.of(0, 1, 0xab))).toBe('0001ab');
    expect([hex16(0x303), hex16(0xffff), hex16(0)]).toEqual(['0x0303', '0xffff', '0x0000']);
  });
  it('fromBase64 (RFC 4648 §10 vectors) and ascii', () => {
    expect(new TextDecoder().decode(fromBase64('Zm9vYmFy'))).toBe('foobar');
    expect(Array.from(fromBase64('Zm8='))).toEqual([0x66, 0x6f]);
    expect(Array.from(ascii('AZ~'))).toEqual([65, 90, 126]);
  });
  it('concat keeps order and lengths', () => {
    expect(toHex(concat(Uint8Array.of(1), new Uint8Array(), Uint8Array.of(2, 3)))).toBe('010203');
    expect(concat().length).toBe(0);
  });
});
