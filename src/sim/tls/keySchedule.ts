import { expand, extract } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { ascii, concat } from '../bytes/hex';

/**
 * The TLS 1.3 key schedule (RFC 8446 §7). Every function takes the suite's hash (SHA-256 unless
 * told otherwise: TLS_AES_256_GCM_SHA384 uses SHA-384) and derives lengths from it.
 */
export type Hash = typeof sha256 | typeof sha384;

export interface Suite13 {
  id: number;
  name: string;
  hash: Hash;
  keyLength: number;
  /** In words, for the inspector: "AES-256-GCM". */
  aead: string;
}

export const SUITES13: Record<number, Suite13> = {
  0x1301: { id: 0x1301, name: 'TLS_AES_128_GCM_SHA256', hash: sha256, keyLength: 16, aead: 'AES-128-GCM' },
  0x1302: { id: 0x1302, name: 'TLS_AES_256_GCM_SHA384', hash: sha384, keyLength: 32, aead: 'AES-256-GCM' },
};

const IV_LEN = 12;
const empty = new Uint8Array(0);

export const transcriptHash = (...messages: Uint8Array[]): Uint8Array => sha256(concat(...messages));

/** HKDF-Expand-Label (RFC 8446 §7.1). */
export function hkdfExpandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number, hash: Hash = sha256): Uint8Array {
  const full = ascii(`tls13 ${label}`);
  const info = concat(Uint8Array.of(length >>> 8, length & 0xff, full.length), full, Uint8Array.of(context.length), context);
  return expand(hash, secret, info, length);
}

/** Derive-Secret(Secret, Label, Messages), with the transcript already hashed. */
export const deriveSecret = (secret: Uint8Array, label: string, transcript: Uint8Array, hash: Hash = sha256): Uint8Array =>
  hkdfExpandLabel(secret, label, transcript, hash.outputLen, hash);

/** Early secret from a PSK (resumption) or from zeros (a full handshake). */
export const earlySecret = (psk: Uint8Array | undefined, hash: Hash = sha256): Uint8Array =>
  extract(hash, psk ?? new Uint8Array(hash.outputLen), new Uint8Array(hash.outputLen));

export interface HandshakeSecrets {
  earlySecret: Uint8Array;
  handshakeSecret: Uint8Array;
  clientHandshakeTrafficSecret: Uint8Array;
  serverHandshakeTrafficSecret: Uint8Array;
}

/** Early secret → handshake secret → handshake traffic secrets, over hash(ClientHello..ServerHello). */
export function handshakeSecrets(sharedSecret: Uint8Array, helloHash: Uint8Array, hash: Hash = sha256, psk?: Uint8Array): HandshakeSecrets {
  const early = earlySecret(psk, hash);
  const derived = deriveSecret(early, 'derived', hash(empty), hash);
  const handshakeSecret = extract(hash, sharedSecret, derived);
  return {
    earlySecret: early,
    handshakeSecret,
    clientHandshakeTrafficSecret: deriveSecret(handshakeSecret, 'c hs traffic', helloHash, hash),
    serverHandshakeTrafficSecret: deriveSecret(handshakeSecret, 's hs traffic', helloHash, hash),
  };
}

export interface ApplicationSecrets {
  masterSecret: Uint8Array;
  clientApplicationTrafficSecret: Uint8Array;
  serverApplicationTrafficSecret: Uint8Array;
  exporterMasterSecret: Uint8Array;
}

/** Master secret → application traffic secrets, over hash(ClientHello..server Finished). */
export function applicationSecrets(handshakeSecret: Uint8Array, handshakeHash: Uint8Array, hash: Hash = sha256): ApplicationSecrets {
  const derived = deriveSecret(handshakeSecret, 'derived', hash(empty), hash);
  const masterSecret = extract(hash, new Uint8Array(hash.outputLen), derived);
  return {
    masterSecret,
    clientApplicationTrafficSecret: deriveSecret(masterSecret, 'c ap traffic', handshakeHash, hash),
    serverApplicationTrafficSecret: deriveSecret(masterSecret, 's ap traffic', handshakeHash, hash),
    exporterMasterSecret: deriveSecret(masterSecret, 'exp master', handshakeHash, hash),
  };
}

export interface TrafficKeys {
  key: Uint8Array;
  iv: Uint8Array;
  /** The record AEAD: AES-GCM unless the suite is a ChaCha20-Poly1305 one (RFC 8439; RFC 7905 for TLS 1.2). */
  chacha20?: boolean;
}

/**
 * TLS_CHACHA20_POLY1305_SHA256 (RFC 8446 §B.4). Not in SUITES13: our endpoints do not offer or
 * pick it; the capture import opens records of peers that did.
 */
export const CHACHA20_POLY1305_SHA256: Suite13 = { id: 0x1303, name: 'TLS_CHACHA20_POLY1305_SHA256', hash: sha256, keyLength: 32, aead: 'ChaCha20-Poly1305' };

export function trafficKeys(secret: Uint8Array, suite: Suite13 = SUITES13[0x1301]): TrafficKeys {
  const keys = { key: hkdfExpandLabel(secret, 'key', empty, suite.keyLength, suite.hash), iv: hkdfExpandLabel(secret, 'iv', empty, IV_LEN, suite.hash) };
  return suite.aead === CHACHA20_POLY1305_SHA256.aead ? { ...keys, chacha20: true } : keys;
}

export function finishedKey(trafficSecret: Uint8Array, hash: Hash = sha256): Uint8Array {
  return hkdfExpandLabel(trafficSecret, 'finished', empty, hash.outputLen, hash);
}

/** Finished.verify_data = HMAC(finished_key, transcript hash) (RFC 8446 §4.4.4). */
export function finishedVerifyData(trafficSecret: Uint8Array, transcript: Uint8Array, hash: Hash = sha256): Uint8Array {
  return hmac(hash, finishedKey(trafficSecret, hash), transcript);
}

/** resumption_master_secret → the PSK of one ticket (RFC 8446 §4.6.1). */
export function ticketPsk(resumptionMasterSecret: Uint8Array, nonce: Uint8Array, hash: Hash = sha256): Uint8Array {
  return hkdfExpandLabel(resumptionMasterSecret, 'resumption', nonce, hash.outputLen, hash);
}

export const resumptionMasterSecret = (masterSecret: Uint8Array, transcriptThroughClientFinished: Uint8Array, hash: Hash = sha256): Uint8Array =>
  deriveSecret(masterSecret, 'res master', transcriptThroughClientFinished, hash);
