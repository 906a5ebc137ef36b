import { gcm } from '@noble/ciphers/aes.js';

/** AES-GCM encryption: ciphertext followed by the 16-byte tag. */
export type AesGcmSeal = ((key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array) => Uint8Array) & {
  /** Decryption by the same implementation; throws when the tag does not match. */
  open?: (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array) => Uint8Array;
};

const noble: AesGcmSeal = (key, nonce, aad, plaintext) => gcm(key, nonce, aad).encrypt(plaintext);
noble.open = (key, nonce, aad, sealed) => gcm(key, nonce, aad).decrypt(sealed);
let seal: AesGcmSeal = noble;

/**
 * Records are sealed and opened with @noble's AES-GCM everywhere the page runs. A Node program
 * may hand in the platform's own (OpenSSL through node:crypto, see nodeAesGcm.ts): AES-GCM is
 * deterministic, so the bytes are the same, only faster (a test compares the two).
 */
export function useAesGcm(impl: AesGcmSeal | undefined): void {
  seal = impl ?? noble;
}

export function aesGcmSeal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return seal(key, nonce, aad, plaintext);
}

export function aesGcmOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array {
  return (seal.open ?? noble.open!)(key, nonce, aad, sealed);
}
