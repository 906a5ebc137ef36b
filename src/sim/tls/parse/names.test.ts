import { describe, expect, it } from 'vitest';
import recorded from '../../../../tests/fixtures/tshark/tls-names.json';
import { ALERT_DESCRIPTION_NAMES, CIPHER_SUITE_NAMES, EXTENSION_NAMES, GROUP_NAMES, HANDSHAKE_TYPE_NAMES, isGrease, nameOf, SIGNATURE_SCHEME_NAMES, VERSION_NAMES } from './names';

// Oracle: Wireshark's own tables (`tshark -G values`, recorded by tests/support/tsharkTlsNames.ts so
// no process runs here). Our names are IANA's spelling; tshark spells handshake types and alerts
// in words ("Client Hello", "Unknown CA"), so those are compared without spaces or case.
type Table = Record<string, string | null>;
const squash = (s: string) => s.replace(/[\s_]/g, '').toLowerCase();

/** The codes tshark 4.0 does not name yet, with the document that does. */
const NEWER: Record<string, Record<number, string>> = {
  // RFC 8446 §4.4.1: the synthetic message that replaces ClientHello1 after a HelloRetryRequest.
  handshakeType: { 254: 'message_hash' },
  // IANA TLS ExtensionType registry: ALPS (new code point), ECH (draft-ietf-tls-esni).
  extension: { 17613: 'application_settings', 65037: 'encrypted_client_hello' },
  // IANA TLS Supported Groups: draft-ietf-tls-ecdhe-mlkem, and Chrome's pre-standard Kyber draft.
  group: { 0x11ec: 'X25519MLKEM768', 0x11eb: 'SecP256r1MLKEM768', 0x6399: 'X25519Kyber768Draft00' },
  // RFC 8734 (brainpool in TLS 1.3); the TLS 1.2 hash/signature pairs of RFC 5246 §7.4.1.4.1 as OpenSSL names them.
  signatureScheme: {
    0x081a: 'ecdsa_brainpoolP256r1tls13_sha256', 0x081b: 'ecdsa_brainpoolP384r1tls13_sha384', 0x081c: 'ecdsa_brainpoolP512r1tls13_sha512',
    0x0303: 'sha224_ecdsa', 0x0301: 'sha224_rsa', 0x0302: 'sha224_dsa', 0x0402: 'sha256_dsa', 0x0502: 'sha384_dsa', 0x0602: 'sha512_dsa',
  },
};

const tables: [string, Record<number, string>, boolean][] = [
  ['handshakeType', HANDSHAKE_TYPE_NAMES, true],
  ['extension', EXTENSION_NAMES, false],
  ['cipherSuite', CIPHER_SUITE_NAMES, false],
  ['group', GROUP_NAMES, false],
  ['signatureScheme', SIGNATURE_SCHEME_NAMES, false],
  ['version', VERSION_NAMES, false],
  ['alert', ALERT_DESCRIPTION_NAMES, true],
];

describe("TLS code point names agree with Wireshark's", () => {
  it.each(tables)('%s', (key, ours, inWords) => {
    const theirs = (recorded as unknown as Record<string, Table>)[key];
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort());
    for (const [code, name] of Object.entries(ours)) {
      const t = theirs[code];
      if (t === null) expect(name, `${key} ${code}`).toBe(NEWER[key][Number(code)]);
      else if (inWords) expect(squash(name), `${key} ${code}`).toBe(squash(t));
      else expect(name, `${key} ${code}`).toBe(t);
    }
  });

  it('GREASE (RFC 8701): exactly the codes tshark calls GREASE among every extension type it knows, and the versions', () => {
    const all = Object.keys(recorded.extensionAll).map(Number);
    expect(all.filter(isGrease)).toEqual(recorded.extensionGrease);
    expect(recorded.versionGrease.every(isGrease)).toBe(true);
    expect(recorded.versionGrease).toHaveLength(16);
    for (const near of [0x0a0b, 0x1a0a, 0x0b0b, 0xfafb, 0x0a1a]) expect(isGrease(near)).toBe(false);
  });

  it('nameOf: the name, GREASE with its hex, or the number in four hex digits', () => {
    expect(nameOf(GROUP_NAMES, 0x001d)).toBe('x25519');
    expect(nameOf(GROUP_NAMES, 0x2a2a)).toBe('GREASE (0x2a2a)');
    expect(nameOf(GROUP_NAMES, 0x0a0a)).toBe('GREASE (0xa0a)');
    expect(nameOf(GROUP_NAMES, 0x0042)).toBe('unknown (0x0042)');
    expect(nameOf(ALERT_DESCRIPTION_NAMES, 0x12345)).toBe('unknown (0x12345)');
  });
});
