import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { ascii, concat } from '../bytes/hex';

/**
 * TLS 1.2 key derivation (RFC 5246 §5, §8.1, §6.3, §7.4.9; RFC 7627 extended master secret).
 *
 *   const ms = extendedMasterSecret(preMasterSecret, sessionHash)   // or masterSecret(pms, cr, sr)
 *   const keys = aeadKeys12(ms, clientRandom, serverRandom)          // AES-128-GCM: 16-byte keys, 4-byte salts
 *   finishedVerifyData12(ms, 'client', handshakeHash)                // 12 bytes
 *
 * `hash` is the suite's PRF hash: SHA-256 for every suite but the *_SHA384 ones.
 */
export type PrfHash = typeof sha256 | typeof sha384;

/** P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + …, A(i) = HMAC(secret, A(i-1)). */
function pHash(hash: PrfHash, secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let a = seed;
  for (let filled = 0; filled < length; ) {
    a = hmac(hash, secret, a);
    const block = hmac(hash, secret, concat(a, seed));
    out.set(block.subarray(0, Math.min(block.length, length - filled)), filled);
    filled += block.length;
  }
  return out;
}

/** PRF(secret, label, seed) = P_<hash>(secret, label + seed) (RFC 5246 §5). */
export function prf12(secret: Uint8Array, label: string, seed: Uint8Array, length: number, hash: PrfHash = sha256): Uint8Array {
  return pHash(hash, secret, concat(ascii(label), seed), length);
}

/** RFC 5246 §8.1: 48 bytes over client_random + server_random. */
export const masterSecret = (preMasterSecret: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, hash: PrfHash = sha256): Uint8Array =>
  prf12(preMasterSecret, 'master secret', concat(clientRandom, serverRandom), 48, hash);

/** RFC 7627 §4: over the session hash (the transcript through ClientKeyExchange) instead of the randoms. */
export const extendedMasterSecret = (preMasterSecret: Uint8Array, sessionHash: Uint8Array, hash: PrfHash = sha256): Uint8Array =>
  prf12(preMasterSecret, 'extended master secret', sessionHash, 48, hash);

/** RFC 5246 §6.3: note the seed order, server_random first. */
export const keyBlock = (master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, length: number, hash: PrfHash = sha256): Uint8Array =>
  prf12(master, 'key expansion', concat(serverRandom, clientRandom), length, hash);

export interface AeadKeys12 {
  clientWriteKey: Uint8Array;
  serverWriteKey: Uint8Array;
  /** The implicit 4-byte nonce salt (RFC 5288 §3); the other 8 bytes go explicitly in each record. */
  clientWriteIv: Uint8Array;
  serverWriteIv: Uint8Array;
}

/** An AEAD suite's key block has no MAC keys: client key, server key, client IV, server IV (RFC 5246 §6.3). */
export function aeadKeys12(master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, keyLength = 16, ivLength = 4, hash: PrfHash = sha256): AeadKeys12 {
  const kb = keyBlock(master, clientRandom, serverRandom, 2 * (keyLength + ivLength), hash);
  return {
    clientWriteKey: kb.slice(0, keyLength),
    serverWriteKey: kb.slice(keyLength, 2 * keyLength),
    clientWriteIv: kb.slice(2 * keyLength, 2 * keyLength + ivLength),
    serverWriteIv: kb.slice(2 * keyLength + ivLength, 2 * (keyLength + ivLength)),
  };
}

/** RFC 5246 §7.4.9: 12 bytes of PRF(master, "client finished" | "server finished", Hash(handshake_messages)). */
export const finishedVerifyData12 = (master: Uint8Array, who: 'client' | 'server', handshakeHash: Uint8Array, hash: PrfHash = sha256): Uint8Array =>
  prf12(master, `${who} finished`, handshakeHash, 12, hash);
