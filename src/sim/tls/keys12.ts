import { x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { concat } from '../bytes/hex';
import { TlsAlertError } from './inbox';
import type { TrafficKeys } from './keySchedule';
import { aeadKeys12, extendedMasterSecret, masterSecret, type PrfHash } from './prf12';

/** The TLS 1.2 suites our endpoints speak: ECDHE key exchange, ECDSA certificates (ours is P-256), AES-GCM records. */
export interface Suite12 {
  id: number;
  name: string;
  /** The PRF's hash, which is also the transcript hash for Finished (RFC 5246 §7.4.9). */
  hash: PrfHash;
  keyLength: number;
  aead: string;
}

export const SUITES12: Record<number, Suite12> = {
  0xc02b: { id: 0xc02b, name: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', hash: sha256, keyLength: 16, aead: 'AES-128-GCM' },
  0xc02c: { id: 0xc02c, name: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', hash: sha384, keyLength: 32, aead: 'AES-256-GCM' },
};

export const X25519 = 0x001d;
export const SECP256R1 = 0x0017;

/** An ephemeral ECDHE key pair for one of the groups we speak (RFC 8422 §5.4: uncompressed points only for P-256). */
export function ecdhePublicKey(group: number, secret: Uint8Array): Uint8Array {
  return group === X25519 ? x25519.getPublicKey(secret) : p256.getPublicKey(secret, false);
}

/** The premaster secret: the X25519 output, or the x-coordinate of the P-256 shared point (RFC 8422 §5.10). */
export function ecdhePremaster(group: number, secret: Uint8Array, peer: Uint8Array): Uint8Array {
  try {
    return group === X25519 ? x25519.getSharedSecret(secret, peer) : p256.getSharedSecret(secret, peer, true).slice(1);
  } catch (e) {
    // RFC 8422 §5.11: a point not on the curve (or X25519's all-zero output) ends the handshake.
    throw new TlsAlertError('illegal_parameter', `the peer's ${group === X25519 ? 'x25519' : 'secp256r1'} key is not usable: ${(e as Error).message}`);
  }
}

/** ServerECDHParams (RFC 8422 §5.4): named_curve, the group, the public key in a 1-byte vector. */
export const ecdhParams = (group: number, publicKey: Uint8Array): Uint8Array => concat(Uint8Array.of(3, group >> 8, group & 0xff, publicKey.length), publicKey);

/** What ServerKeyExchange's signature covers: both randoms, then the ECDH parameters (RFC 8422 §5.4). */
export const serverKeyExchangeSigned = (clientRandom: Uint8Array, serverRandom: Uint8Array, params: Uint8Array): Uint8Array => concat(clientRandom, serverRandom, params);

export interface Session12 {
  master: Uint8Array;
  client: TrafficKeys;
  server: TrafficKeys;
}

/**
 * Premaster → master secret → key block (RFC 5246 §8.1, §6.3). With extended_master_secret the
 * master secret covers the session hash, the transcript through ClientKeyExchange (RFC 7627 §4).
 */
export function session12(suite: Suite12, premaster: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, sessionHash: Uint8Array | undefined): Session12 {
  const master = sessionHash ? extendedMasterSecret(premaster, sessionHash, suite.hash) : masterSecret(premaster, clientRandom, serverRandom, suite.hash);
  const k = aeadKeys12(master, clientRandom, serverRandom, suite.keyLength, 4, suite.hash);
  return { master, client: { key: k.clientWriteKey, iv: k.clientWriteIv }, server: { key: k.serverWriteKey, iv: k.serverWriteIv } };
}
