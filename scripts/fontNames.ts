/**
 * The naming table of a WOFF2 font (the file's own statement of its copyright, version and
 * licence: OpenType `name` IDs 0, 5, 13 and 14), read so the notices can be checked against the
 * fonts that ship rather than against what we remember about them.
 *
 * WOFF2 (W3C Recommendation, § 4 and § 5): a 48-byte header, a table directory with
 * UIntBase128 lengths, then one Brotli stream holding the tables back to back. Only glyf, loca
 * and hmtx may be transformed; `name` never is, so its bytes are the OpenType table as is.
 */
import { readFileSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';

/** WOFF2 § 5.1: the known-table tags, indexed by the low six bits of a directory entry's flags. */
const KNOWN_TAGS = (
  'cmap head hhea hmtx maxp name OS/2 post cvt_ fpgm glyf loca prep CFF_ VORG EBDT EBLC gasp hdmx kern LTSH PCLT VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH ' +
  'CBDT CBLC COLR CPAL SVG_ sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty just lcar mort morx opbd prop trak Zapf Silf Glat Gloc Feat Sill'
)
  .split(' ')
  .map((t) => t.replace('_', ' '));

export interface FontNames {
  copyright: string;
  family: string;
  version: string;
  licence: string;
  licenceUrl: string;
}

export function woff2Names(file: string): FontNames {
  const b = readFileSync(file);
  if (b.toString('latin1', 0, 4) !== 'wOF2') throw new Error(`${file} is not a WOFF2 font (signature ${JSON.stringify(b.toString('latin1', 0, 4))})`);
  // Collections (flavor 'ttcf') carry a collection directory after the table directory; none of ours is one.
  if (b.readUInt32BE(4) === 0x74746366) throw new Error(`${file} is a font collection`);
  const numTables = b.readUInt16BE(12);
  let p = 48;
  const base128 = (): number => {
    let value = 0;
    for (let i = 0; i < 5; i++) {
      const byte = b[p++];
      value = value * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) return value;
    }
    throw new Error(`${file}: a UIntBase128 longer than five bytes`);
  };
  const tables: { tag: string; offset: number; length: number }[] = [];
  let offset = 0;
  for (let i = 0; i < numTables; i++) {
    const flags = b[p++];
    let tag = KNOWN_TAGS[flags & 0x3f];
    if ((flags & 0x3f) === 0x3f) {
      tag = b.toString('latin1', p, p + 4);
      p += 4;
    }
    const transform = flags >> 6;
    let length = base128();
    // § 5.4: glyf and loca are transformed at version 0, hmtx at 1; the stream holds transformLength bytes.
    if (((tag === 'glyf' || tag === 'loca') && transform === 0) || (tag === 'hmtx' && transform === 1)) length = base128();
    tables.push({ tag, offset, length });
    offset += length;
  }
  const data = brotliDecompressSync(b.subarray(p, p + b.readUInt32BE(20)));
  const table = tables.find((t) => t.tag === 'name');
  if (!table) throw new Error(`${file} has no name table`);
  const n = data.subarray(table.offset, table.offset + table.length);
  const count = n.readUInt16BE(2);
  const strings = n.readUInt16BE(4);
  const names = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const r = 6 + i * 12;
    // Windows platform (3), Unicode BMP (1), US English (0x409): UTF-16BE.
    if (n.readUInt16BE(r) !== 3 || n.readUInt16BE(r + 2) !== 1 || n.readUInt16BE(r + 4) !== 0x409) continue;
    const start = strings + n.readUInt16BE(r + 10);
    const bytes = Buffer.from(n.subarray(start, start + n.readUInt16BE(r + 8)));
    names.set(n.readUInt16BE(r + 6), bytes.swap16().toString('utf16le'));
  }
  const get = (id: number) => names.get(id) ?? '';
  return { copyright: get(0), family: get(16) || get(1), version: get(5), licence: get(13), licenceUrl: get(14) };
}
