import { describe, expect, it } from 'vitest';
import { fromHex } from '../../bytes/hex';
import { parseCertificate, parseCertificateVerify, parseClientHello, parseClientKeyExchange, parseEncryptedExtensions, parseHandshake, parseNewSessionTicket, parseServerHello, parseServerKeyExchangeEcdhe } from './handshake';

// Each handshake message body cut where one of its fields runs out, or given a byte too many
// (RFC 8446 §4 and RFC 5246 §7.4 layouts, written out here): the error names that field or that
// message, so a broken handshake says what broke.
const R = '11'.repeat(32);
const error = (parse: (b: Uint8Array) => unknown, hex: string) => {
  try {
    parse(fromHex(hex));
    return 'parsed';
  } catch (e) {
    return (e as Error).message.replace(/^TLS parse: /, '');
  }
};
const ch = (b: Uint8Array) => parseClientHello(b);
const sh = (b: Uint8Array) => parseServerHello(b);
const cert13 = (b: Uint8Array) => parseCertificate(b, true);
const cert12 = (b: Uint8Array) => parseCertificate(b, false);
const nst13 = (b: Uint8Array) => parseNewSessionTicket(b, true);
const nst12 = (b: Uint8Array) => parseNewSessionTicket(b, false);
const handshake = (type: number, version = 0x0304) => (b: Uint8Array) => parseHandshake({ type, name: '', body: b, raw: b }, version);

