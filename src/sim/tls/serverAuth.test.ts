import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkServerSignature } from './serverAuth';

// The server's ECDSA P-256 signature as OpenSSL makes it (node:crypto): OpenSSL does not normalise
// S to the low half (that is Bitcoin's rule, not TLS's), so a client must take either S.

const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const derInt = (v: bigint) => {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return [2, hex.length / 2, ...Buffer.from(hex, 'hex')];
};
const derSignature = (r: bigint, s: bigint) => {
  const body = [...derInt(r), ...derInt(s)];
  return Uint8Array.from([0x30, body.length, ...body]);
};
/** r and s of a DER ECDSA signature (SEQUENCE of two INTEGERs, each under 128 bytes). */
function readSignature(der: Uint8Array): [bigint, bigint] {
  const rLen = der[3];
  const r = BigInt(`0x${Buffer.from(der.subarray(4, 4 + rLen)).toString('hex')}`);
  const sLen = der[5 + rLen];
  const s = BigInt(`0x${Buffer.from(der.subarray(6 + rLen, 6 + rLen + sLen)).toString('hex')}`);
  return [r, s];
}

describe('checkServerSignature (ecdsa_secp256r1_sha256)', () => {
  it('takes an OpenSSL signature with S in either half of the group order, refuses another message', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const leafKey = Uint8Array.from([4, ...Buffer.from(jwk.x!, 'base64url'), ...Buffer.from(jwk.y!, 'base64url')]);
    const signed = new TextEncoder().encode('TLS 1.3, server CertificateVerify');
    const [r, s] = readSignature(new Uint8Array(sign('sha256', signed, privateKey)));
    const low = s > N / 2n ? N - s : s;
    for (const sig of [derSignature(r, low), derSignature(r, N - low)]) expect(() => checkServerSignature('CertificateVerify', 0x0403, sig, signed, leafKey)).not.toThrow();
    expect(() => checkServerSignature('ServerKeyExchange', 0x0403, derSignature(r, low), Uint8Array.of(1), leafKey)).toThrow('ServerKeyExchange signature does not verify with the certificate key');
    expect(() => checkServerSignature('CertificateVerify', 0x0804, derSignature(r, low), signed, leafKey)).toThrow('CertificateVerify signed with 0x804, not ecdsa_secp256r1_sha256');
  });
});
