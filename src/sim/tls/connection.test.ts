import { p256 } from '@noble/curves/nist.js';
import { sha384 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { concat, fromBase64 } from '../bytes/hex';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';
import { certificateVerifyInput } from './messages';
import { parseCertificateVerify, parseHandshakeMessages, parseServerHello } from './parse/handshake';
import { parseRecords } from './parse/record';
import { leafCertificateDer } from './testCertificates';

/** The uncompressed P-256 point in a certificate's SubjectPublicKeyInfo: BIT STRING 03 42 00 04 … */
function leafPublicKey(der: Uint8Array): Uint8Array {
  for (let i = 0; i + 68 <= der.length; i++) {
    if (der[i] === 0x03 && der[i + 1] === 0x42 && der[i + 2] === 0 && der[i + 3] === 4) return der.slice(i + 3, i + 68);
  }
  throw new Error('no P-256 key in certificate');
}

describe('TLS handshake on the wire', () => {
  it("signs CertificateVerify with the certificate's key over the transcript (RFC 8446 §4.4.3)", () => {
    const sim = simulate(findScenario('https')!);
    const payload = (label: string) => {
      const p = sim.packets.find((q) => q.label === label)!;
      return p.bytes.subarray(p.bytes.length - p.tcp!.payloadLength);
    };
    const [ch] = parseRecords(payload('ClientHello')).records;
    const serverRecords = parseRecords(payload('ServerHello {EE…Fin}')).records;
    const sh = serverRecords[0].fragment;
    // curl offers TLS_AES_256_GCM_SHA384 first and OpenSSL takes the client's order: SHA-384 transcript.
    expect(parseServerHello(sh.subarray(4)).cipherSuite).toBe(0x1302);
    const flight = sim.packets.find((p) => p.label === 'ServerHello {EE…Fin}')!.decrypted.map((d) => d.bytes);
    const messages = flight.flatMap((b) => parseHandshakeMessages(b));
    expect(messages.map((m) => m.name)).toEqual(['EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished']);
    const hash = sha384(concat(ch.fragment, sh, messages[0].raw, messages[1].raw));
    const cv = parseCertificateVerify(messages[2].body);
    expect(cv.algorithm).toBe(0x0403);
    const key = leafPublicKey(fromBase64(leafCertificateDer));
    expect(p256.verify(cv.signature, certificateVerifyInput(hash), key, { prehash: true, format: 'der' })).toBe(true);
    expect(p256.verify(cv.signature, certificateVerifyInput(sha384(Uint8Array.of(1))), key, { prehash: true, format: 'der' })).toBe(false);
  });
});
