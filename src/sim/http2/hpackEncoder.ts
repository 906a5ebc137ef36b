import { encode as huffmanCodes } from 'hpack.js/lib/hpack/huffman.js';
import { table as staticTable } from 'hpack.js/lib/hpack/static-table.js';

/**
 * One direction's HPACK encoding context (RFC 7541), making the choices hpack.js's Compressor
 * makes: a field in a table is sent as its index (§6.1); any other is a literal with
 * incremental indexing (§6.2.1), its name by index when a table has it, strings Huffman-coded
 * (§5.2). Unlike hpack.js it finds a field anywhere in the dynamic table, not only at the newest
 * entry with its name. hpack.js's Compressor is a Node stream (readable-stream, Buffer) the page
 * cannot load, so this reads hpack.js's tables; tests check it against its Compressor byte for
 * byte and against its Decompressor on any header lists.
 */
export class HpackEncoder {
  /** Newest first, as indexed after the static table (§2.3.3). */
  private dynamic: { name: string; value: string; size: number }[] = [];
  private size = 0;

  constructor(private readonly maxSize = 4096) {}

  encode(headers: readonly (readonly [string, string])[]): Uint8Array {
    const out: number[] = [];
    for (const [name, value] of headers) {
      const index = this.fullMatch(name, value);
      if (index) {
        integer(out, 0x80, 7, index);
        continue;
      }
      integer(out, 0x40, 6, this.nameMatch(name));
      if (!this.nameMatch(name)) huffmanString(out, name);
      huffmanString(out, value);
      this.add(name, value);
    }
    return Uint8Array.from(out);
  }

  private fullMatch(name: string, value: string): number {
    const s = staticTable.findIndex((e) => e.name === name && e.value === value);
    if (s >= 0) return s + 1;
    const d = this.dynamic.findIndex((e) => e.name === name && e.value === value);
    return d >= 0 ? staticTable.length + d + 1 : 0;
  }

  private nameMatch(name: string): number {
    const s = staticTable.findIndex((e) => e.name === name);
    if (s >= 0) return s + 1;
    const d = this.dynamic.findIndex((e) => e.name === name);
    return d >= 0 ? staticTable.length + d + 1 : 0;
  }

  /** §4.1: an entry's size is its name and value in octets plus 32; §4.4: evict oldest first. */
  private add(name: string, value: string): void {
    const size = octets(name).length + octets(value).length + 32;
    while (this.dynamic.length && this.size + size > this.maxSize) this.size -= this.dynamic.pop()!.size;
    if (size > this.maxSize) return;
    this.dynamic.unshift({ name, value, size });
    this.size += size;
  }
}

const octets = (s: string) => new TextEncoder().encode(s);

/** §5.1: an integer in an N-bit prefix, continued 7 bits at a time. */
function integer(out: number[], pattern: number, prefixBits: number, value: number): void {
  const max = (1 << prefixBits) - 1;
  if (value < max) {
    out.push(pattern | value);
    return;
  }
  out.push(pattern | max);
  let left = value - max;
  while (left >= 0x80) {
    out.push((left & 0x7f) | 0x80);
    left = Math.floor(left / 0x80);
  }
  out.push(left);
}

/** §5.2: H bit set, length in octets of the code, codes packed MSB first, padded with 1s (EOS prefix). */
function huffmanString(out: number[], s: string): void {
  const bytes: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const symbol of octets(s)) {
    const [length, code] = huffmanCodes[symbol];
    for (let i = length - 1; i >= 0; i--) {
      acc = (acc << 1) | (Math.floor(code / 2 ** i) & 1);
      if (++bits === 8) {
        bytes.push(acc);
        acc = 0;
        bits = 0;
      }
    }
  }
  if (bits) bytes.push(((acc << (8 - bits)) | (0xff >> bits)) & 0xff);
  integer(out, 0x80, 7, bytes.length);
  out.push(...bytes);
}
