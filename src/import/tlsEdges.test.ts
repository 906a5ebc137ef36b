import { describe, expect, it } from 'vitest';
import { keyLogOf, openFixture, type Fixture } from '../../tests/support/importFixtures';
import { dissectStream } from './appUnits';
import { parseKeyLog } from './keyLog';
import { looksLikeTls, readTlsSession } from './tlsSession';

describe('looksLikeTls: a TLS record header (RFC 8446 §5.1, RFC 5246 §6.2.1)', () => {
  const header = (type: number, major: number, minor: number, length: number) => Uint8Array.of(type, major, minor, length >> 8, length & 0xff);
  it.each([
    ['ChangeCipherSpec (20)', header(20, 3, 3, 1), true],
    ['Application Data (23)', header(23, 3, 3, 100), true],
    ['type 19', header(19, 3, 3, 1), false],
    ['type 24 (heartbeat, not read here)', header(24, 3, 3, 1), false],
    ['version 3.4', header(22, 3, 4, 1), true],
    ['version 3.5', header(22, 3, 5, 1), false],
    ['version 2.1', header(22, 2, 1, 1), false],
    ['version 4.1', header(22, 4, 1, 1), false],
    ['length 2^14 + 2048 (the TLSCiphertext limit)', header(23, 3, 3, 18432), true],
    ['length 2^14 + 2049', header(23, 3, 3, 18433), false],
    ['four bytes only', header(22, 3, 3, 1).subarray(0, 4), false],
    ['an HTTP request', new TextEncoder().encode('GET / HTTP/1.1\r\n'), false],
  ])('%s: %s', (_name, bytes, expected) => {
    expect(looksLikeTls(bytes)).toBe(expected);
  });
});

/** The fixture's first connection with the ServerHello's cipher_suite (RFC 8446 §4.1.3) set to another suite. */
function withSuite(name: Fixture, suite: number) {
  const stream = openFixture(name).tcpStreams[0];
  const server = stream.data[1].bytes.slice();
  // record header 5, handshake header 4, legacy_version 2, random 32, then the session id
  const sessionIdLength = server[5 + 4 + 2 + 32];
  const at = 5 + 4 + 2 + 32 + 1 + sessionIdLength;
  server[at] = suite >> 8;
  server[at + 1] = suite & 0xff;
  return { ...stream, data: [stream.data[0], { ...stream.data[1], bytes: server }] as typeof stream.data };
}

describe('a suite the importer does not open', () => {
  it.each([
    ['tls12-http1.pcapng', 0xc023, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256'],
    ['tls13-http1.pcapng', 0x1304, 'TLS_AES_128_CCM_SHA256'],
  ] as const)('%s with suite %i: records stay encrypted and the problem names %s', (name, suite, suiteName) => {
    const stream = withSuite(name, suite);
    const keyLog = parseKeyLog(keyLogOf(name)!);
    const s = readTlsSession([stream.data[0].bytes, stream.data[1].bytes], keyLog);
    expect([s.cipherSuite, s.decryption]).toEqual([suite, 'unsupported cipher suite']);
    expect(s.directions.flatMap((d) => d.records).filter((r) => r.encrypted).every((r) => r.plaintext === undefined)).toBe(true);
    const d = dissectStream(stream, keyLog);
    expect(d.problems).toEqual([`TLS: records stay encrypted: ${suiteName} is not one this importer decrypts (AES-GCM and ChaCha20-Poly1305 suites only)`]);
    expect(d.units.every((u) => u.label === 'encrypted record' || !u.record?.encrypted)).toBe(true);
  });

  it('the same patch to an openable suite of the other hash opens nothing (the key schedule follows the suite)', () => {
    const stream = withSuite('tls12-http1.pcapng', 0xc02c);
    const s = readTlsSession([stream.data[0].bytes, stream.data[1].bytes], parseKeyLog(keyLogOf('tls12-http1.pcapng')!));
    expect(s.decryption).toBe('decrypted');
    expect(s.directions.every((d) => d.appData.length === 0)).toBe(true);
  });
});

describe('streams that stop or go wrong', () => {
  it('records before a damaged one are kept and opened; the damage is named with its stream offset', () => {
    const stream = openFixture('tls12-http1.pcapng').tcpStreams[0];
    const client = stream.data[0].bytes;
    const damaged = new Uint8Array(client.length + 6);
    damaged.set(client);
    damaged.set([0x99, 3, 3, 0, 1, 0], client.length);
    const s = readTlsSession([damaged, stream.data[1].bytes], parseKeyLog(keyLogOf('tls12-http1.pcapng')!));
    expect(s.directions[0].problem).toBe(`TLS parse: unknown record content type 153 at stream offset ${client.length} (not TLS, or the stream lost its place)`);
    expect(s.directions[1].problem).toBeUndefined();
    const whole = readTlsSession([client, stream.data[1].bytes], parseKeyLog(keyLogOf('tls12-http1.pcapng')!));
    expect(s.directions[0].records.length).toBe(whole.directions[0].records.length);
    expect(Buffer.from(s.directions[0].appData).toString('latin1')).toMatch(/^GET \/hello HTTP\/1\.1\r\n/);
  });

  it('no whole record in either direction needs no keys; a client alone is still TLS waiting for keys', () => {
    expect(readTlsSession([Uint8Array.of(22, 3, 1, 0, 100), new Uint8Array()], undefined).decryption).toBe('not needed');
    const client = openFixture('tls13-http1.pcapng').tcpStreams[0].data[0].bytes;
    const alone = readTlsSession([client, new Uint8Array()], undefined);
    expect([alone.decryption, alone.version, alone.directions[0].records.length > 1]).toEqual(['no key log', undefined, true]);
    expect(alone.clientRandom).toHaveLength(32);
  });
});
