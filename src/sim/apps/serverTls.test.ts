import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../bytes/hex';
import { findScenario } from '../scenarios';
import { leafPrivateKeyPkcs8Der } from '../tls/testCertificates';
import { p256PrivateKey, serverTlsOptions } from './serverTls';

// The oracle is OpenSSL (Node's crypto): the key's `d` as its JWK export gives it (RFC 7518 §6.2.2.1).
const opensslScalar = (pkcs8: Uint8Array) => Buffer.from(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }).export({ format: 'jwk' }).d!, 'base64url');
const pkcs8Of = (key: ReturnType<typeof generateKeyPairSync>['privateKey']) => new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }) as Buffer);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('p256PrivateKey: the scalar of a PKCS#8 P-256 key (RFC 5208, RFC 5915)', () => {
  it("the server's key (assets/certs), as OpenSSL reads it", () => {
    const der = fromBase64(leafPrivateKeyPkcs8Der);
    expect(hex(p256PrivateKey(der))).toBe(hex(opensslScalar(der)));
  });

  it('keys OpenSSL makes, public key included', () => {
    for (let i = 0; i < 4; i++) {
      const der = pkcs8Of(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
      expect(hex(p256PrivateKey(der))).toBe(hex(opensslScalar(der)));
    }
  });

  it('a key without the optional parameters and public key: the scalar ends the file', () => {
    const d = opensslScalar(pkcs8Of(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey));
    // PrivateKeyInfo { 0, { id-ecPublicKey, prime256v1 }, OCTET STRING { ECPrivateKey { 1, OCTET STRING d } } }
    const der = Uint8Array.from([
      ...[0x30, 0x41, 0x02, 0x01, 0x00],
      ...[0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
      ...[0x04, 0x27, 0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20],
      ...d,
    ]);
    expect(hex(opensslScalar(der))).toBe(hex(d)); // OpenSSL takes it
    expect(hex(p256PrivateKey(der))).toBe(hex(d));
  });

  it('refuses keys of other curves and algorithms, saying what it expected', () => {
    const others = [
      generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey,
      generateKeyPairSync('ed25519').privateKey,
      generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey,
    ];
    for (const key of others) expect(() => p256PrivateKey(pkcs8Of(key))).toThrow('PKCS#8: not a P-256 key (expected id-ecPublicKey on prime256v1)');
  });

  it('refuses a P-256 key whose scalar is not 32 bytes, and a cut file', () => {
    const der = pkcs8Of(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
    const at = hex(der).indexOf('0201010420') / 2;
    const short = der.slice();
    short[at + 4] = 31; // the OCTET STRING claims 31 bytes: its last byte becomes the next element's tag
    expect(() => p256PrivateKey(short)).toThrow(/PKCS#8: the EC private key is not a 32-byte OCTET STRING|DER: an element runs past its end/);
    expect(() => p256PrivateKey(der.slice(0, 40))).toThrow('DER: an element runs past its end');
  });
});

describe('p256PrivateKey: each part of the structure is checked (hand-built DER, X.690)', () => {
  /** A DER element: tag, short-form length, content. */
  const tlv = (tag: number, ...content: number[][]): number[] => {
    const body = content.flat();
    return [tag, body.length, ...body];
  };
  const VERSION_0 = tlv(0x02, [0]);
  const EC_PUBLIC_KEY = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]; // 1.2.840.10045.2.1 (RFC 5480 §2.1.1)
  const ID_ECDH = [0x2b, 0x81, 0x04, 0x01, 0x0c]; // 1.3.132.1.12 (RFC 5480 §2.1.2: ECDH only)
  const PRIME256V1 = [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]; // 1.2.840.10045.3.1.7
  const D = Array.from({ length: 32 }, (_, i) => i + 1);
  const ecPrivateKey = (scalar: number[], scalarTag = 0x04) => tlv(0x30, tlv(0x02, [1]), tlv(scalarTag, scalar));
  const pkcs8 = (o: { algorithm?: number[]; algorithmTag?: number; kindTag?: number; curve?: number[] | null; curveTag?: number; privateKeyTag?: number; inner?: number[] } = {}) => {
    const algorithm = tlv(o.algorithmTag ?? 0x30, tlv(o.kindTag ?? 0x06, o.algorithm ?? EC_PUBLIC_KEY), o.curve === null ? [] : tlv(o.curveTag ?? 0x06, o.curve ?? PRIME256V1));
    return Uint8Array.from(tlv(0x30, VERSION_0, algorithm, tlv(o.privateKeyTag ?? 0x04, o.inner ?? ecPrivateKey(D))));
  };
  const NOT_P256 = 'PKCS#8: not a P-256 key (expected id-ecPublicKey on prime256v1)';
  const NOT_32 = 'PKCS#8: the EC private key is not a 32-byte OCTET STRING (RFC 5915 §3)';

  it('the hand-built key reads back, and OpenSSL takes it too', () => {
    const der = pkcs8();
    expect([...p256PrivateKey(der)]).toEqual(D);
    expect([...opensslScalar(der)]).toEqual(D);
  });

  it('the scalar is a copy: changing the file afterwards does not change the key', () => {
    const der = pkcs8();
    const key = p256PrivateKey(der);
    der.fill(0);
    expect([...key]).toEqual(D);
  });

  it('refuses another algorithm on prime256v1 (id-ecDH), or an algorithm that is not an OBJECT IDENTIFIER', () => {
    expect(() => p256PrivateKey(pkcs8({ algorithm: ID_ECDH }))).toThrow(NOT_P256);
    expect(() => p256PrivateKey(pkcs8({ kindTag: 0x04 }))).toThrow(NOT_P256);
  });

  it('refuses a curve that is missing or not an OBJECT IDENTIFIER, and an AlgorithmIdentifier that is not a SEQUENCE', () => {
    expect(() => p256PrivateKey(pkcs8({ curve: null }))).toThrow(NOT_P256);
    expect(() => p256PrivateKey(pkcs8({ curveTag: 0x04 }))).toThrow(NOT_P256);
    expect(() => p256PrivateKey(pkcs8({ algorithmTag: 0x31 }))).toThrow(NOT_P256);
  });

  it('refuses a privateKey that is missing or not an OCTET STRING', () => {
    expect(() => p256PrivateKey(Uint8Array.from(tlv(0x30, VERSION_0, tlv(0x30, tlv(0x06, EC_PUBLIC_KEY), tlv(0x06, PRIME256V1)))))).toThrow(NOT_P256);
    expect(() => p256PrivateKey(Uint8Array.from(tlv(0x30, VERSION_0)))).toThrow(NOT_P256);
    expect(() => p256PrivateKey(pkcs8({ privateKeyTag: 0x03 }))).toThrow(NOT_P256);
  });

  it('refuses an ECPrivateKey whose key is 31 bytes, not an OCTET STRING, or missing', () => {
    expect(() => p256PrivateKey(pkcs8({ inner: ecPrivateKey(D.slice(1)) }))).toThrow(NOT_32);
    expect(() => p256PrivateKey(pkcs8({ inner: ecPrivateKey(D, 0x03) }))).toThrow(NOT_32);
    expect(() => p256PrivateKey(pkcs8({ inner: tlv(0x30, tlv(0x02, [1])) }))).toThrow(NOT_32);
  });
});

describe('serverTlsOptions', () => {
  it("a scenario's server groups as their IANA code points (TLS Supported Groups registry)", () => {
    const https = findScenario('https')!;
    const names = ['secp256r1', 'x25519', 'X25519MLKEM768', 'secp384r1', 'x448', 'secp521r1'] as const;
    const groups = serverTlsOptions({ ...https, tls: { ...https.tls!, serverGroups: [...names] } }, ['http/1.1']).groups;
    expect(groups).toEqual([0x0017, 0x001d, 0x11ec, 0x0018, 0x001e, 0x0019]);
  });

  it('the chain it presents: the leaf (valid or expired) and the intermediate, with their subjects', () => {
    const https = findScenario('https')!;
    const valid = serverTlsOptions(https, ['h2']);
    const expired = serverTlsOptions({ ...https, tls: { ...https.tls!, certificate: 'expired' } }, ['h2']);
    expect(valid.chain.map((c) => c.subject)).toEqual(expired.chain.map((c) => c.subject));
    expect(hex(valid.chain[0].der)).not.toBe(hex(expired.chain[0].der));
    expect(hex(valid.chain[1].der)).toBe(hex(expired.chain[1].der));
    expect(valid.alpn).toEqual(['h2']);
  });
});
