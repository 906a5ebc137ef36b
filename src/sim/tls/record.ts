import { chacha20poly1305 } from '@noble/ciphers/chacha.js';
import { aesGcmOpen, aesGcmSeal } from './aesGcm';
import type { TrafficKeys } from './keySchedule';

export const CONTENT_CHANGE_CIPHER_SPEC = 20;
export const CONTENT_ALERT = 21;
export const CONTENT_HANDSHAKE = 22;
export const CONTENT_APPLICATION_DATA = 23;
export const RECORD_HEADER_BYTES = 5;
export const TAG_BYTES = 16;

/** Per-record nonce: the IV XOR the 64-bit record sequence number, left-padded (RFC 8446 §5.3). */
export function recordNonce(iv: Uint8Array, seq: number): Uint8Array {
  const nonce = iv.slice();
  let s = BigInt(seq);
  for (let i = nonce.length - 1; i >= nonce.length - 8; i--) {
    nonce[i] ^= Number(s & 0xffn);
    s >>= 8n;
  }
  return nonce;
}

export function recordHeader(type: number, length: number, version = 0x0303): Uint8Array {
  return Uint8Array.of(type, version >>> 8, version & 0xff, length >>> 8, length & 0xff);
}

/** TLSPlaintext: a record in the clear (ClientHello, ServerHello). */
export function plainRecord(type: number, fragment: Uint8Array, version = 0x0303): Uint8Array {
  const out = new Uint8Array(RECORD_HEADER_BYTES + fragment.length);
  out.set(recordHeader(type, fragment.length, version));
  out.set(fragment, RECORD_HEADER_BYTES);
  return out;
}

/** TLSCiphertext: content + real type byte, sealed with AES-GCM; the header is the AAD (RFC 8446 §5.2). */
export function sealRecord(keys: TrafficKeys, seq: number, innerType: number, content: Uint8Array): Uint8Array {
  const inner = new Uint8Array(content.length + 1);
  inner.set(content);
  inner[content.length] = innerType;
  const header = recordHeader(CONTENT_APPLICATION_DATA, inner.length + TAG_BYTES);
  const sealed = aesGcmSeal(keys.key, recordNonce(keys.iv, seq), header, inner);
  const out = new Uint8Array(RECORD_HEADER_BYTES + sealed.length);
  out.set(header);
  out.set(sealed, RECORD_HEADER_BYTES);
  return out;
}

/** The keys' AEAD opened (AES-GCM, or ChaCha20-Poly1305 for its suites); throws when the tag does not match. */
export function aeadOpen(keys: TrafficKeys, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array {
  return keys.chacha20 ? chacha20poly1305(keys.key, nonce, aad).decrypt(sealed) : aesGcmOpen(keys.key, nonce, aad, sealed);
}

/** Opens a TLSCiphertext record; strips zero padding and returns the real content type. */
export function openRecord(keys: TrafficKeys, seq: number, record: Uint8Array): { type: number; content: Uint8Array } {
  const header = record.subarray(0, RECORD_HEADER_BYTES);
  const inner = aeadOpen(keys, recordNonce(keys.iv, seq), header, record.subarray(RECORD_HEADER_BYTES));
  let end = inner.length - 1;
  while (end >= 0 && inner[end] === 0) end--;
  if (end < 0) throw new Error('TLS: record has no content type');
  return { type: inner[end], content: inner.slice(0, end) };
}
