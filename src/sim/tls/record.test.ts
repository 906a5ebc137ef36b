import { gcm } from '@noble/ciphers/aes.js';
import { afterEach, describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../bytes/hex';
import { aesGcmOpen, aesGcmSeal, useAesGcm } from './aesGcm';
import { nodeAesGcm } from './nodeAesGcm';
import { openRecord, plainRecord, recordHeader, recordNonce, sealRecord } from './record';
import { rfc8448 as v } from './rfc8448.fixture';

// Oracles: RFC 8446 §5.2-§5.3 spelled out by hand (nonce = IV XOR the 64-bit sequence number,
// TLSInnerPlaintext = content ‖ type ‖ zeros), sealed with @noble's GCM directly; the GCM test
// case of McGrew & Viega (test case 4, as in NIST's GCM spec) for both implementations.
const keys = { key: fromHex(v.serverHandshakeKey), iv: fromHex(v.serverHandshakeIv) };

describe('TLS 1.3 record nonce and framing (RFC 8446 §5)', () => {
  it('the nonce is the IV XOR the sequence number, right-aligned over the last 8 bytes', () => {
    const iv = fromHex('ffffffffffffffffffffffff');
    expect(toHex(recordNonce(iv, 0))).toBe('ffffffffffffffffffffffff');
    expect(toHex(recordNonce(iv, 1))).toBe('fffffffffffffffffffffffe');
    expect(toHex(recordNonce(iv, 0x0102030405))).toBe('fffffffffffffffefdfcfbfa');
    // 2^53 - 1, the largest sequence number a JS number holds exactly: 7 bytes.
    expect(toHex(recordNonce(iv, Number.MAX_SAFE_INTEGER))).toBe('ffffffffffe0000000000000');
    expect(toHex(iv)).toBe('ffffffffffffffffffffffff');
  });

  it('a record header is type, version, 16-bit length; a plaintext record carries its fragment after it', () => {
    expect(toHex(recordHeader(23, 0x1234))).toBe('1703031234');
    expect(toHex(recordHeader(22, 5, 0x0301))).toBe('1603010005');
    expect(toHex(plainRecord(22, fromHex(v.serverHello)))).toBe(v.serverHelloRecord);
    expect(toHex(plainRecord(22, Uint8Array.of(1, 2), 0x0301))).toBe('16030100020102');
  });

  it('sealRecord is GCM over content ‖ type with the header as AAD, at the sequence number asked for', () => {
    const content = new TextEncoder().encode('hello');
    for (const seq of [0, 1, 300]) {
      const sealed = sealRecord(keys, seq, 23, content);
      const header = fromHex('1703030016');
      const expected = concat(header, gcm(keys.key, recordNonce(keys.iv, seq), header).encrypt(concat(content, Uint8Array.of(23))));
      expect(toHex(sealed)).toBe(toHex(expected));
      expect(openRecord(keys, seq, sealed)).toEqual({ type: 23, content });
    }
  });

  it('openRecord strips the zero padding and finds the real type; an inner plaintext of zeros only is refused', () => {
    const seal = (inner: Uint8Array) => {
      const header = recordHeader(23, inner.length + 16);
      return concat(header, gcm(keys.key, recordNonce(keys.iv, 4), header).encrypt(inner));
    };
    expect(openRecord(keys, 4, seal(fromHex('616263170000000000')))).toEqual({ type: 23, content: fromHex('616263') });
    expect(openRecord(keys, 4, seal(fromHex('15')))).toEqual({ type: 21, content: new Uint8Array(0) });
    expect(openRecord(keys, 4, seal(fromHex('0016')))).toEqual({ type: 22, content: fromHex('00') });
    expect(() => openRecord(keys, 4, seal(fromHex('000000')))).toThrow('TLS: record has no content type');
    expect(() => openRecord(keys, 4, seal(fromHex('00')))).toThrow('TLS: record has no content type');
    expect(() => openRecord(keys, 5, seal(fromHex('15')))).toThrow();
  });
});

describe('AES-GCM behind useAesGcm', () => {
  afterEach(() => useAesGcm(undefined));
  // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 4 (AES-128, 60-byte plaintext, 20-byte AAD).
  const K = fromHex('feffe9928665731c6d6a8f9467308308');
  const IV = fromHex('cafebabefacedbaddecaf888');
  const P = fromHex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
  const A = fromHex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const C = '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091';
  const T = '5bc94fbc3221a5db94fae95ae7121a47';

  it('@noble (the default) and OpenSSL both give the published ciphertext and tag, and open it', () => {
    for (const impl of [undefined, nodeAesGcm]) {
      useAesGcm(impl);
      expect(toHex(aesGcmSeal(K, IV, A, P))).toBe(C + T);
      expect(toHex(aesGcmOpen(K, IV, A, fromHex(C + T)))).toBe(toHex(P));
      // Test case 1: zero key and IV, nothing to encrypt: the tag alone.
      expect(toHex(aesGcmSeal(new Uint8Array(16), new Uint8Array(12), new Uint8Array(0), new Uint8Array(0)))).toBe('58e2fccefa7e3061367f1d57a4e7455a');
      expect(aesGcmOpen(new Uint8Array(16), new Uint8Array(12), new Uint8Array(0), fromHex('58e2fccefa7e3061367f1d57a4e7455a'))).toEqual(new Uint8Array(0));
    }
  });

  it('opening goes to the implementation handed in; one without an opener falls back to @noble', () => {
    const tampered = fromHex(C + T);
    tampered[0] ^= 1;
    useAesGcm(nodeAesGcm);
    expect(() => aesGcmOpen(K, IV, A, tampered)).toThrow('Unsupported state or unable to authenticate data');
    const sealOnly = (k: Uint8Array, n: Uint8Array, a: Uint8Array, p: Uint8Array) => nodeAesGcm(k, n, a, p);
    useAesGcm(sealOnly);
    expect(toHex(aesGcmSeal(K, IV, A, P))).toBe(C + T);
    expect(() => aesGcmOpen(K, IV, A, tampered)).toThrow('aes-gcm: invalid tag');
    useAesGcm(undefined);
    expect(() => aesGcmOpen(K, IV, A, tampered)).toThrow('aes-gcm: invalid tag');
  });

  it('OpenSSL picks AES-256-GCM from a 32-byte key (test case 16 of McGrew & Viega)', () => {
    const K256 = fromHex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    const sealed = toHex(nodeAesGcm(K256, IV, A, P));
    expect(sealed).toBe('522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' + '76fc6ece0f4e1768cddf8853bb2d551b');
    expect(toHex(nodeAesGcm.open!(K256, IV, A, fromHex(sealed)))).toBe(toHex(P));
  });
});
