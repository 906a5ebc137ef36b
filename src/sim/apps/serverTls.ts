import { fromBase64 } from '../bytes/hex';
import type { Scenario } from '../scenario';
import { KEY_GROUPS } from '../tls/groups';
import type { TlsServerOptions } from '../tls/server';
import { expiredLeafCertificateDer, intermediateCertificateDer, leafCertificateDer, leafPrivateKeyPkcs8Der } from '../tls/testCertificates';
import { parseX509 } from '../tls/x509';

/** The 32-byte scalar inside a PKCS#8 P-256 key: ECPrivateKey is `02 01 01 04 20 <key>` (RFC 5915). */
export function p256PrivateKey(pkcs8: Uint8Array): Uint8Array {
  for (let i = 0; i + 37 <= pkcs8.length; i++) {
    if (pkcs8[i] === 2 && pkcs8[i + 1] === 1 && pkcs8[i + 2] === 1 && pkcs8[i + 3] === 4 && pkcs8[i + 4] === 32) return pkcs8.slice(i + 5, i + 37);
  }
  throw new Error('PKCS#8: no P-256 private key found');
}

const groupId = (name: string): number => Number(Object.values(KEY_GROUPS).find((g) => g.name === name)!.id);

/**
 * The simulated server's TLS settings from a scenario's `tls` section: the leaf it presents
 * (valid or expired), the groups it accepts, and the protocols it offers by ALPN. The subjects
 * the inspector shows are the certificates' own names.
 */
export function serverTlsOptions(scenario: Scenario, alpn: string[]): TlsServerOptions {
  return {
    chain: [fromBase64(scenario.tls?.certificate === 'expired' ? expiredLeafCertificateDer : leafCertificateDer), fromBase64(intermediateCertificateDer)].map((der) => ({ der, subject: `CN=${parseX509(der).commonName}` })),
    privateKey: p256PrivateKey(fromBase64(leafPrivateKeyPkcs8Der)),
    alpn,
    groups: scenario.tls?.serverGroups?.map(groupId),
  };
}