const cases: [string, (b: Uint8Array) => unknown, string, string][] = [
  ['ClientHello: version', ch, '03', 'legacy_version needs 2 bytes, 1 left'],
  ['ClientHello: random', ch, `0303${'11'.repeat(10)}`, 'random needs 32 bytes, 10 left'],
  ['ClientHello: session id', ch, `0303${R}`, 'legacy_session_id length needs 1 bytes, 0 left'],
  ['ClientHello: suites', ch, `0303${R}00`, 'cipher_suites length needs 2 bytes, 0 left'],
  ['ClientHello: compression', ch, `0303${R}00 0002 1301`, 'legacy_compression_methods length needs 1 bytes, 0 left'],
  ['ClientHello: extensions', ch, `0303${R}00 0002 1301 0100 00`, 'extensions length needs 2 bytes, 1 left'],
  ['ClientHello: trailing', ch, `0303${R}00 0002 1301 0100 0000 ff`, 'ClientHello has 1 unexpected trailing bytes'],
  ['ServerHello: version', sh, '', 'legacy_version needs 2 bytes, 0 left'],
  ['ServerHello: random', sh, '0303 11', 'random needs 32 bytes, 1 left'],
  ['ServerHello: session id echo', sh, `0303${R}`, 'legacy_session_id_echo length needs 1 bytes, 0 left'],
  ['ServerHello: suite', sh, `0303${R}00 13`, 'cipher_suite needs 2 bytes, 1 left'],
  ['ServerHello: compression', sh, `0303${R}00 1301`, 'legacy_compression_method needs 1 bytes, 0 left'],
  ['ServerHello: extensions', sh, `0303${R}00 1301 00 0004 002b`, 'extensions needs 4 bytes, 2 left'],
  ['ServerHello: trailing', sh, `0303${R}00 1301 00 0000 ff`, 'ServerHello has 1 unexpected trailing bytes'],
  ['EncryptedExtensions: extensions', parseEncryptedExtensions, '00', 'extensions length needs 2 bytes, 1 left'],
  ['EncryptedExtensions: trailing', parseEncryptedExtensions, '0000 ff', 'EncryptedExtensions has 1 unexpected trailing bytes'],
  ['Certificate: request context', cert13, '', 'certificate_request_context length needs 1 bytes, 0 left'],
  ['Certificate: list', cert13, '00 0000', 'certificate_list length needs 3 bytes, 2 left'],
  ['Certificate: cert_data', cert13, '00 000004 000002 aa', 'cert_data needs 2 bytes, 1 left'],
  ['Certificate: entry extensions', cert13, '00 000005 000001 aa 00', 'extensions length needs 2 bytes, 1 left'],
  ['Certificate: trailing', cert13, '00 000000 ff', 'Certificate has 1 unexpected trailing bytes'],
  ['Certificate (TLS 1.2): no context, no entry extensions', cert12, '000005 000001 aa 00', 'cert_data length needs 3 bytes, 1 left'],
  ['CertificateVerify: algorithm', parseCertificateVerify, '04', 'algorithm needs 2 bytes, 1 left'],
  ['CertificateVerify: signature', parseCertificateVerify, '0403 0002 aa', 'signature needs 2 bytes, 1 left'],
  ['CertificateVerify: trailing', parseCertificateVerify, '0403 0001 aa ff', 'CertificateVerify has 1 unexpected trailing bytes'],
  ['NewSessionTicket: lifetime', nst13, '000000', 'ticket_lifetime needs 2 bytes, 1 left'],
  ['NewSessionTicket: age add', nst13, '00000e10 00', 'ticket_age_add needs 2 bytes, 1 left'],
  ['NewSessionTicket: nonce', nst13, '00000e10 00000001 02 00', 'ticket_nonce needs 2 bytes, 1 left'],
  ['NewSessionTicket: ticket', nst13, '00000e10 00000001 00 0002 aa', 'ticket needs 2 bytes, 1 left'],
  ['NewSessionTicket: extensions', nst13, '00000e10 00000001 00 0001 aa 00', 'extensions length needs 2 bytes, 1 left'],
  ['NewSessionTicket: trailing', nst13, '00000e10 00000001 00 0001 aa 0000 ff', 'NewSessionTicket has 1 unexpected trailing bytes'],
  ['NewSessionTicket (TLS 1.2): lifetime hint', nst12, '00', 'ticket_lifetime needs 2 bytes, 1 left'],
  ['NewSessionTicket (TLS 1.2): ticket', nst12, '00000e10 0003 aa', 'ticket needs 3 bytes, 1 left'],
  ['NewSessionTicket (TLS 1.2): trailing', nst12, '00000e10 0001 aa ff', 'NewSessionTicket has 1 unexpected trailing bytes'],
  ['CertificateRequest: context', handshake(13), '', 'certificate_request_context length needs 1 bytes, 0 left'],
  ['CertificateRequest: context bytes', handshake(13), '02 aa', 'certificate_request_context needs 2 bytes, 1 left'],
  ['CertificateRequest: extensions', handshake(13), '00 00', 'extensions length needs 2 bytes, 1 left'],
  ['CertificateRequest: trailing', handshake(13), '00 0000 ff', 'CertificateRequest has 1 unexpected trailing bytes'],
  ['ServerKeyExchange: curve type', parseServerKeyExchangeEcdhe, '', 'curve_type needs 1 bytes, 0 left'],
  ['ServerKeyExchange: named curve', parseServerKeyExchangeEcdhe, '03 00', 'namedcurve needs 2 bytes, 1 left'],
  ['ServerKeyExchange: public key', parseServerKeyExchangeEcdhe, '03 001d 02 aa', 'public needs 2 bytes, 1 left'],
  ['ServerKeyExchange: algorithm', parseServerKeyExchangeEcdhe, '03 001d 01 aa 04', 'signature algorithm needs 2 bytes, 1 left'],
  ['ServerKeyExchange: signature', parseServerKeyExchangeEcdhe, '03 001d 01 aa 0403 0002 bb', 'signature needs 2 bytes, 1 left'],
  ['ServerKeyExchange: trailing', parseServerKeyExchangeEcdhe, '03 001d 01 aa 0403 0001 bb ff', 'ServerKeyExchange has 1 unexpected trailing bytes'],
  ['ClientKeyExchange (ECDHE)', (b) => parseClientKeyExchange(b, 'ecdhe'), '02 aa', 'ecdh_Yc needs 2 bytes, 1 left'],
  ['ClientKeyExchange (RSA)', (b) => parseClientKeyExchange(b, 'rsa'), '0002 aa', 'EncryptedPreMasterSecret needs 2 bytes, 1 left'],
  ['KeyUpdate', handshake(24), '', 'request_update needs 1 bytes, 0 left'],
];

describe('truncated handshake messages name the field that ran out', () => {
  it.each(cases)('%s', (_what, parse, hex, message) => {
    expect(error(parse, hex.replace(/ /g, ''))).toBe(message);
  });
});

describe('parseHandshake dispatches on the message type', () => {
  it('a ClientHello and a ServerHello parse as such; a TLS 1.2 CertificateRequest is not read', () => {
    const hello = fromHex(`0303${R}00 0002 1301 0100 0000`.replace(/ /g, ''));
    expect(parseHandshake({ type: 1, name: 'ClientHello', body: hello, raw: hello }, 0)).toMatchObject({ type: 1, clientHello: { cipherSuites: [0x1301], compressionMethods: [0] } });
    const server = fromHex(`0303${R}00 1301 00 0000`.replace(/ /g, ''));
    expect(parseHandshake({ type: 2, name: 'ServerHello', body: server, raw: server }, 0)).toMatchObject({ type: 2, serverHello: { cipherSuite: 0x1301, compressionMethod: 0 } });
    expect(parseHandshake({ type: 13, name: '', body: fromHex('ff'), raw: fromHex('ff') }, 0x0303)).toEqual({ type: 13 });
    expect(parseHandshake({ type: 24, name: '', body: fromHex('01'), raw: fromHex('01') }, 0x0304)).toEqual({ type: 24, requestUpdate: 1 });
  });
});
