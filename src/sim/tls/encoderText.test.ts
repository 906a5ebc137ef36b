import { describe, expect, it } from 'vitest';
import { toHex } from '../bytes/hex';
import type { Field } from '../types';
import { expectNoEmptyText } from './backToBack.fixture';
import { chromeProfile } from './chromeHello';
import { curlProfile, encodeClientHello, encodeNewSessionTicket, encodeServerHello } from './hello';
import { encodeHelloRetryRequest, messageHash } from './helloRetry';
import { sha256 } from '@noble/hashes/sha2.js';
import { certificateVerifyInput, type Encoded, encodeCertificate, encodeCertificateVerify, encodeEncryptedExtensions, encodeFinished, handshakeMessage } from './messages';
import { curlTls12Profile, encodeCertificate12, encodeClientHello12, encodeClientKeyExchange, encodeFinished12, encodeServerHello12, encodeServerHelloDone, encodeServerKeyExchange } from './messages12';
import { parseCertificate, parseCertificateVerify, parseClientHello, parseEncryptedExtensions, parseHandshakeMessages, parseNewSessionTicket, parseServerHello } from './parse/handshake';
import { createPrng } from '../prng';

// What the inspector shows for each message our endpoints write: every field named, valued and
// (where it explains itself) noted, each field's bytes inside its message, the summary line; and
// the bytes read back by the parser (checked itself against RFC 8448 and OpenSSL in parse/*.test.ts).

const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
const flatten = (fields: Field[]): Field[] => fields.flatMap((f) => [f, ...flatten(f.children ?? [])]);

function checked(e: Encoded, summary: string): Encoded {
  expectNoEmptyText([{ name: 'TLS', summary: e.fields[0].value as string, fields: e.fields }], summary);
  expect(e.fields[0].value).toBe(summary);
  for (const f of flatten(e.fields)) {
    expect(f.offset! + f.length!, f.name).toBeLessThanOrEqual(e.bytes.length);
    expect(f.offset!, f.name).toBeGreaterThanOrEqual(0);
  }
  const top = e.fields[0].children!;
  expect(top.find((f) => f.name === 'length')!.value).toBe(`${e.bytes.length - 4} bytes`);
  expect((e.bytes[1] << 16) | (e.bytes[2] << 8) | e.bytes[3]).toBe(e.bytes.length - 4);
  return e;
}
const field = (e: Encoded, name: string, n = 0) => flatten(e.fields).filter((f) => f.name === name)[n];

