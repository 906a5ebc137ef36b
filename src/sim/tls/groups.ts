import { x25519 } from '@noble/curves/ed25519.js';
import { x448 } from '@noble/curves/ed448.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { concat } from '../bytes/hex';
import type { Prng } from '../prng';

/**
 * The key exchange groups our endpoints can compute (RFC 8446 §4.2.7, §7.4), as one interface
 * for ECDH and for the ML-KEM hybrid: the client makes a share and later reads the server's; the
 * server answers a client share with its own and the shared secret. Randomness is the caller's
 * seeded PRNG. ffdhe groups are named by the profiles but not computed here.
 */
export const X25519 = 0x001d;
export const SECP256R1 = 0x0017;
export const X25519MLKEM768 = 0x11ec;

export interface ClientKeyShare {
  group: number;
  key: Uint8Array;
  /** The shared secret, given the server's key_exchange. */
  agree(serverShare: Uint8Array): Uint8Array;
}

export interface KeyGroup {
  id: number;
  name: string;
  /** Random bytes the ECDH secret is made from (X25519: the scalar itself; NIST curves: a seed reduced into range). */
  seedBytes: number;
  /** The client share from `seed` (ECDH) and the PRNG (ML-KEM's keygen seed). */
  client(seed: Uint8Array, prng: Prng): ClientKeyShare;
  server(clientShare: Uint8Array, seed: Uint8Array, prng: Prng): { key: Uint8Array; shared: Uint8Array };
}

interface Ecdh {
  getPublicKey(secret: Uint8Array, compressed?: boolean): Uint8Array;
  getSharedSecret(secret: Uint8Array, pub: Uint8Array, compressed?: boolean): Uint8Array;
}

/** RFC 7748 curves: any string of the right length is a scalar, and the shared secret is the whole output. */
const montgomery = (id: number, name: string, curve: Ecdh, size: number): KeyGroup => ({
  id,
  name,
  seedBytes: size,
  client: (seed) => ({ group: id, key: curve.getPublicKey(seed), agree: (peer) => curve.getSharedSecret(seed, peer) }),
  server: (peer, seed) => ({ key: curve.getPublicKey(seed), shared: curve.getSharedSecret(seed, peer) }),
});

/** NIST curves (RFC 8446 §4.2.8.2, §7.4.2): uncompressed points, and the shared secret is the x coordinate alone. */
const weierstrass = (id: number, name: string, curve: Ecdh & { utils: { randomSecretKey(seed: Uint8Array): Uint8Array } }, fieldBytes: number): KeyGroup => {
  // FIPS 186-5 A.4.1: a seed half again as long as the order, reduced mod n − 1, plus 1.
  const secret = (seed: Uint8Array) => curve.utils.randomSecretKey(seed);
  const x = (seed: Uint8Array, peer: Uint8Array) => curve.getSharedSecret(secret(seed), peer, true).subarray(1);
  return {
    id,
    name,
    seedBytes: fieldBytes + Math.ceil(fieldBytes / 2),
    client: (seed) => ({ group: id, key: curve.getPublicKey(secret(seed), false), agree: (peer) => x(seed, peer) }),
    server: (peer, seed) => ({ key: curve.getPublicKey(secret(seed), false), shared: x(seed, peer) }),
  };
};

const ML_KEM_768_EK = 1184;
const ML_KEM_768_CT = 1088;

/**
 * X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem §3): the client sends ML-KEM-768's encapsulation
 * key then its X25519 key (1216 bytes), the server the ML-KEM ciphertext then its X25519 key
 * (1120 bytes), and the shared secret is the ML-KEM secret then the X25519 one (64 bytes).
 */
const x25519MlKem768: KeyGroup = {
  id: X25519MLKEM768,
  name: 'X25519MLKEM768',
  seedBytes: 32,
  client: (secret, prng) => {
    const kem = ml_kem768.keygen(prng.bytes(64));
    return {
      group: X25519MLKEM768,
      key: concat(kem.publicKey, x25519.getPublicKey(secret)),
      agree: (peer) => {
        if (peer.length !== ML_KEM_768_CT + 32) throw new RangeError(`X25519MLKEM768 server share of ${peer.length} bytes, not ${ML_KEM_768_CT + 32}`);
        return concat(ml_kem768.decapsulate(peer.subarray(0, ML_KEM_768_CT), kem.secretKey), x25519.getSharedSecret(secret, peer.subarray(ML_KEM_768_CT)));
      },
    };
  },
  server: (peer, secret, prng) => {
    if (peer.length !== ML_KEM_768_EK + 32) throw new RangeError(`X25519MLKEM768 client share of ${peer.length} bytes, not ${ML_KEM_768_EK + 32}`);
    const { cipherText, sharedSecret } = ml_kem768.encapsulate(peer.subarray(0, ML_KEM_768_EK), prng.bytes(32));
    return { key: concat(cipherText, x25519.getPublicKey(secret)), shared: concat(sharedSecret, x25519.getSharedSecret(secret, peer.subarray(ML_KEM_768_EK))) };
  },
};

export const KEY_GROUPS: Record<number, KeyGroup> = {
  [X25519]: montgomery(X25519, 'x25519', x25519, 32),
  0x001e: montgomery(0x001e, 'x448', x448, 56),
  [SECP256R1]: weierstrass(SECP256R1, 'secp256r1', p256, 32),
  0x0018: weierstrass(0x0018, 'secp384r1', p384, 48),
  0x0019: weierstrass(0x0019, 'secp521r1', p521, 66),
  [X25519MLKEM768]: x25519MlKem768,
};

/** What our server accepts when the scenario does not say: OpenSSL 3.5's default order, the hybrid first. */
export const DEFAULT_SERVER_GROUPS = [X25519MLKEM768, X25519, SECP256R1, 0x001e, 0x0018, 0x0019];
