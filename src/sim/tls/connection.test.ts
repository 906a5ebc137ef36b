import { p256 } from '@noble/curves/nist.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { fromBase64 } from '../bytes/hex';
import { findScenario } from '../scenarios';
import { simulate } from '../simulate';
import { certificateVerifyInput } from './messages';
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
    const server = sim.packets.filter((p) => p.from === 'server');
    const flight = server.find((p) => p.decrypted.some((d) => d.key === 'server handshake traffic key'))!.decrypted[0].bytes;
    const hello = sim.packets.find((p) => p.label === 'ClientHello')!;
    const sh = sim.packets.find((p) => p.label === 'ServerHello')!;
    const payload = (p: typeof hello) => p.bytes.subarray(p.bytes.length - p.tcp!.payloadLength + 5); // skip the record header
    // Walk the decrypted flight: EE, Certificate, then CertificateVerify.
    const messages: Uint8Array[] = [];
    for (let at = 0; at < flight.length; ) {
      const len = (flight[at + 1] << 16) | (flight[at + 2] << 8) | flight[at + 3];
      messages.push(flight.subarray(at, at + 4 + len));
      at += 4 + len;
    }
    expect(messages.map((m) => m[0])).toEqual([8, 11, 15, 20]);
    const transcript = [payload(hello), payload(sh), messages[0], messages[1]];
    const hash = sha256(Uint8Array.from(transcript.flatMap((m) => [...m])));
    const cv = messages[2];
    expect((cv[4] << 8) | cv[5]).toBe(0x0403);
    const signature = cv.subarray(8, 8 + ((cv[6] << 8) | cv[7]));
    const key = leafPublicKey(fromBase64(leafCertificateDer));
    expect(p256.verify(signature, certificateVerifyInput(hash), key, { prehash: true, format: 'der' })).toBe(true);
    expect(p256.verify(signature, certificateVerifyInput(sha256(Uint8Array.of(1))), key, { prehash: true, format: 'der' })).toBe(false);
  });
});
