import { createECDH, createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex';
import { createPrng } from '../prng';
import { DEFAULT_SERVER_GROUPS, KEY_GROUPS, SECP256R1, X25519, X25519MLKEM768 } from './groups';

// Oracles: OpenSSL through node:crypto (X25519 and X448 by raw key, RFC 7748; P-256/384/521 ECDH,
// whose shared secret is the x coordinate, RFC 8446 §7.4.2), FIPS 186-5 A.4.1 for turning a seed
// into a NIST-curve secret (spelled out with BigInt here), and @noble/post-quantum's ML-KEM-768
// (FIPS 203) for the hybrid's layout (draft-ietf-tls-ecdhe-mlkem §3).
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const seedOf = (n: number, fill: number) => new Uint8Array(n).map((_, i) => (fill + i * 7) & 0xff);

function opensslMontgomery(crv: 'X25519' | 'X448', secret: Uint8Array, peerPublic: Uint8Array) {
  const priv = createPrivateKey({ key: { kty: 'OKP', crv, d: b64u(secret), x: '' }, format: 'jwk' });
  const pub = createPublicKey(priv).export({ format: 'jwk' }).x!;
  const shared = diffieHellman({ privateKey: priv, publicKey: createPublicKey({ key: { kty: 'OKP', crv, x: b64u(peerPublic) }, format: 'jwk' }) });
  return { pub: Buffer.from(pub, 'base64url').toString('hex'), shared: shared.toString('hex') };
}

describe('key exchange groups against OpenSSL (RFC 8446 §4.2.7, §7.4)', () => {
  it.each([[X25519, 'X25519', 32], [0x001e, 'X448', 56]] as const)('group %i (%s): the scalar is the seed, the secret the whole output', (id, crv, size) => {
    const g = KEY_GROUPS[id];
    expect([g.id, g.name, g.seedBytes]).toEqual([id, crv.toLowerCase(), size]);
    const prng = createPrng(1);
    const a = seedOf(size, 1);
    const b = seedOf(size, 99);
    const client = g.client(a, prng);
    const server = g.server(client.key, b, prng);
    expect(client.group).toBe(id);
    const oa = opensslMontgomery(crv, a, server.key);
    const ob = opensslMontgomery(crv, b, client.key);
    expect(toHex(client.key)).toBe(oa.pub);
    expect(toHex(server.key)).toBe(ob.pub);
    expect(toHex(server.shared)).toBe(ob.shared);
    expect(toHex(client.agree(server.key))).toBe(oa.shared);
  });

  it.each([
    [SECP256R1, 'secp256r1', 'prime256v1', p256, 32],
    [0x0018, 'secp384r1', 'secp384r1', p384, 48],
    [0x0019, 'secp521r1', 'secp521r1', p521, 66],
  ] as const)('group %i (%s): the secret from a seed per FIPS 186-5 A.4.1, uncompressed points, the x coordinate as secret', (id, name, opensslName, curve, fieldBytes) => {
    const g = KEY_GROUPS[id];
    expect([g.id, g.name, g.seedBytes]).toEqual([id, name, fieldBytes + Math.ceil(fieldBytes / 2)]);
    const n = curve.Point.CURVE().n;
    const secretOf = (seed: Uint8Array) => (BigInt(`0x${toHex(seed)}`) % (n - 1n)) + 1n;
    const a = seedOf(g.seedBytes, 3);
    const b = seedOf(g.seedBytes, 200);
    const prng = createPrng(2);
    const client = g.client(a, prng);
    const server = g.server(client.key, b, prng);
    const oa = createECDH(opensslName);
    oa.setPrivateKey(Buffer.from(secretOf(a).toString(16).padStart(2 * fieldBytes, '0'), 'hex'));
    const ob = createECDH(opensslName);
    ob.setPrivateKey(Buffer.from(secretOf(b).toString(16).padStart(2 * fieldBytes, '0'), 'hex'));
    expect(toHex(client.key)).toBe(oa.getPublicKey('hex', 'uncompressed'));
    expect(toHex(server.key)).toBe(ob.getPublicKey('hex', 'uncompressed'));
    expect(toHex(server.shared)).toBe(ob.computeSecret(client.key).toString('hex'));
    expect(toHex(client.agree(server.key))).toBe(oa.computeSecret(server.key).toString('hex'));
    expect(server.shared.length).toBe(fieldBytes);
  });

  it('X25519MLKEM768: client share = encapsulation key ‖ X25519 key (1216 bytes), server share = ciphertext ‖ X25519 key (1120), secret = ML-KEM ‖ X25519 (64)', () => {
    const g = KEY_GROUPS[X25519MLKEM768];
    expect([g.id, g.name, g.seedBytes]).toEqual([0x11ec, 'X25519MLKEM768', 32]);
    const a = seedOf(32, 5);
    const b = seedOf(32, 77);
    const client = g.client(a, createPrng(3));
    expect(client.group).toBe(0x11ec);
    const kem = ml_kem768.keygen(createPrng(3).bytes(64));
    expect(toHex(client.key)).toBe(toHex(kem.publicKey) + opensslMontgomery('X25519', a, new Uint8Array(32).fill(9)).pub);
    const server = g.server(client.key, b, createPrng(4));
    expect(server.key.length).toBe(1120);
    const ct = server.key.subarray(0, 1088);
    const mlkemSecret = ml_kem768.decapsulate(ct, kem.secretKey);
    const x = opensslMontgomery('X25519', b, client.key.subarray(1184));
    expect(toHex(server.key.subarray(1088))).toBe(x.pub);
    expect(toHex(server.shared)).toBe(toHex(mlkemSecret) + x.shared);
    expect(toHex(client.agree(server.key))).toBe(toHex(server.shared));
    expect(() => client.agree(server.key.subarray(1))).toThrow('X25519MLKEM768 server share of 1119 bytes, not 1120');
    expect(() => g.server(client.key.subarray(0, 1184), b, createPrng(4))).toThrow('X25519MLKEM768 client share of 1184 bytes, not 1216');
  });

  it("our server's default order is OpenSSL 3.5's: the hybrid, x25519, secp256r1, x448, secp384r1, secp521r1", () => {
    expect(DEFAULT_SERVER_GROUPS).toEqual([0x11ec, 0x001d, 0x0017, 0x001e, 0x0018, 0x0019]);
  });
});
