import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../../bytes/hex';
import { duplexPair } from '../interop/duplexPair';
import { rfc8448 as v } from '../rfc8448.fixture';
import { rfc8448Hrr as hrr } from '../rfc8448hrr.fixture';
import { testPem } from '../testCertificates.node';
import { TlsParseError } from './cursor';
import { HandshakeReader, HELLO_RETRY_REQUEST_RANDOM, parseCertificate, parseClientHello, parseClientKeyExchange, parseHandshake, parseHandshakeMessages, parseNewSessionTicket, parseServerHello, parseServerHelloDone, parseServerKeyExchangeEcdhe } from './handshake';
import { RecordReader } from './record';

// Oracles: OpenSSL (Node's tls) as a TLS 1.3 server talking to a TLS 1.2-only client, which must
// write the downgrade sentinel of RFC 8446 §4.1.3; RFC 8448 §3 and §5 messages; RFC 8446 §4.1.3's
// HelloRetryRequest random (SHA-256 of "HelloRetryRequest"); hand-built messages per RFC 5246 §7.4.
async function serverHelloFromTls13Server(clientMax: 'TLSv1.2' | 'TLSv1.1'): Promise<Uint8Array> {
  const toClient: Uint8Array[] = [];
  const [c, s] = duplexPair((from, chunk) => from === 'b' && toClient.push(chunk));
  const server = new tls.TLSSocket(s, { isServer: true, cert: testPem.leaf + testPem.intermediate, key: testPem.key, minVersion: 'TLSv1', maxVersion: 'TLSv1.3', ciphers: 'DEFAULT@SECLEVEL=0' });
  server.on('error', () => {});
  const client = tls.connect({ socket: c, servername: 'example.com', ca: testPem.root, minVersion: clientMax, maxVersion: clientMax, ciphers: 'DEFAULT@SECLEVEL=0' });
  await new Promise<void>((resolve) => {
    client.on('secureConnect', () => resolve());
    client.on('error', () => resolve());
  });
  client.destroy();
  const [first] = new RecordReader().push(concat(...toClient));
  return new HandshakeReader().push(first.fragment)[0].body;
}

describe('ServerHello (RFC 8446 §4.1.3)', () => {
  it('a TLS 1.3 OpenSSL server answering a TLS 1.2 client says so in its random: DOWNGRD then 01', async () => {
    const sh = parseServerHello(await serverHelloFromTls13Server('TLSv1.2'));
    expect(sh.version).toBe(0x0303);
    expect(sh.extensions.supportedVersions).toBeUndefined();
    expect(new TextDecoder().decode(sh.random.subarray(24, 31))).toBe('DOWNGRD');
    expect(sh.downgradeSentinel).toBe('tls12');
    expect(sh.helloRetryRequest).toBe(false);
  }, 20_000);

  it('the sentinel ending in 00 says TLS 1.1 or below; any other last byte, or no DOWNGRD, is none', () => {
    const withTail = (tail: string) => {
      const body = fromHex(v.serverHello).subarray(4).slice();
      body.set(fromHex(tail), 2 + 24);
      return parseServerHello(body).downgradeSentinel;
    };
    expect(withTail('444f574e47524400')).toBe('tls11');
    expect(withTail('444f574e47524401')).toBe('tls12');
    expect(withTail('444f574e47524402')).toBeUndefined();
    expect(withTail('444f574e47524500')).toBeUndefined();
    expect(parseServerHello(fromHex(v.serverHello).subarray(4)).downgradeSentinel).toBeUndefined();
  });

  it("RFC 8448's ServerHello says TLS 1.3 through supported_versions; its HelloRetryRequest is one by its random", () => {
    const sh = parseServerHello(fromHex(v.serverHello).subarray(4));
    expect(sh).toMatchObject({ legacyVersion: 0x0303, version: 0x0304, cipherSuite: 0x1301, compressionMethod: 0, helloRetryRequest: false });
    expect(toHex(HELLO_RETRY_REQUEST_RANDOM)).toBe('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c');
    const r = parseServerHello(fromHex(hrr.helloRetryRequest).subarray(4));
    expect(r.helloRetryRequest).toBe(true);
    expect(r.extensions.selectedGroup).toBe(0x0017);
    const almost = fromHex(hrr.helloRetryRequest).subarray(4).slice();
    almost[33] ^= 1;
    // One bit off the constant and it is a ServerHello, whose key_share must hold a whole entry.
    expect(() => parseServerHello(almost)).toThrow('key_exchange length needs 2 bytes, 0 left');
  });

  it('a TLS 1.2 hello may have no extensions block at all (RFC 5246 §7.4.1.2)', () => {
    const body = concat(fromHex('0303'), new Uint8Array(32), fromHex('00' + 'c02b' + '00'));
    const sh = parseServerHello(body);
    expect(sh).toMatchObject({ version: 0x0303, cipherSuite: 0xc02b, extensions: { list: [] } });
    const ch = parseClientHello(concat(fromHex('0303'), new Uint8Array(32), fromHex('00' + '0002c02b' + '0100')));
    expect(ch).toMatchObject({ cipherSuites: [0xc02b], compressionMethods: [0], extensions: { list: [] } });
    expect(() => parseClientHello(concat(fromHex('0303'), new Uint8Array(32), fromHex('21'), new Uint8Array(33), fromHex('0002c02b0100')))).toThrow('TLS parse: legacy_session_id longer than 32 bytes');
    expect(parseClientHello(concat(fromHex('0303'), new Uint8Array(32), fromHex('20'), new Uint8Array(32), fromHex('0002c02b0100'))).legacySessionId.length).toBe(32);
  });
});

