import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { CHACHA20_POLY1305_SHA256, SUITES13, type Suite13, type TrafficKeys } from '../sim/tls/keySchedule';
import { aeadKeys12, type PrfHash } from '../sim/tls/prf12';

/**
 * The cipher suites whose records the import opens with a key log: every AEAD suite in common
 * use. CBC suites and TLS 1.3's rare AES-CCM ones stay encrypted, and a note names the suite.
 */

/** TLS 1.3 (RFC 8446 §B.4): the suite fixes the key schedule's hash, the key length and the AEAD. */
export const OPENABLE13: Readonly<Record<number, Suite13>> = { ...SUITES13, [CHACHA20_POLY1305_SHA256.id]: CHACHA20_POLY1305_SHA256 };

/** A TLS 1.2 AEAD suite: its PRF hash (RFC 5246 §5) and key length; ChaCha20-Poly1305 takes a 12-byte IV, GCM a 4-byte salt. */
export interface Suite12Keys {
  hash: PrfHash;
  keyLength: number;
  chacha20?: true;
}

const AES_128_GCM: Suite12Keys = { hash: sha256, keyLength: 16 };
const AES_256_GCM: Suite12Keys = { hash: sha384, keyLength: 32 };
const CHACHA20: Suite12Keys = { hash: sha256, keyLength: 32, chacha20: true };

export const OPENABLE12: Readonly<Record<number, Suite12Keys>> = {
  // RFC 5289 (ECDHE) and RFC 5288 (RSA, DHE): AES-GCM, SHA-256 or SHA-384 by key length
  0xc02b: AES_128_GCM, 0xc02f: AES_128_GCM, 0x009c: AES_128_GCM, 0x009e: AES_128_GCM,
  0xc02c: AES_256_GCM, 0xc030: AES_256_GCM, 0x009d: AES_256_GCM, 0x009f: AES_256_GCM,
  // RFC 7905: ECDHE-RSA, ECDHE-ECDSA, DHE-RSA with ChaCha20-Poly1305
  0xcca8: CHACHA20, 0xcca9: CHACHA20, 0xccaa: CHACHA20,
};

/** Both sides' record keys from the master secret (RFC 5246 §6.3: an AEAD suite's key block has no MAC keys). */
export function recordKeys12(suite: Suite12Keys, master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): { client: TrafficKeys; server: TrafficKeys } {
  const k = aeadKeys12(master, clientRandom, serverRandom, suite.keyLength, suite.chacha20 ? 12 : 4, suite.hash);
  const aead = suite.chacha20 ? { chacha20: true } : {};
  return { client: { key: k.clientWriteKey, iv: k.clientWriteIv, ...aead }, server: { key: k.serverWriteKey, iv: k.serverWriteIv, ...aead } };
}
