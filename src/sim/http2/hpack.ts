import { encode as huffmanCodes } from 'hpack.js/lib/hpack/huffman.js';
import { table as staticTable } from 'hpack.js/lib/hpack/static-table.js';

export interface HeaderField {
  name: string;
  value: string;
  /** How the block carried it (RFC 7541 §6): indexed, literal with/without indexing, never indexed. */
  representation: 'indexed' | 'incremental' | 'without-indexing' | 'never-indexed';
}

export type HpackResult = { ok: true; headers: HeaderField[] } | { ok: false; error: string };

/** Huffman decoding trie built once from hpack.js's code table (RFC 7541 Appendix B). */
interface Node { zero?: Node; one?: Node; symbol?: number }
let trie: Node | undefined;
function huffmanTrie(): Node {
  if (trie) return trie;
  const root: Node = {};
  huffmanCodes.forEach(([bits, code], symbol) => {
    let node = root;
    for (let i = bits - 1; i >= 0; i--) {
      const key = (code / 2 ** i) & 1 ? 'one' : 'zero';
      node = node[key] ??= {};
    }
    node.symbol = symbol;
  });
  trie = root;
  return root;
}

function huffmanDecode(bytes: Uint8Array): string | undefined {
  const root = huffmanTrie();
  const out: number[] = [];
  let node = root;
  let depth = 0;
  let allOnes = true;
  for (const byte of bytes) {
    for (let i = 7; i >= 0; i--) {
      const bit = (byte >> i) & 1;
      const next = bit ? node.one : node.zero;
      if (!next) return undefined;
      node = next;
      depth++;
      allOnes &&= bit === 1;
      if (node.symbol !== undefined) {
        if (node.symbol === 256) return undefined; // EOS inside a string is an error (§5.2)
        out.push(node.symbol);
        node = root;
        depth = 0;
        allOnes = true;
      }
    }
  }
  // Padding: fewer than 8 bits, all ones (the EOS prefix), RFC 7541 §5.2.
  if (depth > 7 || !allOnes) return undefined;
  return new TextDecoder().decode(Uint8Array.from(out));
}

/**
 * One direction's HPACK decoding context: the dynamic table persists across header blocks
 * of a connection (RFC 7541 §2.3.2), so one decoder per direction per connection.
 */
export class HpackDecoder {
  private dynamic: { name: string; value: string }[] = [];
  private size = 0;
  constructor(private maxSize = 4096) {}

  decode(block: Uint8Array): HpackResult {
    const headers: HeaderField[] = [];
    let pos = 0;
    const fail = (what: string): HpackResult => ({ ok: false, error: `HPACK: ${what} at byte ${pos} of a ${block.length}-byte header block` });
    const int = (prefixBits: number): number | undefined => {
      if (pos >= block.length) return undefined;
      const max = (1 << prefixBits) - 1;
      let value = block[pos++] & max;
      if (value < max) return value;
      let shift = 0;
      for (;;) {
        if (pos >= block.length || shift > 28) return undefined;
        const b = block[pos++];
        value += (b & 0x7f) * 2 ** shift;
        shift += 7;
        if (!(b & 0x80)) return value;
      }
    };
    const str = (): string | undefined => {
      if (pos >= block.length) return undefined;
      const huffman = (block[pos] & 0x80) !== 0;
      const length = int(7);
      if (length === undefined || pos + length > block.length) return undefined;
      const raw = block.subarray(pos, pos + length);
      pos += length;
      return huffman ? huffmanDecode(raw) : new TextDecoder().decode(raw);
    };
    while (pos < block.length) {
      const first = block[pos];
      if (first & 0x80) {
        const index = int(7);
        const entry = index === undefined ? undefined : this.entry(index);
        if (!entry) return fail(`indexed field ${index ?? '?'} is not in the table`);
        headers.push({ ...entry, representation: 'indexed' });
        continue;
      }
      if ((first & 0xe0) === 0x20) {
        const size = int(5);
        if (size === undefined) return fail('table size update is truncated');
        this.maxSize = size;
        this.evict(0);
        continue;
      }
      const incremental = (first & 0xc0) === 0x40;
      const representation = incremental ? 'incremental' : first & 0x10 ? 'never-indexed' : 'without-indexing';
      const index = int(incremental ? 6 : 4);
      if (index === undefined) return fail('literal field is truncated');
      let name: string | undefined;
      if (index === 0) name = str();
      else name = this.entry(index)?.name;
      if (name === undefined) return fail(index === 0 ? 'literal name is truncated or badly Huffman-coded' : `name index ${index} is not in the table`);
      const value = str();
      if (value === undefined) return fail(`value of ${name} is truncated or badly Huffman-coded`);
      headers.push({ name, value, representation });
      if (incremental) this.add(name, value);
    }
    return { ok: true, headers };
  }

  /** Index 1–61 static (Appendix A), then the dynamic table newest first (§2.3.3). */
  private entry(index: number): { name: string; value: string } | undefined {
    if (index >= 1 && index <= staticTable.length) return staticTable[index - 1];
    return this.dynamic[index - staticTable.length - 1];
  }

  private add(name: string, value: string): void {
    const entrySize = new TextEncoder().encode(name).length + new TextEncoder().encode(value).length + 32;
    this.evict(entrySize);
    if (entrySize > this.maxSize) return; // an entry larger than the table empties it (§4.4)
    this.dynamic.unshift({ name, value });
    this.size += entrySize;
  }

  private evict(incoming: number): void {
    while (this.dynamic.length && this.size + incoming > this.maxSize) {
      const old = this.dynamic.pop();
      if (old) this.size -= new TextEncoder().encode(old.name).length + new TextEncoder().encode(old.value).length + 32;
    }
    if (!this.dynamic.length) this.size = 0;
  }
}