describe('TLS 1.3 messages as the inspector shows them', () => {
  it('ServerHello, with and without a PSK, an empty session id echo', () => {
    const sh = checked(encodeServerHello({ random: bytes(32, 1), sessionId: bytes(32, 2), suite: 0x1302, keyShare: { group: 0x1d, key: bytes(32, 3) }, selectedIdentity: 0 }), 'ServerHello, TLS_AES_256_GCM_SHA384');
    expect(field(sh, 'cipher_suite').value).toBe('TLS_AES_256_GCM_SHA384 (0x1302)');
    expect(field(sh, 'legacy_session_id_echo').value).toBe('32 bytes');
    expect(field(sh, 'pre_shared_key').value).toBe('identity 0');
    expect(field(sh, 'key_share').value).toBe('x25519 0303030303030303…');
    const parsed = parseServerHello(parseHandshakeMessages(sh.bytes)[0].body);
    expect([parsed.cipherSuite, parsed.extensions.selectedIdentity, parsed.version]).toEqual([0x1302, 0, 0x0304]);
    const bare = checked(encodeServerHello({ random: bytes(32, 1), sessionId: new Uint8Array(0), suite: 0x1301, keyShare: { group: 0x17, key: bytes(65, 4) } }), 'ServerHello, TLS_AES_128_GCM_SHA256');
    expect(field(bare, 'legacy_session_id_echo').value).toBe('(empty)');
    expect(field(bare, 'session id')).toBeUndefined();
    expect(field(bare, 'pre_shared_key')).toBeUndefined();
  });

  it('HelloRetryRequest (RFC 8446 §4.1.4), with and without a cookie; message_hash (§4.4.1)', () => {
    const hrr = checked(encodeHelloRetryRequest({ sessionId: bytes(32, 2), suite: 0x1301, selectedGroup: 0x17, cookie: bytes(5, 9) }), 'HelloRetryRequest: send a secp256r1 key share');
    expect(field(hrr, 'key_share').value).toBe('secp256r1');
    expect(field(hrr, 'cookie').value).toBe('5 bytes');
    expect(field(hrr, 'legacy_session_id_echo').value).toBe('32 bytes');
    expect(field(hrr, 'session id').value).toBe('0202020202020202…');
    const parsed = parseServerHello(parseHandshakeMessages(hrr.bytes)[0].body);
    expect([parsed.helloRetryRequest, parsed.extensions.selectedGroup, toHex(parsed.extensions.cookie!)]).toEqual([true, 0x17, '0909090909']);
    const plain = checked(encodeHelloRetryRequest({ sessionId: new Uint8Array(0), suite: 0x1302, selectedGroup: 0x11ec }), 'HelloRetryRequest: send a X25519MLKEM768 key share');
    expect(field(plain, 'legacy_session_id_echo').value).toBe('(empty)');
    expect(field(plain, 'session id')).toBeUndefined();
    expect(field(plain, 'cookie')).toBeUndefined();
    expect(parseServerHello(parseHandshakeMessages(plain.bytes)[0].body).legacySessionIdEcho).toEqual(new Uint8Array(0));
    const hello = Uint8Array.of(1, 0, 0, 2, 3, 3);
    expect(toHex(messageHash(sha256, hello))).toBe(`fe000020${toHex(sha256(hello))}`);
  });

  it('EncryptedExtensions: ALPN, early_data, both, neither', () => {
    const both = checked(encodeEncryptedExtensions('h2', true), 'EncryptedExtensions: ALPN h2, early_data');
    expect(parseEncryptedExtensions(parseHandshakeMessages(both.bytes)[0].body)).toMatchObject({ alpn: ['h2'], earlyData: expect.anything() });
    checked(encodeEncryptedExtensions('http/1.1'), 'EncryptedExtensions: ALPN http/1.1');
    checked(encodeEncryptedExtensions(undefined, true), 'EncryptedExtensions, early_data');
    const none = checked(encodeEncryptedExtensions(undefined), 'EncryptedExtensions');
    expect(toHex(none.bytes)).toBe('080000020000');
  });

  it('Certificate, CertificateVerify, Finished, NewSessionTicket', () => {
    const cert = checked(encodeCertificate([{ der: bytes(10, 1), subject: 'CN=a' }, { der: bytes(3, 2), subject: 'CN=CA' }]), 'Certificate: CN=a ← CN=CA');
    expect(field(cert, 'certificate_list').value).toBe('2 certificates');
    expect(field(cert, 'CertificateEntry', 1).value).toBe('CN=CA');
    expect(parseCertificate(parseHandshakeMessages(cert.bytes)[0].body, true).entries.map((x) => [...x.certData])).toEqual([[...bytes(10, 1)], [...bytes(3, 2)]]);
    const cv = checked(encodeCertificateVerify(bytes(70, 5)), 'CertificateVerify: ecdsa_secp256r1_sha256');
    expect(parseCertificateVerify(parseHandshakeMessages(cv.bytes)[0].body)).toEqual({ algorithm: 0x0403, signature: bytes(70, 5) });
    expect(field(cv, 'ECDSA signature (DER)').value).toBe(`${'05'.repeat(12)}…`);
    // RFC 8446 §4.4.3: 64 spaces, the context string, a zero byte, the transcript hash.
    const hash = bytes(32, 1);
    expect(toHex(certificateVerifyInput(hash))).toBe('20'.repeat(64) + toHex(new TextEncoder().encode('TLS 1.3, server CertificateVerify')) + '00' + '01'.repeat(32));
    const fin = checked(encodeFinished(bytes(32, 6), 'client'), 'client Finished');
    expect(field(fin, 'verify_data').value).toBe(toHex(bytes(32, 6)));
    const nst = checked(encodeNewSessionTicket({ lifetimeSeconds: 7200, ageAdd: 0x01020304, nonce: bytes(8, 0), ticket: bytes(40, 7), maxEarlyData: 16384 }), 'NewSessionTicket');
    expect(field(nst, 'ticket_age_add').value).toBe('0x01020304');
    expect(field(nst, 'early_data').value).toBe('16384 bytes');
    expect(parseNewSessionTicket(parseHandshakeMessages(nst.bytes)[0].body, true)).toMatchObject({ lifetimeSeconds: 7200, ageAdd: 0x01020304 });
    const plain = checked(encodeNewSessionTicket({ lifetimeSeconds: 60, ageAdd: 0xffff0000, nonce: bytes(8, 1), ticket: bytes(40, 7) }), 'NewSessionTicket');
    expect(field(plain, 'extensions').value).toBe('none');
    expect(field(plain, 'ticket_age_add').value).toBe('0xffff0000');
  });

  it('a handshake message over 64 KiB is refused; its length field says its size', () => {
    expect(() => handshakeMessage(11, (w) => w.bytes('x', new Uint8Array(0x10000)))).toThrow('handshake message over 64 KiB');
    const e = handshakeMessage(11, (w) => w.bytes('x', new Uint8Array(0xffff)));
    expect(e.bytes.length).toBe(0xffff + 4);
    // Without a summary, the message's size.
    expect(e.fields[0].value).toBe('65539 bytes');
  });

  it('ClientHellos: curl (with cookie, early data, PSK) and Chrome', () => {
    const ch = checked(encodeClientHello(curlProfile, { random: bytes(32, 1), sessionId: bytes(32, 2), host: 'example.com', keyShares: [{ group: 0x17, key: bytes(65, 4) }], cookie: bytes(4, 8), earlyData: true, psk: { identity: bytes(50, 3), obfuscatedTicketAge: 0xabcd0001, binderLength: 48 } }), 'ClientHello, SNI example.com');
    expect(field(ch, 'obfuscated_ticket_age').value).toBe('0xabcd0001');
    const echoed = { value: '4 bytes', note: "the HelloRetryRequest's cookie, echoed (RFC 8446 §4.2.2)" };
    expect(field(ch, 'cookie')).toMatchObject(echoed);
    const parsed = parseClientHello(parseHandshakeMessages(ch.bytes)[0].body);
    expect(parsed.extensions.list.map((x) => x.type).slice(-4)).toEqual([44, 42, 21, 41]);
    const chrome = chromeProfile.layout!(createPrng(1))({ random: bytes(32, 1), sessionId: bytes(32, 2), host: 'example.com', keyShares: [{ group: 0x11ec, key: bytes(1216, 4) }, { group: 0x1d, key: bytes(32, 5) }] });
    checked(chrome, 'ClientHello (Chrome), SNI example.com');
    const retry = chromeProfile.layout!(createPrng(1))({ random: bytes(32, 1), sessionId: bytes(32, 2), host: 'example.com', keyShares: [{ group: 0x17, key: bytes(65, 4) }], cookie: bytes(3, 1), retry: true });
    checked(retry, 'ClientHello (Chrome), SNI example.com');
    expect(field(retry, 'cookie')).toMatchObject({ ...echoed, value: '3 bytes' });
    expect(toHex(parseClientHello(parseHandshakeMessages(retry.bytes)[0].body).extensions.cookie!)).toBe('010101');
  });
});

