import { createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex';
import { realBytes } from '../bytes/lateBytes';
import { ownUnsealedRecord } from './lateSeal';
import { type Sealer, type TlsWrite, tlsWrite } from './writes';

// ownUnsealedRecord hands a reader the plaintext of a record its own writer left unsealed, only
// when opening the record could give nothing else: the very bytes of that record, the header
// the writer wrote, the same AES-GCM keys and sequence number, the same record version. For
// anything else it must answer undefined, so that the record is really opened (and fails).

const key = Uint8Array.from({ length: 16 }, (_, i) => 0x30 + i);
const iv = Uint8Array.from({ length: 12 }, (_, i) => 0xc0 ^ (i * 3));
const header = { type: 23, version: 0x0303 };
const RECORD = 25; // 5 + 3 bytes of content + the inner type + a 16-byte tag
const content = (i: number) => Uint8Array.of(0x61 + i, 0x62 + i, 0x63 + i);

/** 16 sealed records in one write: the least that seals late. */
function lateWrite(): TlsWrite {
  const sealer: Sealer = { keys: { key, iv }, seq: 0, name: 'server application traffic key', aead: 'AES-128-GCM' };
  const pieces = Array.from({ length: 16 }, (_, i) => ({ kind: 'sealed' as const, sealer, innerType: 23, content: content(i), layers: [], title: `record ${i}` }));
  return tlsWrite('16 records', pieces, 'late');
}

/** The reader's copy of the same keys: equal bytes, other arrays. */
const readerKeys = () => ({ key: key.slice(), iv: iv.slice() });
/** Record i's fragment: the memory right after its header. */
const fragment = (w: TlsWrite, i: number) => w.data.subarray(RECORD * i + 5, RECORD * (i + 1));

describe('ownUnsealedRecord: the plaintext of our own unsealed record, and of nothing else', () => {
  it('record 3 under sequence number 3: its content and type, with nothing sealed; sealed later, OpenSSL opens the same', () => {
    const w = lateWrite();
    expect(ownUnsealedRecord(header, fragment(w, 3), readerKeys(), 3, false)).toEqual({ type: 23, content: content(3) });
    expect(toHex(fragment(w, 3))).toBe('00'.repeat(20)); // still unsealed
    const record = realBytes(w.data).subarray(RECORD * 3, RECORD * 4);
    const nonce = iv.slice();
    nonce[11] ^= 3;
    const d = createDecipheriv('aes-128-gcm', key, nonce);
    d.setAAD(record.subarray(0, 5));
    d.setAuthTag(record.subarray(RECORD - 16));
    expect(Buffer.concat([d.update(record.subarray(5, RECORD - 16)), d.final()]).toString('hex')).toBe(`${toHex(content(3))}17`);
  });

  it.each([
    ['a view one byte later, as long as the fragment', (w: TlsWrite) => w.data.subarray(6, RECORD + 1)],
    ['a view one byte shorter (a header whose length was changed)', (w: TlsWrite) => w.data.subarray(5, RECORD - 1)],
    ['a view one byte longer', (w: TlsWrite) => w.data.subarray(5, RECORD + 1)],
  ])('%s is not the record: undefined', (_, view) => {
    const w = lateWrite();
    expect(ownUnsealedRecord(header, view(w), readerKeys(), 0, false)).toBeUndefined();
  });

  it('a header other than the one written (the AAD would differ): version 0x0301, or type handshake, gives undefined', () => {
    const w = lateWrite();
    expect(ownUnsealedRecord({ type: 23, version: 0x0301 }, fragment(w, 0), readerKeys(), 0, false)).toBeUndefined();
    expect(ownUnsealedRecord({ type: 22, version: 0x0303 }, fragment(w, 0), readerKeys(), 0, false)).toBeUndefined();
  });

  it('a TLS 1.2 reader of a TLS 1.3 record (other nonce, other AAD, no inner type): undefined', () => {
    const w = lateWrite();
    expect(ownUnsealedRecord(header, fragment(w, 0), readerKeys(), 0, true)).toBeUndefined();
  });

  it('other keys: a ChaCha20-Poly1305 reader with the same bytes, an AES-256 key that begins with ours, another sequence number: undefined', () => {
    const w = lateWrite();
    expect(ownUnsealedRecord(header, fragment(w, 0), { ...readerKeys(), chacha20: true }, 0, false)).toBeUndefined();
    const aes256 = new Uint8Array(32);
    aes256.set(key);
    expect(ownUnsealedRecord(header, fragment(w, 0), { key: aes256, iv: iv.slice() }, 0, false)).toBeUndefined();
    expect(ownUnsealedRecord(header, fragment(w, 0), readerKeys(), 1, false)).toBeUndefined();
  });
});
