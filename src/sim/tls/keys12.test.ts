import { createECDH } from 'node:crypto';
import { sha256, sha384 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../bytes/hex';
import { opensslSession } from './interop/openssl';
import { ecdhParams, ecdhePremaster, ecdhePublicKey, SECP256R1, serverKeyExchangeSigned, session12, SUITES12, X25519 } from './keys12';
import { aeadKeys12, extendedMasterSecret, finishedVerifyData12, keyBlock, masterSecret } from './prf12';
import { HandshakeReader, parseServerKeyExchangeEcdhe } from './parse/handshake';
import { RecordReader } from './parse/record';

// Oracles: OpenSSL's TLS1-PRF (`openssl kdf … TLS1-PRF`, the command under each vector), Node's
// ECDH (OpenSSL) for P-256, RFC 7748 §6.1 for X25519, and a ServerKeyExchange OpenSSL wrote.
const pms = fromHex('03030102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e');
const cr = fromHex('202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f');
const sr = fromHex('404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f');
const sessionHash = fromHex('6465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f90919293');
// openssl kdf -keylen 48 -kdfopt digest:SHA256 -kdfopt hexsecret:<pms> -kdfopt seed:"master secret" -kdfopt hexseed:<cr><sr> TLS1-PRF
const MS256 = '06efcaf327eddc312dc534b4f02e1b6f7fdf0db61f41a3323685a4e8c89faefcecf2c49871b6aabf6259ff5e9a229f27';
// openssl kdf -keylen 48 -kdfopt digest:SHA384 -kdfopt hexsecret:<pms> -kdfopt seed:"extended master secret" -kdfopt hexseed:<sessionHash> TLS1-PRF
const EMS384 = '430b68fa64000e93945edf921c7acb4fcbd6d15550316983034dd01a9cf7f5cff8bc1f1d3183f9a2ec0016a9810060c4';
// openssl kdf -keylen 72 -kdfopt digest:SHA384 -kdfopt hexsecret:<EMS384> -kdfopt seed:"key expansion" -kdfopt hexseed:<sr><cr> TLS1-PRF
const KB384 = '0f0cfc924dec1adf31d871136fc6668488c0cb88de91ecb500dfebf0610f7adb3ffcdfaeadde323f384e8d8684afba5bb00d225c8a92267dce2517c85008db258ba3c15443d444ba';
// openssl kdf -keylen 40 -kdfopt digest:SHA256 -kdfopt hexsecret:<MS256> -kdfopt seed:"key expansion" -kdfopt hexseed:<sr><cr> TLS1-PRF
const KB256 = '383ccf373d7aff281dc5278666d6ec036d4e4306cdda7f88e9525ed9c6d7b640620d6aa3d1e238bc';
// openssl kdf -keylen 12 -kdfopt digest:SHA256 -kdfopt hexsecret:<MS256> -kdfopt seed:"client finished" -kdfopt hexseed:<sessionHash> TLS1-PRF
const CLIENT_FINISHED = '94b88a9af5c8502ad69cca6d';

describe('TLS 1.2 secrets and keys against OpenSSL TLS1-PRF (RFC 5246 §8.1, §6.3, §7.4.9; RFC 7627)', () => {
  it('master secret over the randoms, extended master secret over the session hash, key block with server_random first', () => {
    expect(toHex(masterSecret(pms, cr, sr))).toBe(MS256);
    expect(toHex(extendedMasterSecret(pms, sessionHash, sha384))).toBe(EMS384);
    expect(toHex(keyBlock(fromHex(MS256), cr, sr, 40))).toBe(KB256);
    expect(toHex(keyBlock(fromHex(EMS384), cr, sr, 72, sha384))).toBe(KB384);
    expect(toHex(finishedVerifyData12(fromHex(MS256), 'client', sessionHash))).toBe(CLIENT_FINISHED);
  });

  it('an AEAD key block splits into client key, server key, client salt, server salt', () => {
    const k = aeadKeys12(fromHex(MS256), cr, sr);
    expect([k.clientWriteKey, k.serverWriteKey, k.clientWriteIv, k.serverWriteIv].map(toHex)).toEqual([KB256.slice(0, 32), KB256.slice(32, 64), KB256.slice(64, 72), KB256.slice(72, 80)]);
  });

  it('session12: SHA-384 suite with extended master secret, SHA-256 suite without', () => {
    expect(SUITES12[0xc02c]).toMatchObject({ name: 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', keyLength: 32, aead: 'AES-256-GCM' });
    expect(SUITES12[0xc02b]).toMatchObject({ name: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', keyLength: 16, aead: 'AES-128-GCM' });
    const ems = session12(SUITES12[0xc02c], pms, cr, sr, sessionHash);
    expect(toHex(ems.master)).toBe(EMS384);
    expect([ems.client.key, ems.server.key, ems.client.iv, ems.server.iv].map(toHex)).toEqual([KB384.slice(0, 64), KB384.slice(64, 128), KB384.slice(128, 136), KB384.slice(136, 144)]);
    const plain = session12(SUITES12[0xc02b], pms, cr, sr, undefined);
    expect(toHex(plain.master)).toBe(MS256);
    expect([plain.client.key, plain.server.key, plain.client.iv, plain.server.iv].map(toHex)).toEqual([KB256.slice(0, 32), KB256.slice(32, 64), KB256.slice(64, 72), KB256.slice(72, 80)]);
    expect(sha256.outputLen).toBe(32);
  });
});

describe('ECDHE for TLS 1.2 (RFC 8422)', () => {
  it('X25519: RFC 7748 §6.1 keys and shared secret', () => {
    const alice = fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const bobPublic = fromHex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    expect(toHex(ecdhePublicKey(X25519, alice))).toBe('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    expect(toHex(ecdhePremaster(X25519, alice, bobPublic))).toBe('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742');
  });

  it('P-256: an uncompressed point, and the x-coordinate of the shared point as OpenSSL computes it (§5.10)', () => {
    const a = fromHex('c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433');
    const b = fromHex('c6ef9c5d78ae012a011164acb397ce2088685d8f06bf9be0b283ab46476bee53');
    const nodeA = createECDH('prime256v1');
    nodeA.setPrivateKey(a);
    const nodeB = createECDH('prime256v1');
    nodeB.setPrivateKey(b);
    expect(toHex(ecdhePublicKey(SECP256R1, a))).toBe(nodeA.getPublicKey('hex', 'uncompressed'));
    const premaster = ecdhePremaster(SECP256R1, a, nodeB.getPublicKey());
    expect(toHex(premaster)).toBe(nodeA.computeSecret(nodeB.getPublicKey()).toString('hex'));
    expect(premaster.length).toBe(32);
  });

  it('a peer key that is not usable ends the handshake with illegal_parameter, naming the group', () => {
    const secret = new Uint8Array(32).fill(7);
    const notOnCurve = new Uint8Array(65).fill(1);
    notOnCurve[0] = 4;
    expect(() => ecdhePremaster(SECP256R1, secret, notOnCurve)).toThrow(expect.objectContaining({ alert: 'illegal_parameter', message: expect.stringMatching(/^the peer's secp256r1 key is not usable: /) }));
    // RFC 7748 §6.1: an all-zero shared secret (a small-order point) must be refused.
    expect(() => ecdhePremaster(X25519, secret, new Uint8Array(32))).toThrow(expect.objectContaining({ alert: 'illegal_parameter', message: expect.stringMatching(/^the peer's x25519 key is not usable: /) }));
  });

  it('ServerECDHParams and the signed content laid out as in a ServerKeyExchange OpenSSL wrote', async () => {
    const s = await opensslSession({ version: 'TLSv1.2', ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256', request: 'ping', response: 'pong', exportLabel: 'x' });
    const down = new RecordReader().push(new Uint8Array(Buffer.concat(s.toClient)));
    const messages = down.filter((r) => r.type === 22).slice(0, 3).flatMap((r) => new HandshakeReader().push(r.fragment));
    const ske = parseServerKeyExchangeEcdhe(messages.find((m) => m.type === 12)!.body);
    expect(toHex(ecdhParams(ske.namedGroup, ske.publicKey))).toBe(toHex(ske.params));
    const cr2 = new Uint8Array(32).fill(1);
    const sr2 = new Uint8Array(32).fill(2);
    expect(toHex(serverKeyExchangeSigned(cr2, sr2, ske.params))).toBe(toHex(cr2) + toHex(sr2) + toHex(ske.params));
  }, 20_000);
});