describe('handshake framing and the TLS 1.2 messages', () => {
  it('HandshakeReader waits for a header split across records, and for a body split; pending says so', () => {
    const msg = fromHex(v.serverFinished);
    const r = new HandshakeReader();
    expect(r.pending).toBe(false);
    expect(r.push(msg.subarray(0, 2))).toEqual([]);
    expect(r.pending).toBe(true);
    expect(r.push(msg.subarray(2, 4))).toEqual([]);
    expect(r.push(msg.subarray(4, 35))).toEqual([]);
    const [m] = r.push(concat(msg.subarray(35), msg.subarray(0, 1)));
    expect(m).toMatchObject({ type: 20, name: 'Finished' });
    expect(toHex(m.raw)).toBe(v.serverFinished);
    expect(toHex(m.body)).toBe(v.serverFinished.slice(8));
    expect(r.pending).toBe(true);
    expect(r.push(msg.subarray(1)).map((x) => toHex(x.raw))).toEqual([v.serverFinished]);
    expect(r.pending).toBe(false);
    expect(parseHandshakeMessages(fromHex('0e000000'))).toEqual([{ type: 14, name: 'ServerHelloDone', body: new Uint8Array(0), raw: fromHex('0e000000') }]);
    expect(parseHandshakeMessages(fromHex('0e0000000e000000'))).toHaveLength(2);
  });

  it('a 24-bit message length: a message over 64 KiB frames as one', () => {
    const big = concat(fromHex('0b010004'), new Uint8Array(0x10004));
    const r = new HandshakeReader();
    expect(r.push(big.subarray(0, 0x10000))).toEqual([]);
    expect(r.push(big.subarray(0x10000)).map((m) => m.body.length)).toEqual([0x10004]);
  });

  it('Certificate in both layouts, ServerKeyExchange, ServerHelloDone, ClientKeyExchange and tickets, by hand (RFC 5246 §7.4, RFC 8446 §4.4.2)', () => {
    const cert12 = parseCertificate(fromHex('000008' + '000002aabb' + '000000'), false);
    expect(cert12).toEqual({ requestContext: undefined, entries: [{ certData: fromHex('aabb') }, { certData: new Uint8Array(0) }] });
    const cert13 = parseCertificate(fromHex('00' + '000007' + '000002aabb' + '0000'), true);
    expect(cert13.requestContext).toEqual(new Uint8Array(0));
    expect(cert13.entries[0].extensions!.list).toEqual([]);
    expect(() => parseServerKeyExchangeEcdhe(fromHex('01001d'))).toThrow('TLS parse: ServerKeyExchange curve_type 1: only named_curve (3) is supported');
    const ske = parseServerKeyExchangeEcdhe(fromHex('03001d' + '02aabb' + '0403' + '0001ff'));
    expect(ske).toEqual({ curveType: 3, namedGroup: 0x1d, publicKey: fromHex('aabb'), params: fromHex('03001d02aabb'), algorithm: 0x0403, signature: fromHex('ff') });
    expect(parseServerHelloDone(new Uint8Array(0))).toEqual({});
    expect(() => parseServerHelloDone(Uint8Array.of(0))).toThrow('TLS parse: ServerHelloDone must be empty, has 1 bytes');
    expect(parseClientKeyExchange(fromHex('02aabb'), 'ecdhe')).toEqual({ publicKey: fromHex('aabb') });
    expect(parseClientKeyExchange(fromHex('0002aabb'), 'rsa')).toEqual({ encryptedPreMasterSecret: fromHex('aabb') });
    expect(() => parseClientKeyExchange(fromHex('02aabbcc'), 'ecdhe')).toThrow('ClientKeyExchange has 1 unexpected trailing bytes');
    expect(parseNewSessionTicket(fromHex('00001c20' + '0002c0de'), false)).toEqual({ lifetimeSeconds: 7200, ticket: fromHex('c0de') });
    expect(() => parseNewSessionTicket(fromHex('00001c20' + '0002c0de00'), false)).toThrow('NewSessionTicket has 1 unexpected trailing bytes');
  });

  it('parseHandshake dispatches by type, TLS 1.3 layouts from version 0x0304 on', () => {
    const m = (type: number, body: string) => ({ type, name: '', body: fromHex(body), raw: new Uint8Array(0) });
    expect(parseHandshake(m(4, '0000001e' + '00000001' + '00' + '0001aa' + '0000'), 0x0304)).toMatchObject({ type: 4, newSessionTicket: { lifetimeSeconds: 30, ageAdd: 1 } });
    expect(parseHandshake(m(4, '0000001e' + '0001aa'), 0x0303)).toMatchObject({ type: 4, newSessionTicket: { ticket: fromHex('aa') } });
    expect(parseHandshake(m(5, ''), 0x0304)).toEqual({ type: 5 });
    expect(parseHandshake(m(11, '000000'), 0x0303)).toEqual({ type: 11, certificate: { requestContext: undefined, entries: [] } });
    expect(parseHandshake(m(11, '00000000'), 0x0304)).toMatchObject({ type: 11, certificate: { requestContext: new Uint8Array(0) } });
    expect(parseHandshake(m(13, '00' + '0008' + '000d0004' + '00020403'), 0x0304)).toMatchObject({ type: 13, certificateRequest: { extensions: { signatureAlgorithms: [0x0403] } } });
    expect(parseHandshake(m(13, '0140'), 0x0303)).toEqual({ type: 13 });
    expect(parseHandshake(m(14, ''), 0x0303)).toEqual({ type: 14 });
    expect(() => parseHandshake(m(14, '00'), 0x0303)).toThrow(TlsParseError);
    expect(parseHandshake(m(16, '01aa'), 0x0303)).toEqual({ type: 16, clientKeyExchange: { publicKey: fromHex('aa') } });
    expect(parseHandshake(m(24, '01'), 0x0304)).toEqual({ type: 24, requestUpdate: 1 });
    expect(parseHandshake(m(99, 'ff'), 0x0304)).toEqual({ type: 99, unknown: true });
    expect(parseHandshake(m(8, '0000'), 0x0304)).toEqual({ type: 8, encryptedExtensions: { list: [] } });
    expect(parseHandshake(m(15, '0403' + '0001ff'), 0x0304)).toEqual({ type: 15, certificateVerify: { algorithm: 0x0403, signature: fromHex('ff') } });
    expect(parseHandshake(m(12, '03001d' + '01aa' + '0403' + '0000'), 0x0303)).toMatchObject({ type: 12, serverKeyExchange: { namedGroup: 0x1d } });
    expect(parseHandshake(m(20, 'abcd'), 0x0303)).toEqual({ type: 20, finished: { verifyData: fromHex('abcd') } });
  });
});
