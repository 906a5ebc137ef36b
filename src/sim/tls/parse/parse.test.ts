import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat, fromHex, toHex } from '../../bytes/hex';
import { rfc8448 as v } from '../rfc8448.fixture';
import { TlsParseError } from './cursor';
import { HandshakeReader, parseCertificate, parseCertificateVerify, parseClientHello, parseEncryptedExtensions, parseHandshake, parseHandshakeMessages, parseServerHello } from './handshake';
import { parseRecords, RecordReader } from './record';

// Oracle: the bytes of RFC 8448 §3 and what the RFC's own annotations say they hold.
describe('TLS parsers on RFC 8448 §3 bytes', () => {
  it('read the ClientHello: suites, groups, key share, versions, signature algorithms', () => {
    const [m] = parseHandshakeMessages(fromHex(v.clientHello));
    expect(m.name).toBe('ClientHello');
    expect(toHex(m.raw)).toBe(v.clientHello);
    const ch = parseClientHello(m.body);
    expect(ch.legacyVersion).toBe(0x0303);
    expect(toHex(ch.random)).toBe('cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7');
    expect(ch.legacySessionId.length).toBe(0);
    expect(ch.cipherSuites).toEqual([0x1301, 0x1303, 0x1302]);
    const x = ch.extensions;
    expect(x.serverName).toBe('server');
    expect(x.supportedGroups).toEqual([0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104]);
    expect(x.keyShares).toEqual([{ group: 0x001d, keyExchange: fromHex(v.clientPublicKey) }]);
    expect(x.supportedVersions).toEqual([0x0304]);
    expect(x.signatureAlgorithms).toHaveLength(15);
    expect(x.pskKeyExchangeModes).toEqual([1]);
    expect(x.recordSizeLimit).toBe(0x4001);
    expect(x.renegotiationInfo).toEqual(new Uint8Array(0));
    expect(x.sessionTicket).toEqual(new Uint8Array(0));
    expect(x.list.map((e) => e.name)).toEqual(['server_name', 'renegotiation_info', 'supported_groups', 'session_ticket', 'key_share', 'supported_versions', 'signature_algorithms', 'psk_key_exchange_modes', 'record_size_limit']);
  });

  it('read the ServerHello from its record', () => {
    const { records, rest } = parseRecords(fromHex(v.serverHelloRecord));
    expect(rest).toBe(0);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ type: 22, version: 0x0303, offset: 0, length: 95 });
    const [m] = parseHandshakeMessages(records[0].fragment);
    const sh = parseServerHello(m.body);
    expect(sh.helloRetryRequest).toBe(false);
    expect(sh.version).toBe(0x0304);
    expect(sh.cipherSuite).toBe(0x1301);
    expect(sh.extensions.keyShares).toEqual([{ group: 0x001d, keyExchange: fromHex(v.serverPublicKey) }]);
  });

  it('frame the encrypted flight: EE, Certificate, CertificateVerify, Finished in one byte string', () => {
    const flight = fromHex(v.encryptedExtensions + v.certificate + v.certificateVerify + v.serverFinished);
    const msgs = parseHandshakeMessages(flight);
    expect(msgs.map((m) => m.name)).toEqual(['EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished']);
    const ee = parseEncryptedExtensions(msgs[0].body);
    expect(ee.list.map((e) => e.name)).toEqual(['supported_groups', 'record_size_limit', 'server_name']);
    const cert = parseCertificate(msgs[1].body, true);
    expect(cert.requestContext).toEqual(new Uint8Array(0));
    expect(cert.entries).toHaveLength(1);
    expect(cert.entries[0].certData.length).toBe(432);
    expect(cert.entries[0].certData[0]).toBe(0x30);
    const cv = parseCertificateVerify(msgs[2].body);
    expect(cv.algorithm).toBe(0x0804);
    expect(cv.signature.length).toBe(128);
    const fin = parseHandshake(msgs[3], 0x0304);
    expect(fin).toMatchObject({ type: 20 });
    expect(toHex((fin as { finished: { verifyData: Uint8Array } }).finished.verifyData)).toBe(v.serverFinished.slice(8));
  });

  it('reassemble handshake messages split across records at any points', () => {
    const flight = fromHex(v.encryptedExtensions + v.certificate + v.certificateVerify + v.serverFinished);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: flight.length - 1 }), { maxLength: 8 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), flight.length];
        const r = new HandshakeReader();
        const got = points.slice(1).flatMap((end, i) => r.push(flight.subarray(points[i], end)));
        expect(r.pending).toBe(false);
        expect(toHex(concat(...got.map((m) => m.raw)))).toBe(toHex(flight));
      }),
    );
  });

  it('split a record stream into the same records whatever the chunking', () => {
    const stream = fromHex(v.serverHelloRecord + v.serverEncryptedRecord);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 10 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), stream.length];
        const reader = new RecordReader();
        const got = points.slice(1).flatMap((end, i) => reader.push(stream.subarray(points[i], end)));
        expect(reader.buffered).toBe(0);
        expect(got.map((r) => [r.type, r.offset, r.length])).toEqual([[22, 0, 95], [23, 95, 679]]);
        expect(toHex(got[1].fragment)).toBe(v.serverEncryptedRecord.slice(10));
      }),
    );
  });

  it('name what is wrong with bad input', () => {
    expect(() => parseRecords(fromHex('4745542f20485454'))).toThrow(/unknown record content type 71/);
    expect(() => parseRecords(fromHex('1603034801'))).toThrow(/record_overflow/);
    expect(() => parseHandshakeMessages(fromHex(v.clientHello).subarray(0, 50))).toThrow(/ends inside a message/);
    const truncated = fromHex(v.serverHello).subarray(4, 60);
    expect(() => parseServerHello(truncated)).toThrow(TlsParseError);
    const ch = fromHex(v.clientHello);
    const trailing = concat(ch.subarray(4), Uint8Array.of(0));
    expect(() => parseClientHello(trailing)).toThrow(/trailing/);
  });
});
