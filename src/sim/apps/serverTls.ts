import { fromBase64 } from '../bytes/hex';
import type { Scenario } from '../scenario';
import { KEY_GROUPS } from '../tls/groups';
import type { TlsServerOptions } from '../tls/server';
import { expiredLeafCertificateDer, intermediateCertificateDer, leafCertificateDer, leafPrivateKeyPkcs8Der } from '../tls/testCertificates';
import { children, oid, readDer } from '../tls/der';
import { parseX509 } from '../tls/x509';

const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const PRIME256V1 = '1.2.840.10045.3.1.7';

/**
 * The 32-byte scalar of a PKCS#8 P-256 key: PrivateKeyInfo (RFC 5208 §5) with the algorithm
 * id-ecPublicKey on prime256v1 (RFC 5480 §2.1.1), whose privateKey holds an ECPrivateKey
 * (RFC 5915 §3: version 1, the key as an OCTET STRING, then optional parameters and public key).
 */
export function p256PrivateKey(pkcs8: Uint8Array): Uint8Array {
  const [, algorithm, privateKey] = children(readDer(pkcs8, 0).content);
  const [kind, curve] = algorithm?.tag === 0x30 ? children(algorithm.content) : [];
  if (kind?.tag !== 0x06 || oid(kind) !== EC_PUBLIC_KEY || curve?.tag !== 0x06 || oid(curve) !== PRIME256V1 || privateKey?.tag !== 0x04) {
    throw new Error('PKCS#8: not a P-256 key (expected id-ecPublicKey on prime256v1): export it with `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`');
  }
  const [, scalar] = children(readDer(privateKey.content, 0).content);
  if (scalar?.tag !== 0x04 || scalar.content.length !== 32) throw new Error('PKCS#8: the EC private key is not a 32-byte OCTET STRING (RFC 5915 §3)');
  return scalar.content.slice();
}

const groupId = (name: string): number => Number(Object.values(KEY_GROUPS).find((g) => g.name === name)!.id);

/**
 * The simulated server's TLS settings from a scenario's `tls` section: the leaf it presents
 * (valid or expired), the groups it accepts, and the protocols it offers by ALPN. The subjects
 * the inspector shows are the certificates' own names.
 */
export function serverTlsOptions(scenario: Scenario, alpn: string[]): TlsServerOptions {
  return {
    chain: [fromBase64(scenario.tls?.certificate === 'expired' ? expiredLeafCertificateDer : leafCertificateDer), fromBase64(intermediateCertificateDer)].map((der) => ({
      der,
      subject: `CN=${parseX509(der).commonName}`,
    })),
    privateKey: p256PrivateKey(fromBase64(leafPrivateKeyPkcs8Der)),
    alpn,
    groups: scenario.tls?.serverGroups?.map(groupId),
  };
}