describe('TLS 1.2 messages as the inspector shows them (RFC 5246 §7.4)', () => {
  it('ClientHello (TLS 1.2 only), ServerHello with every extension and with none', () => {
    const ch = checked(encodeClientHello12(curlTls12Profile, { random: bytes(32, 1), host: 'example.com' }), 'ClientHello (TLS 1.2 only), SNI example.com');
    const parsed = parseClientHello(parseHandshakeMessages(ch.bytes)[0].body);
    expect(parsed.extensions.supportedVersions).toBeUndefined();
    expect(parsed.cipherSuites.some((s) => s >> 8 === 0x13)).toBe(false);
    const suites = flatten(ch.fields).filter((f) => f.name === 'suite');
    expect(suites.find((f) => f.value === 'TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00ff)')!.note).toBe('signals secure renegotiation support (RFC 5746)');
    expect(suites.filter((f) => f.note !== undefined)).toHaveLength(1);
    expect(field(ch, 'method').value).toBe('null');
    expect(field(ch, 'name').value).toBe('example.com');
    expect(flatten(ch.fields).filter((f) => f.name === 'format').map((f) => f.value)).toEqual(['uncompressed', 'ansiX962_compressed_prime', 'ansiX962_compressed_char2']);
    expect(field(ch, 'supported_groups')).toMatchObject({ value: 'x25519, secp256r1, x448, secp521r1, secp384r1', note: "curves the server may pick for ECDHE; no key share yet: that waits for the server's choice" });
    expect(field(ch, 'application_layer_protocol_negotiation')).toMatchObject({ value: 'h2, http/1.1', note: 'ALPN: which HTTP version to speak, settled inside the handshake' });
    // 217 bytes: under 256, not padded; a 50-character host name makes it 256, padded to 512 (RFC 7685).
    expect(field(ch, 'padding')).toBeUndefined();
    const long = checked(encodeClientHello12(curlTls12Profile, { random: bytes(32, 1), host: `${'a'.repeat(46)}.com` }), `ClientHello (TLS 1.2 only), SNI ${'a'.repeat(46)}.com`);
    expect(field(long, 'padding')).toMatchObject({ value: '252 zero bytes', note: 'pads the ClientHello to 512 bytes: some old middleboxes hang on 256–511 (RFC 7685)' });
    expect(field(long, 'zeros').value).toBe('252 bytes');
    expect(flatten(long.fields).filter((f) => f.name === 'extension type').at(-1)!.value).toBe('21 (padding)');
    const all = checked(encodeServerHello12({ random: bytes(32, 1), suite: 0xc02b, alpn: 'h2', extendedMasterSecret: true, secureRenegotiation: true, ecPointFormats: true }), 'ServerHello, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    const sh = parseServerHello(parseHandshakeMessages(all.bytes)[0].body);
    expect(sh.extensions.list.map((x) => x.type)).toEqual([0xff01, 11, 16, 23]);
    expect(sh.extensions.alpn).toEqual(['h2']);
    expect(field(all, 'ec_point_formats')).toMatchObject({ value: 'uncompressed', note: 'the server sends its EC point uncompressed' });
    expect(field(all, 'format').value).toBe('uncompressed');
    const none = checked(encodeServerHello12({ random: bytes(32, 1), suite: 0xc02c, extendedMasterSecret: false, secureRenegotiation: false, ecPointFormats: false }), 'ServerHello, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384');
    expect(parseServerHello(parseHandshakeMessages(none.bytes)[0].body).extensions.list).toEqual([]);
  });

  it('Certificate, ServerKeyExchange, ServerHelloDone, ClientKeyExchange, Finished', () => {
    const cert = checked(encodeCertificate12([{ der: bytes(10, 1), subject: 'CN=a' }]), 'Certificate: CN=a');
    expect(field(cert, 'ASN.1Cert').value).toBe('CN=a');
    const chain = checked(encodeCertificate12([{ der: bytes(10, 1), subject: 'CN=a' }, { der: bytes(3, 2), subject: 'CN=CA' }]), 'Certificate: CN=a ← CN=CA');
    expect(field(chain, 'certificate_list').value).toBe('2 certificates');
    const ske = checked(encodeServerKeyExchange({ group: 0x1d, publicKey: bytes(32, 2), algorithm: 0x0403, signature: bytes(71, 3) }), 'ServerKeyExchange: ECDHE x25519, signed');
    expect(field(ske, 'signature algorithm').value).toBe('ecdsa_secp256r1_sha256');
    expect(field(ske, 'ServerECDHParams').value).toBe(`x25519 ${'02'.repeat(8)}…`);
    expect(field(ske, 'ECDH public key').value).toBe(`${'02'.repeat(8)}…`);
    expect(field(ske, 'ECDSA signature (DER)').value).toBe(`${'03'.repeat(12)}…`);
    expect(toHex(ske.bytes.subarray(4, 8))).toBe('03001d20');
    expect(toHex(checked(encodeServerHelloDone(), "ServerHelloDone: the server's flight ends; now the client's turn").bytes)).toBe('0e000000');
    const cke = checked(encodeClientKeyExchange(0x17, bytes(65, 4)), 'ClientKeyExchange: ECDHE secp256r1');
    expect(field(cke, 'ecdh_Yc').note).toContain('secp256r1');
    expect(field(cke, 'ECDH public key').value).toBe(`${'04'.repeat(8)}…`);
    const fin = checked(encodeFinished12(bytes(12, 9), 'server'), 'server Finished');
    expect(field(fin, 'verify_data').note).toContain('"server finished"');
  });
});
