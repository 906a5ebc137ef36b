import { expand, extract } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { ascii, concat } from '../bytes/hex';

/** TLS_AES_128_GCM_SHA256: SHA-256 everywhere, 16-byte keys, 12-byte IVs (RFC 8446 §7). */
const HASH_LEN = 32;
const KEY_LEN = 16;
const IV_LEN = 12;
const zeros = new Uint8Array(HASH_LEN);

export const transcriptHash = (...messages: Uint8Array[]): Uint8Array => sha256(concat(...messages));

/** HKDF-Expand-Label (RFC 8446 §7.1). */
export function hkdfExpandLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Uint8Array {
  const full = ascii(`tls13 ${label}`);
  const info = concat(Uint8Array.of(length >>> 8, length & 0xff, full.length), full, Uint8Array.of(context.length), context);
  return expand(sha256, secret, info, length);
}

/** Derive-Secret(Secret, Label, Messages), with the transcript already hashed. */
export const deriveSecret = (secret: Uint8Array, label: string, hash: Uint8Array): Uint8Array =>
  hkdfExpandLabel(secret, label, hash, HASH_LEN);

export interface HandshakeSecrets {
  earlySecret: Uint8Array;
  handshakeSecret: Uint8Array;
  clientHandshakeTrafficSecret: Uint8Array;
  serverHandshakeTrafficSecret: Uint8Array;
}

/** Early secret (no PSK) → handshake secret → handshake traffic secrets, over hash(ClientHello..ServerHello). */
export function handshakeSecrets(sharedSecret: Uint8Array, helloHash: Uint8Array): HandshakeSecrets {
  const earlySecret = extract(sha256, zeros, zeros);
  const derived = deriveSecret(earlySecret, 'derived', sha256(new Uint8Array(0)));
  const handshakeSecret = extract(sha256, sharedSecret, derived);
  return {
    earlySecret,
    handshakeSecret,
    clientHandshakeTrafficSecret: deriveSecret(handshakeSecret, 'c hs traffic', helloHash),
    serverHandshakeTrafficSecret: deriveSecret(handshakeSecret, 's hs traffic', helloHash),
  };
}

export interface ApplicationSecrets {
  masterSecret: Uint8Array;
  clientApplicationTrafficSecret: Uint8Array;
  serverApplicationTrafficSecret: Uint8Array;
  exporterMasterSecret: Uint8Array;
}

/** Master secret → application traffic secrets, over hash(ClientHello..server Finished). */
export function applicationSecrets(handshakeSecret: Uint8Array, handshakeHash: Uint8Array): ApplicationSecrets {
  const derived = deriveSecret(handshakeSecret, 'derived', sha256(new Uint8Array(0)));
  const masterSecret = extract(sha256, zeros, derived);
  return {
    masterSecret,
    clientApplicationTrafficSecret: deriveSecret(masterSecret, 'c ap traffic', handshakeHash),
    serverApplicationTrafficSecret: deriveSecret(masterSecret, 's ap traffic', handshakeHash),
    exporterMasterSecret: deriveSecret(masterSecret, 'exp master', handshakeHash),
  };
}

export interface TrafficKeys {
  key: Uint8Array;
  iv: Uint8Array;
}

export function trafficKeys(secret: Uint8Array): TrafficKeys {
  return { key: hkdfExpandLabel(secret, 'key', new Uint8Array(0), KEY_LEN), iv: hkdfExpandLabel(secret, 'iv', new Uint8Array(0), IV_LEN) };
}

/** Finished.verify_data = HMAC(finished_key, transcript hash) (RFC 8446 §4.4.4). */
export function finishedVerifyData(trafficSecret: Uint8Array, hash: Uint8Array): Uint8Array {
  const finishedKey = hkdfExpandLabel(trafficSecret, 'finished', new Uint8Array(0), HASH_LEN);
  return hmac(sha256, finishedKey, hash);
}

export function finishedKey(trafficSecret: Uint8Array): Uint8Array {
  return hkdfExpandLabel(trafficSecret, 'finished', new Uint8Array(0), HASH_LEN);
}
