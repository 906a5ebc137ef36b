import { p256 } from '@noble/curves/nist.js';
import { TlsAlertError } from './inbox';
import { parseX509, verifyChain } from './x509';

/** What a client trusts: one root, the host it asked for, and its clock. */
export interface TrustOptions {
  trustedRoot: Uint8Array;
  host: string;
  nowSeconds: number;
}

/**
 * The server's chain checked against our root, host and clock (RFC 8446 §4.4.2.4, RFC 5246
 * §7.4.2): the leaf's public key, or the alert the client sends (certificate_expired, bad_certificate…).
 */
export function trustedLeafKey(chain: Uint8Array[], o: TrustOptions): Uint8Array {
  const verdict = verifyChain(chain, o.trustedRoot, o.host, o.nowSeconds);
  if (!verdict.ok) throw new TlsAlertError(verdict.alert, verdict.reason);
  return parseX509(chain[0]).publicKey;
}

/**
 * The server's signature with the leaf's key, by TLS 1.3's CertificateVerify or TLS 1.2's
 * ServerKeyExchange: ecdsa_secp256r1_sha256 (0x0403), the one scheme we offer, else illegal_parameter;
 * a signature that does not verify is decrypt_error (RFC 8446 §4.4.3, RFC 5246 §7.4.3).
 */
export function checkServerSignature(message: 'CertificateVerify' | 'ServerKeyExchange', algorithm: number, signature: Uint8Array, signed: Uint8Array, leafKey: Uint8Array): void {
  if (algorithm !== 0x0403) throw new TlsAlertError('illegal_parameter', `${message} signed with 0x${algorithm.toString(16)}, not ecdsa_secp256r1_sha256`);
  if (!p256.verify(signature, signed, leafKey, { prehash: true, format: 'der', lowS: false }))
    throw new TlsAlertError('decrypt_error', `${message} signature does not verify with the certificate key`);
}
