import { describe, expect, it } from 'vitest';
import { keyLogOf, openFixture, type Fixture } from '../../tests/support/importFixtures';
import { dissectStream } from './appUnits';
import { parseKeyLog } from './keyLog';
import { readTlsSession } from './tlsSession';

/**
 * The decrypted bytes against what the fixtures' servers were made to send
 * (tests/fixtures/captures/make: server.py, h2server.mjs, and curl's requests in make.sh, ciphers.sh),
 * not against our own reading: a wrong key, nonce, sequence number or epoch switch cannot produce them.
 */
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
/** server.py's /big body. */
const BIG = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7 + 3) % 251);

/** The first TCP connection's TLS session, opened with the fixture's key log, another one, or none (null). */
function session(name: Fixture, keyLog: string | null = keyLogOf(name) ?? null) {
  const stream = openFixture(name).tcpStreams[0];
  return readTlsSession([stream.data[0].bytes, stream.data[1].bytes], keyLog === null ? undefined : parseKeyLog(keyLog));
}
const requests = (paths: string[], host: string) => new RegExp(`^${paths.map((p) => `GET ${p} HTTP/1\\.1\\r\\nHost: ${host.replace(/[.[\]]/g, '\\$&')}\\r\\nUser-Agent: curl/[\\d.]+\\r\\nAccept: \\*/\\*\\r\\n\\r\\n`).join('')}$`);
const response = (status: string, body: string) => new RegExp(`HTTP/1\\.[01] ${status}\\r\\n(?:[^\\r]+\\r\\n)*?Content-Length: ${body.length}\\r\\n(?:[^\\r]+\\r\\n)*?\\r\\n${body.replace(/[/.]/g, '\\$&')}`);

