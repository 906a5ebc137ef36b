import { mayBeLate, realBytes } from '../../bytes/lateBytes';
import { Cursor, TlsParseError } from './cursor';

/**
 * TLS record layer parsing (RFC 8446 §5.1, RFC 5246 §6.2.1), incremental over a byte stream.
 *
 *   const reader = new RecordReader();
 *   for (const r of reader.push(tcpBytes)) …   // whole records only; a partial one waits for more
 *
 * Each record gives its content type, legacy version, fragment and its offset in the stream, so
 * a capture importer can map a record back to the TCP segments that carried it.
 */
export const RECORD_TYPE_NAMES: Record<number, string> = { 20: 'change_cipher_spec', 21: 'alert', 22: 'handshake', 23: 'application_data' };

/** RFC 8446 §5.2: a TLSCiphertext fragment is at most 2^14 + 256 bytes; RFC 5246 allows 2^14 + 2048. */
export const MAX_RECORD_FRAGMENT = 16384 + 2048;

export interface TlsRecord {
  type: number;
  /** legacy_record_version: 0x0301 on a first ClientHello, 0x0303 after. */
  version: number;
  /** The record's payload (plaintext or ciphertext + tag), a view into the stream's bytes. */
  fragment: Uint8Array;
  /** The record's first header byte, counted from the start of the stream. */
  offset: number;
  /** Header + fragment. */
  length: number;
}

/** Parses one record header + fragment at `at`; `undefined` when the bytes end before the record does. */
export function parseRecordAt(bytes: Uint8Array, at: number, streamOffset = at): TlsRecord | undefined {
  if (bytes.length - at < 5) return undefined;
  const c = new Cursor(bytes, at);
  const type = c.u8('content type');
  const version = c.u16('legacy_record_version');
  const length = c.u16('length');
  if (!(type in RECORD_TYPE_NAMES)) throw new TlsParseError(`unknown record content type ${type} at stream offset ${streamOffset} (not TLS, or the stream lost its place)`);
  if ((version >>> 8) !== 3) throw new TlsParseError(`record version 0x${version.toString(16)} at stream offset ${streamOffset} is not 3.x`);
  if (length > MAX_RECORD_FRAGMENT) throw new TlsParseError(`record of ${length} bytes at stream offset ${streamOffset} exceeds ${MAX_RECORD_FRAGMENT} (record_overflow)`);
  if (c.left < length) return undefined;
  return { type, version, fragment: c.take(length, 'fragment'), offset: streamOffset, length: 5 + length };
}

/** Every whole record in `bytes`, and how many bytes at the end belong to a record not yet complete. */
export function parseRecords(bytes: Uint8Array): { records: TlsRecord[]; rest: number } {
  const records: TlsRecord[] = [];
  let at = 0;
  for (;;) {
    const r = parseRecordAt(bytes, at);
    if (!r) break;
    records.push(r);
    at += r.length;
  }
  return { records, rest: bytes.length - at };
}

/**
 * Splits one direction of a TCP stream into records as bytes arrive, in any chunking. Chunks
 * are held, not joined, until the record at the head is complete: a 16 KiB record arriving in
 * a dozen segments is copied once, or not at all when the segments lie end to end in one buffer.
 */
export class RecordReader {
  private chunks: Uint8Array[] = [];
  private held = 0;
  /** Stream offset of the first held byte. */
  private base = 0;

  /** Bytes held back because the record they start is not complete yet. */
  get buffered(): number {
    return this.held;
  }

  push(chunk: Uint8Array): TlsRecord[] {
    if (chunk.length === 0) return [];
    this.chunks.push(chunk);
    this.held += chunk.length;
    if (this.held < this.needed()) return [];
    const joined = this.chunks.length === 1 ? this.chunks[0] : join(this.chunks, this.held);
    const late = mayBeLate(joined);
    const records: TlsRecord[] = [];
    let at = 0;
    for (;;) {
      const r = parseRecordAt(joined, at, this.base + at);
      if (!r) break;
      // Bytes filled in late stay where they are, so the inbox can tell its own peer's records (tls/lateSeal).
      records.push({ ...r, fragment: late ? r.fragment : r.fragment.slice() });
      at += r.length;
    }
    const rest = late ? joined.subarray(at) : joined.slice(at);
    this.chunks = rest.length ? [rest] : [];
    this.held = rest.length;
    this.base += at;
    return records;
  }

  /**
   * Bytes the head record needs in all: 5 until its header is in, then header + length. The header
   * is checked as soon as it is in, as OpenSSL does: bytes that are not TLS (an HTTP request sent
   * to a TLS port) are named at once, not after the 64 KiB their first bytes read as a length.
   */
  private needed(): number {
    if (this.held < 5) return 5;
    const head = this.chunks[0].length >= 5 ? this.chunks[0] : join(this.chunks, this.held);
    parseRecordAt(head.subarray(0, 5), 0, this.base);
    return 5 + ((head[3] << 8) | head[4]);
  }
}

/** The chunks as one array: a view when they lie end to end in one buffer (TCP segments of one write), else a copy of their real bytes. */
function join(chunks: Uint8Array[], total: number): Uint8Array {
  const first = chunks[0];
  let end = first.byteOffset;
  if (chunks.every((c) => c.buffer === first.buffer && c.byteOffset === end && ((end += c.length), true))) return new Uint8Array(first.buffer, first.byteOffset, total);
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(realBytes(c), o);
    o += c.length;
  }
  return out;
}
