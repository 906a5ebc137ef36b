import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFixture } from '../../tests/support/importFixtures';
import { dissectStream } from './appUnits';
import { FIXTURE_DIR, fixture } from './fixtures';
import { parseKeyLog } from './keyLog';
import { openCapture } from './openCapture';
import { type ImportedRecord, readTlsSession } from './tlsSession';

// tests/fixtures/captures/tls13-hrr.pcapng (make/make.sh step 10): OpenSSL's s_client sends one key share, X25519,
// to an s_server that takes P-256 only, so the server answers with a HelloRetryRequest (RFC 8446 §4.1.4).
// `tshark -o tls.keylog_file:tls13-hrr.keys` reads, frame by frame: client ClientHello (key share 29); server
// HelloRetryRequest (handshake type 2) and ChangeCipherSpec; client ChangeCipherSpec and a second ClientHello
// (key share 23); server ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished; client
// Finished; two NewSessionTickets; the GET; the response; close_notify (21) both ways.
describe('a real HelloRetryRequest (RFC 8446 §4.1.4)', () => {
  it('both ClientHellos and both ServerHellos stay in the clear; every later record opens with its side’s keys', () => {
    const opened = openCapture(fixture('tls13-hrr.pcapng'));
    if (!opened.ok) throw new Error(opened.error);
    const stream = opened.value.tcpStreams[0];
    const keyLog = parseKeyLog(readFileSync(join(FIXTURE_DIR, 'tls13-hrr.keys'), 'utf8'));
    const session = readTlsSession([stream.data[0].bytes, stream.data[1].bytes], keyLog);
    const row = (r: ImportedRecord) => [r.record.type, r.innerType, r.encrypted, r.handshake.map((m) => m.type), r.key];
    const clear = (type: number, handshake: number[] = []) => [type, type, false, handshake, undefined];
    const sealed = (inner: number, handshake: number[], key: string) => [23, inner, true, handshake, key];
    expect([session.decryption, session.version, session.cipherSuite]).toEqual(['decrypted', 0x0304, 0x1301]);
    expect(session.directions[0].records.map(row)).toEqual([
      clear(22, [1]),
      clear(20),
      clear(22, [1]),
      sealed(22, [20], 'client handshake traffic key'),
      sealed(23, [], 'client application traffic key'),
      sealed(21, [], 'client application traffic key'),
    ]);
    expect(session.directions[1].records.map(row)).toEqual([
      clear(22, [2]),
      clear(20),
      clear(22, [2]),
      ...[8, 11, 15, 20].map((t) => sealed(22, [t], 'server handshake traffic key')),
      sealed(22, [4], 'server application traffic key'),
      sealed(22, [4], 'server application traffic key'),
      sealed(23, [], 'server application traffic key'),
      sealed(21, [], 'server application traffic key'),
    ]);
    const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
    expect(text(session.directions[0].appData)).toBe('GET / HTTP/1.0\r\n\r\n');
    expect(text(session.directions[1].appData)).toMatch(/^HTTP\/1\.0 200 ok\r\n/);
  });

  it('the server’s first hello is named HelloRetryRequest, as tshark’s Info column says "Hello Retry Request" (RFC 8446 §4.1.3: its random)', () => {
    const opened = openCapture(fixture('tls13-hrr.pcapng'));
    if (!opened.ok) throw new Error(opened.error);
    const keyLog = parseKeyLog(readFileSync(join(FIXTURE_DIR, 'tls13-hrr.keys'), 'utf8'));
    const labels = (d: 0 | 1) => dissectStream(opened.value.tcpStreams[0], keyLog).units.filter((u) => u.direction === d && u.topLayer === 'tls').map((u) => u.label);
    expect(labels(1).slice(0, 4)).toEqual(['HelloRetryRequest', 'ChangeCipherSpec', 'ServerHello', 'EncryptedExtensions']);
    expect(labels(0).slice(0, 4)).toEqual(['ClientHello', 'ChangeCipherSpec', 'ClientHello', 'Finished']);
  });

  it('a ServerHello whose random shares its first 31 bytes with that value is still a ServerHello', () => {
    const stream = openFixture('tls13-http1.pcapng').tcpStreams[0];
    const server = stream.data[1].bytes.slice();
    // record header 5, handshake header 4, legacy_version 2, then the random: SHA-256("HelloRetryRequest") but its last byte
    server.set([0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91, 0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c ^ 1], 11);
    const d = dissectStream({ ...stream, data: [stream.data[0], { ...stream.data[1], bytes: server }] }, undefined);
    expect(d.units.find((u) => u.direction === 1)?.label).toBe('ServerHello');
  });
});
