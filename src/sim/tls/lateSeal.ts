import { fillWhenRead } from '../bytes/lateBytes';
import type { TrafficKeys } from './keySchedule';
import { CONTENT_APPLICATION_DATA, RECORD_HEADER_BYTES } from './record';

/** A record of a large write whose header is written and whose fragment is sealed when first read. */
export interface LateRecord {
  /** Where the record (header included) starts in the write, and its length. */
  at: number;
  length: number;
  keys: TrafficKeys;
  seq: number;
  tls12: boolean;
  innerType: number;
  content: Uint8Array;
  seal: () => Uint8Array;
}

interface LateWrite {
  data: Uint8Array;
  records: LateRecord[];
  sealed: Uint8Array;
}

const writes = new WeakMap<ArrayBufferLike, LateWrite>();

/**
 * Seals `records` of `data` when their bytes are first read (lateBytes), in any order: the same
 * keys and sequence numbers give the same bytes as sealing at once. Returns `seal(start, end)`.
 */
export function sealWhenRead(label: string, data: Uint8Array, records: LateRecord[]): (start: number, end: number) => void {
  const w: LateWrite = { data, records, sealed: new Uint8Array(records.length) };
  let next = 0; // records[0, next) are sealed when TCP reads in order; a later one may be sealed out of turn
  const seal = (start: number, end: number) => {
    for (let i = firstEndingAfter(records, start, next); i < records.length && records[i].at < end; i++) {
      if (w.sealed[i]) continue;
      const r = records[i];
      const bytes = r.seal();
      if (bytes.length !== r.length) throw new Error(`TLS: record ${i + 1} of "${label}" sealed to ${bytes.length} bytes, ${r.length} expected`);
      data.set(bytes, r.at);
      w.sealed[i] = 1;
    }
    while (next < records.length && w.sealed[next]) next++;
  };
  writes.set(data.buffer, w);
  fillWhenRead(data, seal);
  return seal;
}

/** The first record at or after index `lo` that ends after `offset`. */
function firstEndingAfter(records: LateRecord[], offset: number, lo = 0): number {
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (records[mid].at + records[mid].length <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The plaintext of a record our own endpoint sealed late, when opening it could only give that:
 * `fragment` is the very bytes the writer left unsealed (the same memory, never copied, so
 * nothing in flight changed them), the header read for it is the one the writer wrote, and the
 * reader's keys and sequence number are those the writer will seal it with. AEAD open of
 * seal(k, n, aad, p) under the same k, n, aad is p (RFC 5116 §2), so the record is neither sealed
 * nor opened now; its bytes are sealed if anyone reads them. Anything else (a copy, a record
 * sealed already, other keys, another sequence number, a foreign peer) gets `undefined` and is
 * really opened and authenticated.
 */
export function ownUnsealedRecord(header: { type: number; version: number }, fragment: Uint8Array, keys: TrafficKeys, seq: number, tls12: boolean): { type: number; content: Uint8Array } | undefined {
  const w = writes.get(fragment.buffer);
  if (!w) return undefined;
  const at = fragment.byteOffset - w.data.byteOffset - RECORD_HEADER_BYTES;
  const i = firstEndingAfter(w.records, at);
  const r = w.records[i];
  if (!r || r.at !== at || r.length !== RECORD_HEADER_BYTES + fragment.length || w.sealed[i]) return undefined;
  if (r.seq !== seq || r.tls12 !== tls12 || header.version !== 0x0303 || header.type !== (tls12 ? r.innerType : CONTENT_APPLICATION_DATA)) return undefined;
  // Our records are sealed with AES-GCM (record.ts); ChaCha20 keys would not open them.
  if (r.keys.chacha20 || keys.chacha20 || !(r.keys === keys || (sameBytes(r.keys.key, keys.key) && sameBytes(r.keys.iv, keys.iv)))) return undefined;
  return { type: r.innerType, content: r.content };
}
