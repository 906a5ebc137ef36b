import { concat } from '../bytes/hex';
import { aesGcmSeal } from './aesGcm';
import type { TrafficKeys } from './keySchedule';
import { aeadOpen, RECORD_HEADER_BYTES, TAG_BYTES, recordHeader, recordNonce } from './record';

/** The 8 bytes of nonce each TLS 1.2 GCM record carries in the clear (RFC 5288 §3). */
export const EXPLICIT_NONCE_BYTES = 8;

const u64 = (n: number): Uint8Array => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n));
  return out;
};

/** RFC 5246 §6.2.3.3: additional_data = seq_num + type + version + length (of the plaintext). */
function additionalData(seq: number, type: number, plainLength: number, version = 0x0303): Uint8Array {
  return concat(u64(seq), Uint8Array.of(type, version >> 8, version & 0xff, plainLength >> 8, plainLength & 0xff));
}

/**
 * A TLS 1.2 AES-GCM record: the header shows the real content type; the fragment is the explicit
 * nonce, the ciphertext and the tag. `keys.iv` is the 4-byte salt from the key block. The explicit
 * part is the record's sequence number, which RFC 5288 §3 allows: unique per key, which is all GCM
 * needs (OpenSSL counts from a random start instead; a reader takes the 8 bytes as sent).
 */
export function sealRecord12(keys: TrafficKeys, seq: number, type: number, content: Uint8Array): Uint8Array {
  const explicit = u64(seq);
  const sealed = aesGcmSeal(keys.key, concat(keys.iv, explicit), additionalData(seq, type, content.length), content);
  const body = concat(explicit, sealed);
  return concat(recordHeader(type, body.length), body);
}

/**
 * Opens a TLS 1.2 AEAD record (header included); throws when the tag does not match. AES-GCM:
 * `keys.iv` is the 4-byte salt, the record carries the other 8 nonce bytes. ChaCha20-Poly1305
 * (RFC 7905 §2): `keys.iv` is 12 bytes, XORed with the sequence number as in TLS 1.3; nothing explicit.
 */
export function openRecord12(keys: TrafficKeys, seq: number, record: Uint8Array): { type: number; content: Uint8Array } {
  const type = record[0];
  const fragment = record.subarray(RECORD_HEADER_BYTES);
  const explicitBytes = keys.chacha20 ? 0 : EXPLICIT_NONCE_BYTES;
  if (fragment.length < explicitBytes + TAG_BYTES) throw new Error(`TLS 1.2: record shorter than ${explicitBytes ? 'nonce and tag' : 'its tag'}`);
  const nonce = keys.chacha20 ? recordNonce(keys.iv, seq) : concat(keys.iv, fragment.subarray(0, EXPLICIT_NONCE_BYTES));
  const plainLength = fragment.length - explicitBytes - TAG_BYTES;
  const version = (record[1] << 8) | record[2];
  const content = aeadOpen(keys, nonce, additionalData(seq, type, plainLength, version), fragment.subarray(explicitBytes));
  return { type, content };
}
