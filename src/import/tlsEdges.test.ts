import { describe, expect, it } from 'vitest';
import { keyLogOf, openFixture, type Fixture } from '../../tests/support/importFixtures';
import { sealTls13 } from '../../tests/support/tls13Seal';
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

/** The whole records of one direction of a fixture's first connection, as byte arrays. */
function records(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at + 5 <= bytes.length; ) {
    const end = at + 5 + ((bytes[at + 3] << 8) | bytes[at + 4]);
    out.push(bytes.slice(at, end));
    at = end;
  }
  return out;
}
const join = (parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

describe('each side’s hello is read from its own direction, before encryption', () => {
  const name = 'tls13-http1.pcapng';
  const keys = () => parseKeyLog(keyLogOf(name)!);
  const stream = () => openFixture(name).tcpStreams[0];
  /** The ClientHello record with another random (byte 11 on: record 5 + handshake 4 + version 2). */
  const otherHello = (hello: Uint8Array, type = 22) => {
    const copy = hello.slice();
    copy[0] = type;
    copy.fill(0x42, 11, 43);
    return copy;
  };

  it('a ClientHello in the server’s direction is not taken as the client’s', () => {
    const s = stream();
    const [hello] = records(s.data[0].bytes);
    const session = readTlsSession([s.data[0].bytes, join([otherHello(hello), s.data[1].bytes])], keys());
    expect(session.decryption).toBe('decrypted');
    expect(Buffer.from(session.directions[1].appData).toString('latin1')).toContain('hello /\n');
  });

  it('a ClientHello inside an Application Data record is not read as a hello', () => {
    const s = stream();
    const [hello, ...rest] = records(s.data[0].bytes);
    const session = readTlsSession([join([hello, otherHello(hello, 23), ...rest]), s.data[1].bytes], keys());
    expect(session.decryption).toBe('decrypted');
    expect(Buffer.from(session.directions[0].appData).toString('latin1')).toMatch(/^GET \/ HTTP\/1\.1/);
  });

  it('a ServerHello in the client’s direction is not taken as the server’s', () => {
    const s = stream();
    const [hello] = records(s.data[0].bytes);
    const [serverHello] = records(s.data[1].bytes);
    const session = readTlsSession([join([hello, serverHello]), new Uint8Array()], keys());
    expect([session.version, session.cipherSuite]).toEqual([undefined, undefined]);
    // A key log but no ServerHello: no suite to name as unsupported.
    expect(session.decryption).not.toBe('unsupported cipher suite');
  });

  it('a key log with one side’s secrets opens that side only (RFC 8446 §7.1: each direction has its own)', () => {
    const s = stream();
    const serverOnly = keyLogOf(name)!.split('\n').filter((l) => !l.startsWith('CLIENT_')).join('\n');
    const session = readTlsSession([s.data[0].bytes, s.data[1].bytes], parseKeyLog(serverOnly));
    expect(session.decryption).toBe('decrypted');
    expect(session.directions[0].appData.length).toBe(0);
    expect(Buffer.from(session.directions[1].appData).toString('latin1')).toContain('not found');
    // Half a side's secrets (the handshake one without the application one) opens none of that side.
    const handshakeOnly = keyLogOf(name)!.split('\n').filter((l) => !l.startsWith('CLIENT_TRAFFIC_SECRET_0')).join('\n');
    const half = readTlsSession([s.data[0].bytes, s.data[1].bytes], parseKeyLog(handshakeOnly));
    expect(half.directions[0].records.filter((r) => r.encrypted).every((r) => r.plaintext === undefined)).toBe(true);
  });

  it('after the first encrypted record, a late ChangeCipherSpec stays plain and anything else counts as encrypted (RFC 8446 §5)', () => {
    const s = stream();
    const server = records(s.data[1].bytes);
    const firstEncrypted = server.findIndex((r) => r[0] === 23);
    const ccs = Uint8Array.of(20, 3, 3, 0, 1, 1);
    const alert = Uint8Array.of(21, 3, 3, 0, 2, 2, 40);
    const bytes = join([...server.slice(0, firstEncrypted + 1), ccs, alert, ...server.slice(firstEncrypted + 1)]);
    const session = readTlsSession([s.data[0].bytes, bytes], keys());
    const at = (k: number) => session.directions[1].records[firstEncrypted + k];
    expect([at(1).record.type, at(1).encrypted, at(1).plaintext]).toEqual([20, false, Uint8Array.of(1)]);
    expect([at(2).record.type, at(2).encrypted, at(2).plaintext]).toEqual([21, true, undefined]);
    expect(Buffer.from(session.directions[1].appData).toString('latin1')).toContain('not found');
  });
});

/** The fixture's first connection with the server's first record (its ServerHello) cut into records of `size` bytes. */
function withServerHelloSplit(name: Fixture, size: number) {
  const stream = openFixture(name).tcpStreams[0];
  const server = stream.data[1].bytes;
  const length = (server[3] << 8) | server[4];
  const fragment = server.subarray(5, 5 + length);
  const pieces: number[] = [];
  for (let at = 0; at < fragment.length; at += size) {
    const piece = fragment.subarray(at, at + size);
    pieces.push(22, server[1], server[2], piece.length >> 8, piece.length & 0xff, ...piece);
  }
  const bytes = new Uint8Array([...pieces, ...server.subarray(5 + length)]);
  return { ...stream, data: [stream.data[0], { ...stream.data[1], bytes }] as typeof stream.data };
}

describe('a ServerHello split over several records (RFC 5246 §6.2.1: a handshake message may span records)', () => {
  it.each([
    ['tls12-http1.pcapng', 7],
    ['tls12-http1.pcapng', 40],
    ['tls13-http1.pcapng', 7],
  ] as const)('%s in records of %i bytes: opened as the unsplit stream is', (name, size) => {
    const keyLog = parseKeyLog(keyLogOf(name)!);
    const whole = openFixture(name).tcpStreams[0];
    const split = withServerHelloSplit(name, size);
    expect(split.data[1].bytes.length).toBeGreaterThan(whole.data[1].bytes.length);
    const a = readTlsSession([whole.data[0].bytes, whole.data[1].bytes], keyLog);
    const b = readTlsSession([split.data[0].bytes, split.data[1].bytes], keyLog);
    expect(b.decryption).toBe('decrypted');
    expect(a.directions[1].appData.length).toBeGreaterThan(0);
    expect(b.directions.map((d) => d.appData)).toEqual(a.directions.map((d) => d.appData));
  });
});

describe('which key opens a TLS 1.3 record: the handshake key until the side’s encrypted Finished (RFC 8446 §4.4.4, §7.1)', () => {
  const name = 'tls13-http1.pcapng';
  const keyText = () => keyLogOf(name)!;
  const stream = () => openFixture(name).tcpStreams[0];
  const read = (client: Uint8Array, server: Uint8Array) => readTlsSession([client, server], parseKeyLog(keyText()));
  const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
  /** Finished (type 20) with a 32-byte verify_data (SHA-256); its value is not checked here. */
  const finished = () => Uint8Array.of(20, 0, 0, 32, ...new Uint8Array(32).fill(0x5a));

  it('a second ClientHello after a HelloRetryRequest (RFC 8446 §4.1.4) is plaintext, as the first', () => {
    const s = stream();
    const [hello, ccs, ...rest] = records(s.data[0].bytes);
    const session = read(join([hello, ccs, hello, ...rest]), s.data[1].bytes);
    const second = session.directions[0].records[2];
    expect([second.encrypted, second.plaintext?.length, second.handshake.map((m) => m.type)]).toEqual([false, hello.length - 5, [1]]);
    expect(session.directions[0].records.filter((r) => r.encrypted).every((r) => r.plaintext)).toBe(true);
    expect(text(session.directions[0].appData)).toMatch(/^GET \/ HTTP\/1\.1/);
  });

  it('a Finished in a plaintext record moves no side to its application key', () => {
    const s = stream();
    const [hello, ccs, ...rest] = records(s.data[0].bytes);
    const clear = Uint8Array.of(22, 3, 3, 0, 36, ...finished());
    const session = read(join([hello, clear, ccs, ...rest]), s.data[1].bytes);
    const client = session.directions[0].records;
    expect([client[1].encrypted, client[1].handshake.map((m) => m.type)]).toEqual([false, [20]]);
    expect(client.filter((r) => r.encrypted).map((r) => r.key)).toEqual(['client handshake traffic key', ...Array(4).fill('client application traffic key')]);
  });

  it('a post-handshake Finished (RFC 8446 §4.6.2, under the application key) leaves that key in place', () => {
    const s = stream();
    const client = records(s.data[0].bytes);
    // An empty Certificate (context length 0, list length 0) and a Finished in one record, then close_notify.
    const certificate = Uint8Array.of(11, 0, 0, 4, 0, 0, 0, 0);
    const postHandshake = sealTls13(keyText(), 'CLIENT_TRAFFIC_SECRET_0', 3, 22, join([certificate, finished()]));
    const closeNotify = sealTls13(keyText(), 'CLIENT_TRAFFIC_SECRET_0', 4, 21, Uint8Array.of(1, 0));
    const session = read(join([...client.slice(0, -1), postHandshake, closeNotify]), s.data[1].bytes);
    const [post, last] = session.directions[0].records.slice(-2);
    expect([post.key, post.handshake.map((m) => m.type)]).toEqual(['client application traffic key', [11, 20]]);
    expect([last.innerType, last.key, last.plaintext]).toEqual([21, 'client application traffic key', Uint8Array.of(1, 0)]);
  });

  it('one record packing EncryptedExtensions to Finished moves the server to its application key', () => {
    const s = stream();
    const server = records(s.data[1].bytes);
    const whole = read(s.data[0].bytes, s.data[1].bytes);
    const flight = whole.directions[1].records.slice(2, 6);
    expect(flight.map((r) => r.handshake.map((m) => m.type))).toEqual([[8], [11], [15], [20]]);
    const packed = sealTls13(keyText(), 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 0, 22, join(flight.map((r) => r.plaintext!)));
    const session = read(s.data[0].bytes, join([server[0], server[1], packed, ...server.slice(6)]));
    expect(session.directions[1].records[2].handshake.map((m) => m.type)).toEqual([8, 11, 15, 20]);
    expect(session.directions[1].appData).toEqual(whole.directions[1].appData);
    expect(text(session.directions[1].appData)).toContain('not found');
  });
});

describe('a later handshake message that parses as a hello is not taken as one (RFC 5246 §7.4.1.2: the randoms are the hellos’)', () => {
  const name = 'tls12-http1.pcapng';
  const stream = () => openFixture(name).tcpStreams[0];
  /** A hello record made into handshake type `type` with another random (record 5 + handshake 4 + version 2). */
  const asType = (hello: Uint8Array, type: number) => {
    const copy = hello.slice();
    copy[5] = type;
    copy.fill(0x42, 11, 43);
    return copy;
  };

  it('a ClientKeyExchange-typed copy of the ClientHello after it', () => {
    const s = stream();
    const [hello, ...rest] = records(s.data[0].bytes);
    const session = readTlsSession([join([hello, asType(hello, 16), ...rest]), s.data[1].bytes], parseKeyLog(keyLogOf(name)!));
    expect(session.clientRandom).toEqual(hello.slice(11, 43));
    expect([session.decryption, Buffer.from(session.directions[0].appData).toString('latin1')]).toEqual(['decrypted', expect.stringMatching(/^GET \/hello HTTP\/1\.1/)]);
  });

  it('a Certificate-typed copy of the ServerHello after it', () => {
    const s = stream();
    const [hello, ...rest] = records(s.data[1].bytes);
    const session = readTlsSession([s.data[0].bytes, join([hello, asType(hello, 11), ...rest])], parseKeyLog(keyLogOf(name)!));
    expect(session.directions[1].appData.length).toBeGreaterThan(0);
    expect(session.directions[1].appData).toEqual(readTlsSession([s.data[0].bytes, s.data[1].bytes], parseKeyLog(keyLogOf(name)!)).directions[1].appData);
  });
});
