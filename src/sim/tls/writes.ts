import { concat } from '../bytes/hex';
import { shiftFields } from '../bytes/writer';
import type { Field, Layer, TopLayer } from '../types';
import type { TrafficKeys } from './keySchedule';
import type { Encoded } from './messages';
import { CONTENT_APPLICATION_DATA, CONTENT_CHANGE_CIPHER_SPEC, CONTENT_HANDSHAKE, RECORD_HEADER_BYTES, TAG_BYTES, plainRecord, recordHeader, sealRecord } from './record';
import { encryptedRecordField, plainRecordField, tlsLayer } from './recordLayer';
import { type LateRecord, sealWhenRead } from './lateSeal';
import { EXPLICIT_NONCE_BYTES, sealRecord12 } from './record12';
import { ccsField12, encryptedRecordField12, plainRecordField12 } from './recordLayer12';

/** What one TLS record looks like decrypted: its plaintext and that plaintext's fields. */
export interface Decrypted {
  title: string;
  /** Which key opens it, in words: "server handshake traffic key". */
  key: string;
  bytes: Uint8Array;
  /** Field offsets are from the start of `bytes`. */
  layers: Layer[];
}

/** Bytes an application hands to TCP in one write, with the field map of what they carry. */
export interface TlsWrite {
  label: string;
  topLayer: TopLayer;
  /** The records on the wire; those of a large write only once `seal` has covered them. */
  data: Uint8Array;
  /** Field offsets are from the start of `data`. */
  layers: Layer[];
  /** `end`: where the record ends in `data`, when a write holds several. */
  decrypted: (Decrypted & { end?: number })[];
  /**
   * A large write's records are sealed when their bytes are first read (lateSeal, lateBytes):
   * `seal(start, end)` fills data[start, end) (whole records). Sealing a 75 MB response at
   * once froze the page for seconds; sealed later, the same keys and sequence numbers give
   * the same bytes.
   */
  seal?: (start: number, end: number) => void;
}

/** A direction's write keys with the record sequence number they have reached (RFC 8446 §5.3). */
export interface Sealer {
  keys: TrafficKeys;
  seq: number;
  /** "client handshake traffic key" */
  name: string;
  aead: string;
  /** TLS 1.2 records: real content type in the header, explicit nonce, no inner type (RFC 5288). */
  tls12?: boolean;
}

export type RecordPiece =
  | { kind: 'handshake'; messages: Encoded[]; version?: number; title: string; tls12?: boolean }
  | { kind: 'ccs'; tls12?: boolean }
  | { kind: 'sealed'; sealer: Sealer; innerType: number; content: Uint8Array; layers: Layer[]; title: string };

/** Handshake messages laid end to end, as one layer (field offsets from the first message's start). */
export function handshakeLayer(messages: Encoded[], summary: string): Layer {
  let at = 0;
  const fields = messages.flatMap((m) => {
    const shifted = shiftFields(m.fields, at);
    at += m.bytes.length;
    return shifted;
  });
  return tlsLayer(fields, summary);
}

const ccsField = (at: number): Field => ({
  name: 'TLS record: ChangeCipherSpec',
  value: '6 bytes',
  offset: at,
  length: 6,
  note: 'meaningless in TLS 1.3: sent only so middleboxes see a familiar TLS 1.2 shape (RFC 8446 D.4)',
  children: [
    { name: 'content type', value: '20 (change_cipher_spec)', offset: at, length: 1 },
    { name: 'legacy_record_version', value: '0x0303 (TLS 1.2)', offset: at + 1, length: 2 },
    { name: 'length', value: '1 bytes', offset: at + 3, length: 2 },
    { name: 'change cipher spec', value: '1', offset: at + 5, length: 1 },
  ],
});

/** A write with at least this many sealed records seals them lazily (a response body of 256 kB and more). */
const LAZY_SEALED_RECORDS = 16;

/** A sealed record's length, known before sealing (RFC 8446 §5.2; TLS 1.2: RFC 5288 §3). */
function sealedLength(tls12: boolean | undefined, contentLength: number): number {
  return RECORD_HEADER_BYTES + (tls12 ? EXPLICIT_NONCE_BYTES + contentLength + TAG_BYTES : contentLength + 1 + TAG_BYTES);
}

/** Several records in one write, as OpenSSL flushes a flight: TCP segments it. */
export function tlsWrite(label: string, pieces: RecordPiece[], summary: string, topLayer: TopLayer = 'tls'): TlsWrite {
  const lazy = pieces.filter((p) => p.kind === 'sealed').length >= LAZY_SEALED_RECORDS;
  // Each record's bytes, or (sealed late) its length: the write is then laid out in one buffer.
  const records: (Uint8Array | number)[] = [];
  const decrypted: (Decrypted & { end: number })[] = [];
  /** Records still to seal: where each starts in the write, and how. */
  const pending: LateRecord[] = [];
  let at = 0;
  for (const p of pieces) {
    let record: Uint8Array | number;
    if (p.kind === 'ccs') record = plainRecord(CONTENT_CHANGE_CIPHER_SPEC, Uint8Array.of(1));
    else if (p.kind === 'handshake') record = plainRecord(CONTENT_HANDSHAKE, handshakeBytes(p.messages), p.version ?? 0x0303);
    else {
      const { keys, tls12 } = p.sealer;
      const seq = p.sealer.seq++;
      const make = () => (tls12 ? sealRecord12 : sealRecord)(keys, seq, p.innerType, p.content);
      // Lazily: the header now (the field map reads only it and the length), the rest when read.
      record = lazy ? sealedLength(tls12, p.content.length) : make();
      if (typeof record === 'number') pending.push({ at, length: record, keys, seq, tls12: !!tls12, innerType: p.innerType, content: p.content, seal: make });
      decrypted.push({ title: p.title, key: p.sealer.name, bytes: p.content, layers: p.layers, end: at + (typeof record === 'number' ? record : record.length) });
    }
    records.push(record);
    at += typeof record === 'number' ? record : record.length;
  }
  const data = records.length === 1 && typeof records[0] !== 'number' ? records[0] : new Uint8Array(at);
  const fields: Field[] = [];
  at = 0;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    const r = records[i];
    const length = typeof r === 'number' ? r : r.length;
    if (typeof r === 'number') {
      const q = p as Extract<RecordPiece, { kind: 'sealed' }>;
      data.set(recordHeader(q.sealer.tls12 ? q.innerType : CONTENT_APPLICATION_DATA, length - RECORD_HEADER_BYTES), at);
    } else if (data !== r) data.set(r, at);
    const record = data.subarray(at, at + length);
    if (p.kind === 'ccs') fields.push(p.tls12 ? ccsField12(at) : ccsField(at));
    else if (p.kind === 'handshake') fields.push((p.tls12 ? plainRecordField12 : plainRecordField)(record, handshakeFields(p.messages), at, p.title));
    else fields.push((p.sealer.tls12 ? encryptedRecordField12 : encryptedRecordField)(record, at, p.title, p.sealer.name, p.sealer.aead));
    at += length;
  }
  const write: TlsWrite = { label, topLayer, data, layers: [tlsLayer(fields, summary)], decrypted };
  if (!lazy) return write;
  write.seal = sealWhenRead(label, data, pending);
  return write;
}

const handshakeBytes = (messages: Encoded[]): Uint8Array => (messages.length === 1 ? messages[0].bytes : concat(...messages.map((m) => m.bytes)));
const handshakeFields = (messages: Encoded[]): Field[] => (messages.length === 1 ? messages[0].fields : handshakeLayer(messages, '').fields);