describe('TLS records opened with the key log give the bytes the servers sent', () => {
  const cases: [Fixture, number, number, string][] = [
    ['tls13-http1.pcapng', 0x0304, 0x1301, '127.0.0.1:18443'],
    ['tls13-aes256.pcapng', 0x0304, 0x1302, ''],
    ['tls13-chacha20.pcapng', 0x0304, 0x1303, ''],
    ['tls12-http1.pcapng', 0x0303, 0xc02b, '127.0.0.1:18444'],
    ['tls12-aes256.pcapng', 0x0303, 0xc02c, ''],
    ['tls12-chacha20.pcapng', 0x0303, 0xcca9, ''],
  ];
  it.each(cases)('%s: version %i, suite %i, every record opened, GET requests and their responses', (name, version, suite, host) => {
    const s = session(name);
    expect([s.version, s.cipherSuite, s.decryption]).toEqual([version, suite, 'decrypted']);
    for (const d of s.directions) {
      expect(d.problem).toBeUndefined();
      expect(d.records.filter((r) => r.encrypted && !r.plaintext)).toEqual([]);
    }
    const [client, server] = s.directions.map((d) => text(d.appData));
    const paths = name === 'tls13-http1.pcapng' ? ['/', '/big', '/missing'] : ['/hello', '/missing'];
    expect(client).toMatch(requests(paths, host || client.match(/Host: (\S+)/)![1]));
    expect(server).toMatch(response('200 OK', `hello ${paths[0]}\n`));
    expect(server).toMatch(response('404 Not Found', 'not found'));
    expect(server.endsWith('not found')).toBe(true);
    if (name === 'tls13-http1.pcapng') expect(Buffer.from(s.directions[1].appData).indexOf(BIG)).toBeGreaterThan(0);
    // Application data is laid end to end: each record's offset is the sum of the ones before.
    for (const d of s.directions) {
      let at = 0;
      for (const r of d.records.filter((r) => r.appOffset !== undefined)) {
        expect(r.appOffset).toBe(at);
        at += r.plaintext!.length;
      }
      expect(at).toBe(d.appData.length);
    }
  });

  it('TLS 1.3: handshake records with the handshake traffic keys, then the application keys after each side’s Finished (RFC 8446 §7.1)', () => {
    const s = session('tls13-http1.pcapng');
    for (const [d, who] of [[0, 'client'], [1, 'server']] as const) {
      const keys = s.directions[d].records.filter((r) => r.encrypted).map((r) => `${r.key} ${r.innerType}`);
      const finished = s.directions[d].records.findIndex((r) => r.handshake.some((m) => m.type === 20));
      const encryptedBefore = s.directions[d].records.slice(0, finished + 1).filter((r) => r.encrypted).length;
      expect(keys.slice(0, encryptedBefore).every((k) => k === `${who} handshake traffic key 22`)).toBe(true);
      expect(keys.slice(encryptedBefore).every((k) => k.startsWith(`${who} application traffic key`))).toBe(true);
      expect(keys.length).toBeGreaterThan(encryptedBefore);
    }
    // The server's flight: EncryptedExtensions, Certificate, CertificateVerify, Finished (RFC 8446 §2).
    const serverTypes = s.directions[1].records.flatMap((r) => r.handshake.map((m) => m.type));
    expect(serverTypes.slice(0, 5)).toEqual([2, 8, 11, 15, 20]);
    expect(s.directions[0].records.flatMap((r) => r.handshake.map((m) => m.type))).toEqual([1, 20]);
    // A ChangeCipherSpec in TLS 1.3 (middlebox compatibility, RFC 8446 §D.4) is never encrypted.
    expect(s.directions.flatMap((d) => d.records).filter((r) => r.record.type === 20).every((r) => !r.encrypted)).toBe(true);
  });

  it('TLS 1.2: records after ChangeCipherSpec with the client and server write keys (RFC 5246 §6.3)', () => {
    const s = session('tls12-http1.pcapng');
    for (const [d, who] of [[0, 'client'], [1, 'server']] as const) {
      const records = s.directions[d].records;
      const ccs = records.findIndex((r) => r.record.type === 20);
      expect(records.slice(0, ccs + 1).every((r) => !r.encrypted && r.plaintext === r.record.fragment)).toBe(true);
      expect(records.slice(ccs + 1).every((r) => r.encrypted && r.key === `${who} write key` && r.plaintext)).toBe(true);
      // The first record after ChangeCipherSpec is the Finished (RFC 5246 §7.4.9).
      expect(records[ccs + 1].handshake.map((m) => m.type)).toEqual([20]);
    }
    expect(s.directions[1].records.flatMap((r) => r.handshake.map((m) => m.type)).slice(0, 4)).toEqual([2, 11, 12, 14]);
  });

  it('HTTP/2 over TLS 1.3: the connection preface, and the responses’ DATA', () => {
    for (const name of ['h2-ipv6.pcapng', 'h2-ipv6-dsb.pcapng'] as const) {
      // The -dsb copy carries its key log in the capture (a Decryption Secrets Block) instead of a file.
      const s = session(name, name === 'h2-ipv6.pcapng' ? keyLogOf(name)! : openFixture(name).capture.keyLog!);
      expect(s.decryption).toBe('decrypted');
      const [client, server] = s.directions.map((d) => text(d.appData));
      expect(client.startsWith('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n')).toBe(true);
      expect(server).toContain('hello / over h2\n');
      expect(server).toContain('not found');
    }
  });

  it('without a key log, or with one for another connection, records stay encrypted and say why', () => {
    const none = session('tls13-http1.pcapng', null);
    const other = session('tls13-http1.pcapng', keyLogOf('tls13-aes256.pcapng')!);
    for (const [s, why] of [[none, 'no key log'], [other, 'no matching keys']] as const) {
      expect(s.decryption).toBe(why);
      expect(s.directions.every((d) => d.appData.length === 0)).toBe(true);
      const encrypted = s.directions.flatMap((d) => d.records.filter((r) => r.encrypted));
      expect(encrypted.length).toBeGreaterThan(10);
      expect(encrypted.every((r) => r.plaintext === undefined && r.key === undefined && r.innerType === 23)).toBe(true);
    }
    expect(session('tls12-http1.pcapng', keyLogOf('tls12-aes256.pcapng')!).decryption).toBe('no matching keys');
  });

  it('a plain HTTP stream is not taken for TLS', () => {
    const stream = openFixture('http-plain.pcap').tcpStreams[0];
    const d = dissectStream(stream, undefined);
    expect([d.protocol, d.tls]).toEqual(['http/1.1', undefined]);
  });
});
