import { fromBase64 } from '../bytes/hex';
import { intermediateCertificateDer, leafCertificateDer, leafPrivateKeyPkcs8Der, rootCertificateDer } from './testCertificates';

/** The bundled test chain as PEM, for handing to Node's tls in interop tests. */
const pem = (label: string, b64: string) => `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;

export const testPem = {
  leaf: pem('CERTIFICATE', leafCertificateDer),
  intermediate: pem('CERTIFICATE', intermediateCertificateDer),
  root: pem('CERTIFICATE', rootCertificateDer),
  key: pem('PRIVATE KEY', leafPrivateKeyPkcs8Der),
};
export const testDer = { leaf: fromBase64(leafCertificateDer), intermediate: fromBase64(intermediateCertificateDer), root: fromBase64(rootCertificateDer) };
